"""Reads a stamp (format 2: Sources/SwiftWrapRecords/Stamp.swift) for the tests."""


def parse_stamp(text: str) -> dict:
    lines = text.splitlines()
    assert lines[0] == "swiftwrap-stamp 2"
    fields = {"args": [], "manifests": []}
    for line in lines[1:]:
        name, _, value = line.partition(" ")
        value = value.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
        if name == "arg":
            fields["args"].append(value)
        elif name == "manifest":
            fields["manifests"].append(value)
        else:
            fields[name] = value
    return fields
