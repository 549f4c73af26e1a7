"""Writes a synthetic record database for the stubgen benchmark (bench/stubgen.sh):
MODULES modules x SUBMODULES submodules x CLASSES classes, each class with constructors, overloaded,
static and pure virtual methods, operators, a nested enum, std::vector arguments, and a base class in
the previous submodule of the same module (so stubs import across modules; hierarchies are at most
SUBMODULES deep, 10 by default, like ITK's 5-10 levels). Writes <out>/db/records-v2.db (wrapgen's
schema, version 1) and <out>/wrap/<sub>.index.txt, and prints the manifest paths in dependency order.

    python bench/stubgen_records.py <out> [modules] [submodules per module] [classes per submodule]
"""
import json
import sqlite3
import sys
from pathlib import Path

SCHEMA = [
    """CREATE TABLE records (owner TEXT NOT NULL, key TEXT NOT NULL, module TEXT NOT NULL, submodule TEXT NOT NULL,
       python_name TEXT NOT NULL, cpp_type TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL,
       PRIMARY KEY (owner, key)) WITHOUT ROWID""",
    "CREATE INDEX records_by_module ON records (owner, module)",
    """CREATE TABLE modules (owner TEXT NOT NULL, module TEXT NOT NULL, digest TEXT NOT NULL,
       record_count INTEGER NOT NULL, PRIMARY KEY (owner, module)) WITHOUT ROWID""",
]


def t(cpp, python, wrapped=None):
    d = {"cpp": cpp, "python": python}
    if wrapped:
        d["wrapped"] = wrapped
    return d


def function(args, returns=None, static=False, pure=False, line=1):
    d = {"arguments": args, "isStatic": static, "isConst": False, "isVirtual": pure, "isPure": pure,
         "isImplicit": False, "line": line}
    if returns:
        d["returns"] = returns
    return d


def arg(name, type_, default=None):
    d = {"name": name, "type": type_}
    if default is not None:
        d["cppDefault"] = default
        d["pythonDefault"] = default
    return d


def record(owner, module, sub, name, index, base):
    key = f"{name}.{sub}"
    me = t(f"ns::{name}", name, key)
    methods = [
        {"name": "Get", "pythonName": "Get", "overloads": [function([], t("double", "float"))]},
        {"name": "Set", "pythonName": "Set", "overloads": [
            function([arg("value", t("double", "float"))], t("void", "None")),
            function([arg("x", t("int", "int")), arg("y", t("int", "int"), "0")], t("void", "None"))]},
        {"name": "Name", "pythonName": "Name", "overloads": [function([], t("std::string", "str"))]},
        {"name": "Values", "pythonName": "Values", "overloads": [
            function([arg("input", t("std::vector<double> const &", "Sequence[float]"))], t("std::vector<int>", "tuple[int, ...]"))]},
        {"name": "New", "pythonName": "New", "overloads": [function([], me, static=True)]},
        {"name": "Update", "pythonName": "Update", "overloads": [function([], t("void", "None"), pure=index % 5 == 0)]},
        {"name": "Copy", "pythonName": "Copy", "overloads": [function([arg("other", me)], me)]},
    ]
    if base:
        methods.append({"name": "AsBase", "pythonName": "AsBase",
                        "overloads": [function([], t(f"ns::{base[0]}", base[0], f"{base[0]}.{base[1]}"))]})
    data = {
        "key": key, "pythonName": name, "owner": owner, "module": module, "submodule": sub, "package": owner,
        "kind": "class", "cppType": f"ns::{name}", "templateArguments": [],
        "bases": [{"cppType": f"ns::{base[0]}", "pythonName": base[0], "submodule": base[1], "access": "public",
                   "isVirtual": False}] if base else [],
        "isAbstract": index % 5 == 0,
        "constructors": [function([]), function([arg("value", t("double", "float")), arg("flag", t("bool", "bool"), "true")])],
        "methods": methods,
        "operators": [{"name": "operator+", "pythonName": "__add__", "overloads": [function([arg("o", me)], me)]},
                      {"name": "operator==", "pythonName": "__eq__", "overloads": [function([arg("o", me)], t("bool", "bool"))]}],
        "enums": [{"name": "Mode", "cppType": f"ns::{name}::Mode", "isScoped": False,
                   "values": [{"name": "Fast", "pythonName": "Fast", "value": 0},
                              {"name": "Exact", "pythonName": "Exact", "value": 1}]}],
        "file": f"/src/{name}.h", "line": 10,
    }
    return key, json.dumps(data, sort_keys=True, separators=(",", ":"))


def main():
    out = Path(sys.argv[1])
    modules, subs, classes = (int(a) for a in (sys.argv[2:5] + ["20", "10", "50"][len(sys.argv) - 2:]))
    (out / "db").mkdir(parents=True, exist_ok=True)
    (out / "wrap").mkdir(parents=True, exist_ok=True)
    path = out / "db" / "records-v2.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    for statement in SCHEMA:
        connection.execute(statement)
    connection.execute("PRAGMA user_version=2")
    owner, previous, manifests = "bench", None, []
    for m in range(modules):
        module = f"Module{m:02d}"
        count = 0
        previous = None  # each module starts new hierarchies
        for s in range(subs):
            sub = f"{module}Sub{s:02d}"
            keys = []
            for c in range(classes):
                name = f"C{m:02d}x{s:02d}x{c:03d}"
                key, data = record(owner, module, sub, name, c, previous[c] if previous else None)
                connection.execute("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                   (owner, key, module, sub, name, f"ns::{name}", "class", data))
                keys.append(key)
            previous = [(k.split(".")[0], sub) for k in keys]
            manifest = out / "wrap" / f"{sub}.index.txt"
            manifest.write_text("".join(k + "\n" for k in sorted(keys)))
            manifests.append(manifest)
            count += len(keys)
        connection.execute("INSERT INTO modules VALUES (?, ?, ?, ?)", (owner, module, "0" * 64, count))
    connection.commit()
    connection.close()
    (out / "manifests.txt").write_text("".join(f"{p.resolve()}\n" for p in manifests))


if __name__ == "__main__":
    main()
