"""Content-based header tracking for the SWIG wrapper compiles (part of the SwiftWrapCache CMake module).

Ninja compares mtimes, so touching a header reruns every compile that includes it even when its
bytes did not change. The module therefore splits the dependency in two:

  digest  LIST OUT DEPFILE
      LIST is the copy of castxml's dependency file of a submodule (every header it read). Writes
      OUT, the SHA-256 of every listed file's content, only when it changes (the edge has restat),
      and DEPFILE, a depfile naming those headers for Ninja. A touched header reruns this cheap
      edge, not the compiles.

  launch --covered LIST [--covered LIST ...] -- COMMAND...
      A compiler launcher (CXX_COMPILER_LAUNCHER). Runs COMMAND (the user's launcher, e.g. ccache,
      then the compiler) and removes from the compiler's dependency file (-MF) every header listed
      in a LIST: the object depends on those headers through the digests instead (OBJECT_DEPENDS).
      Headers no castxml read (SWIG's runtime, Python's headers) stay tracked by mtime.

  aliases OUT IDX...
      Writes OUT (only when it changes) with `typedef <C++ type> <alias>;` for every line
      `{<C++ type>} {<alias>} {<submodule>}` of the .idx files of the modules a module depends on:
      wrapgen's list of what they wrap, base classes it added included. SWIG's cast code in the
      module's wrapper names those aliases (swiftwrap_add_module, "Known limits" in docs/cmake.md).
"""
import hashlib
import os
import re
import subprocess
import sys


def read_depfile(path):
    """Prerequisites of a Makefile depfile (escaped spaces, `$$`, line continuations)."""
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read().replace("\\\r\n", " ").replace("\\\n", " ")
    rule = text.split("\n\n")[0]
    colon = rule.find(": ")
    body = rule[colon + 2:] if colon >= 0 else ""
    words, current, i = [], "", 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body) and body[i + 1] in " #\\":
            current += body[i + 1]
            i += 2
            continue
        if c == "$" and body[i + 1:i + 2] == "$":
            current += "$"
            i += 2
            continue
        if c in " \t\n":
            if current:
                words.append(current)
            current = ""
        else:
            current += c
        i += 1
    if current:
        words.append(current)
    return words


def escape(path):
    return path.replace("\\", "\\\\").replace(" ", "\\ ").replace("#", "\\#").replace("$", "$$")


def write_if_changed(path, data):
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return
    except FileNotFoundError:
        pass
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def digest(listing, out, depfile):
    headers = read_depfile(listing)
    lines = []
    for header in headers:
        with open(header, "rb") as f:
            lines.append(f"{hashlib.sha256(f.read()).hexdigest()} {header}\n")
    write_if_changed(out, "".join(lines).encode("utf-8", "surrogateescape"))
    rule = escape(out) + ":" + "".join(" \\\n  " + escape(h) for h in headers) + "\n"
    write_if_changed(depfile, rule.encode("utf-8", "surrogateescape"))
    return 0


def launch(argv):
    covered_lists = []
    while argv and argv[0] == "--covered":
        covered_lists.append(argv[1])
        argv = argv[2:]
    if not argv or argv[0] != "--":
        print("swiftwrap_headers.py launch: expected -- COMMAND", file=sys.stderr)
        return 64
    command = argv[1:]
    status = subprocess.call(command)
    if status != 0 or "-MF" not in command:
        return status
    depfile = command[command.index("-MF") + 1]
    covered = set()
    for listing in covered_lists:
        if os.path.exists(listing):
            covered.update(os.path.realpath(h) for h in read_depfile(listing))
    with open(depfile, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read().replace("\\\r\n", " ").replace("\\\n", " ")
    target = text.split(": ", 1)[0]
    kept = [d for d in read_depfile(depfile) if os.path.realpath(d) not in covered]
    rule = target + ":" + "".join(" \\\n  " + escape(d) for d in kept) + "\n"
    with open(depfile, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(rule)
    return 0


IDX_LINE = re.compile(r"\{([^{}]+)\} \{([A-Za-z_][A-Za-z0-9_]*)\} \{[^{}]*\}")


def aliases(out, indexes):
    typedefs = {}
    for index in indexes:
        with open(index, encoding="utf-8") as f:
            for number, line in enumerate(f.read().splitlines(), 1):
                match = IDX_LINE.fullmatch(line)
                if not match:
                    print(f"{index}:{number}: error: not a line of an .idx file ('{{<C++ type>}} {{<alias>}} "
                          f"{{<submodule>}}'): {line!r}; rebuild the module that wrote it", file=sys.stderr)
                    return 1
                typedefs[match.group(2)] = match.group(1)
    lines = ["// Generated by swiftwrap_headers.py aliases from the .idx files of the modules this one depends on.\n"]
    lines += [f"typedef {cpp} {alias};\n" for alias, cpp in sorted(typedefs.items())]
    write_if_changed(out, "".join(lines).encode("utf-8"))
    return 0


def main(argv):
    if len(argv) == 4 and argv[0] == "digest":
        return digest(*argv[1:])
    if len(argv) >= 2 and argv[0] == "aliases":
        return aliases(argv[1], argv[2:])
    if argv and argv[0] == "launch":
        return launch(argv[1:])
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
