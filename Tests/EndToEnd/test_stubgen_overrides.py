"""C++ name hiding seen from Python: stubgen marks exactly the overrides mypy rejects with
`# type: ignore[override]`, so the stubs pass `mypy --strict` (which also rejects unused ignores).
The records are written straight into a database created by wrapgen (each case is one method)."""
import json
import os
import sqlite3

from conftest import run, tool
from stubgen_support import ok
from wrapgen_support import DB_NAME, module_args, python_interpreter, run_castxml, wrapgen

# name: (base overloads, derived overloads, expect ignore); an overload is ([arg types], return, static, defaults)
F, I, S, B, ANY = "float", "int", "str", "bool", "Any"
CASES = {
    "Same": ([([F], F)], [([F], F)], False),
    "Narrower": ([([F], F)], [([I], F)], True),
    "Wider": ([([I], F)], [([F], F)], False),
    "AnyArgument": ([([I], I)], [([ANY], I)], False),
    "CovariantReturn": ([([], "Base")], [([], "Derived")], False),
    "OtherReturn": ([([], I)], [([], S)], True),
    "FewerArguments": ([([I, I], None, False, 1)], [([I], None)], True),
    "ExtraDefault": ([([I], None)], [([I, I], None, False, 1)], False),
    "DropsAnOverload": ([([I], I), ([S], S)], [([I], I)], True),
    "AddsAnOverload": ([([I], I), ([S], S)], [([I], I), ([S], S), ([B, B], B)], False),
    "ReordersOverloads": ([([I], I), ([S], S)], [([S], S), ([I], I)], True),
    "OverloadsOneMatches": ([([I], I)], [([S], I), ([I], I)], False),
    "StaticNarrowerReturn": ([([], I, True)], [([], B, True)], False),
    "StaticOtherReturn": ([([], I, True)], [([], S, True)], True),
}


def function(spec, line):
    types, returns = spec[0], spec[1]
    static = spec[2] if len(spec) > 2 else False
    defaults = spec[3] if len(spec) > 3 else 0
    args = []
    for index, python in enumerate(types):
        arg = {"name": f"a{index}", "type": {"cpp": python, "python": python}}
        if python in ("Base", "Derived"):
            arg["type"]["wrapped"] = f"{python}.Ovr"
        if index >= len(types) - defaults:
            arg["cppDefault"] = arg["pythonDefault"] = "0"
        args.append(arg)
    result = {"arguments": args, "isStatic": static, "isConst": False, "isVirtual": False, "isPure": False,
              "isImplicit": False, "line": line}
    if returns is not None:
        result["returns"] = {"cpp": returns, "python": returns}
        if returns in ("Base", "Derived"):
            result["returns"]["wrapped"] = f"{returns}.Ovr"
    return result


def record(name, base, side):
    methods = [{"name": case, "pythonName": case, "overloads": [function(o, n) for n, o in enumerate(spec[side])]}
               for case, spec in sorted(CASES.items())]
    return {"key": f"{name}.Ovr", "pythonName": name, "owner": "ovr", "module": "M", "submodule": "Ovr", "package": "ovr",
            "kind": "class", "cppType": f"ns::{name}", "templateArguments": [],
            "bases": [{"cppType": f"ns::{base}", "pythonName": base, "submodule": "Ovr", "access": "public", "isVirtual": False}]
            if base else [],
            "isAbstract": False, "constructors": [], "methods": methods, "operators": [], "enums": [], "file": "o.h", "line": 1}


def test_incompatible_overrides_are_marked_and_mypy_strict_passes(tmp_path):
    xml = run_castxml(tmp_path / "xml")
    db = tmp_path / "db"
    ok(wrapgen(module_args("Base", xml, tmp_path / "wrap", db)))  # creates the database
    # Base -> Derived -> Leaf: Leaf repeats Derived's methods, so it is checked against Base too.
    leaf = record("Derived", "Derived", 1)
    leaf.update(key="Leaf.Ovr", pythonName="Leaf", cppType="ns::Leaf")
    rows = [record("Base", None, 0), record("Derived", "Base", 1), leaf]
    with sqlite3.connect(db / DB_NAME) as connection:
        for r in rows:
            connection.execute("INSERT INTO records VALUES ('ovr', ?, 'M', 'Ovr', ?, ?, 'class', ?)",
                               (r["key"], r["pythonName"], r["cppType"], json.dumps(r, sort_keys=True)))
    (tmp_path / "Ovr.index.txt").write_text("Base.Ovr\nDerived.Ovr\nLeaf.Ovr\n")
    pkg = tmp_path / "pkg" / "ovr"
    ok(run([tool("stubgen"), "--database-dir", db, "--output-dir", pkg, "--owner", "ovr",
            "--manifest", tmp_path / "Ovr.index.txt"]))
    text = (pkg / "Ovr.pyi").read_text()
    derived = text[text.index("class Derived(Base):"):text.index("class Leaf")]
    leaf_text = text[text.index("class Leaf"):]
    base = text[text.index("class Base:"):text.index("class Derived")]
    assert "ignore" not in base
    for block in (derived, leaf_text):
        marked = set()
        lines = block.splitlines()
        for line in lines:
            if "# type: ignore[override]" in line:
                marked.add(line.split("def ")[1].split("(")[0] if "def " in line else
                           lines[lines.index(line) + 1 + ("@staticmethod" in lines[lines.index(line) + 1])].split("def ")[1].split("(")[0])
        assert marked == {case for case, spec in CASES.items() if spec[2]}, block
    env = dict(os.environ, MYPY_CACHE_DIR=str(tmp_path / ".mypy_cache"))
    result = run([python_interpreter(), "-m", "mypy", "--strict", pkg / "Ovr.pyi", pkg / "__init__.pyi"], cwd=pkg.parent, env=env)
    assert result.returncode == 0, result.stdout.decode() + "\n" + text
