"""C++ names that are Python keywords (issue 11, item 12): a real SWIG module built from wrapgen's
.i imports, its renamed members work, and every stub parses and names exactly what the runtime has."""
import ast
import os
import subprocess

from conftest import REPO, require, run, tool
from wrapgen_support import python_interpreter, wrapgen

HEADERS = REPO / "Tests" / "Fixtures" / "headers" / "keywords"


def test_keyword_names_agree_between_stub_and_runtime(tmp_path):
    python = python_interpreter()
    swig, gxx, castxml = require("swig"), require("g++"), require("castxml")
    xml, out, db, package = tmp_path / "Keywords.xml", tmp_path / "out", tmp_path / "db", tmp_path / "pkg" / "kwp"
    result = run([castxml, "--castxml-output=1", "--castxml-start", "_wrapping_", "--castxml-cc-gnu", "(", "g++",
                  "-std=c++17", "-fno-sized-deallocation", ")", "-w", "-c", f"-I{HEADERS}", "-o", xml,
                  HEADERS / "Keywords.cxx"])
    assert result.returncode == 0, result.stderr.decode()
    result = wrapgen(["--module", "Kw", "--owner", "kwp", "--database-dir", db, "--output-dir", out,
                      "--submodule", f"Keywords={xml}", "--include", "Keywords=keywords.h"])
    assert result.returncode == 0, result.stderr.decode()
    interface = (out / "Keywords.i").read_text()
    for name in ("True", "False", "nonlocal", "None", "print", "lambda"):
        assert f"%rename(_{name}) {name};" in interface, interface

    include = subprocess.check_output([python, "-c", "import sysconfig; print(sysconfig.get_paths()['include'])"], text=True)
    suffix = subprocess.check_output([python, "-c", "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))"], text=True)
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    wrapper = tmp_path / "Keywords_wrap.cxx"
    # -Werror: no warning 314 either (wrapgen's %rename spells out what SWIG would do).
    result = run([swig, "-c++", "-python", "-Werror", f"-I{out}", "-outdir", package, "-o", wrapper, out / "Keywords.i"])
    assert result.returncode == 0, result.stderr.decode()
    result = run([gxx, "-shared", "-fPIC", "-O0", "-w", f"-I{include.strip()}", f"-I{HEADERS}", wrapper,
                  "-o", package / f"_Keywords{suffix.strip()}"])
    assert result.returncode == 0, result.stderr.decode()
    leftover = package / ".Keywords.pyi.tmp.AbC123"   # left by a killed stubgen run
    leftover.write_text("partial")
    os.utime(leftover, (1_000_000, 1_000_000))
    result = run([tool("stubgen"), "--database-dir", db, "--output-dir", package, "--owner", "kwp",
                  "--manifest", out / "Keywords.index.txt", "--stamp", out / "Kw.stamp"])
    assert result.returncode == 0, result.stderr.decode()
    assert not leftover.exists()

    # Every stub is valid Python, and every name it declares exists at run time.
    for stub in sorted(package.glob("*.pyi")):
        ast.parse(stub.read_text(), filename=str(stub))
    tree = ast.parse((package / "Keywords.pyi").read_text())
    declared = []
    for node in tree.body:
        if isinstance(node, ast.AnnAssign):
            declared.append(node.target.id)
        elif isinstance(node, ast.ClassDef):
            declared.append(node.name)
            for member in node.body:
                if isinstance(member, ast.FunctionDef) and member.name != "__init__":
                    declared.append(f"{node.name}.{member.name}")
                elif isinstance(member, ast.AnnAssign):
                    declared.append(f"{node.name}.{member.target.id}")
    assert "_lambda" in declared and "Holder._nonlocal" in declared and "Mode__False" in declared, declared
    script = f'''
import functools
from kwp import Keywords as K
for name in {declared!r}:
    functools.reduce(getattr, name.split("."), K)       # AttributeError if the stub names what SWIG does not
h = K.Holder()
assert h._pass(_def=1) == 2 and h._None() == 1 and h._True() == 3 and h._print(1, 2) == 3
assert h._nonlocal(_True=5, _False=3) == 2 and h.match(4) == 4 and K.Holder._yield() == 11
assert h.use(K._lambda()) == 41
assert (K._None, K._True, K._print, K.plain) == (0, 1, 2, 3)
assert (K.Mode__pass, K.Mode__False, K.Mode__nonlocal, K.Mode_match) == (4, 5, 6, 7)
assert (K.Holder._async, K.Holder.Kind__def, K.Holder.Kind__True) == (8, 10, 11)
print("ok")
'''
    result = run([python, "-c", script], cwd=package.parent)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip() == "ok"
    result = run([python, "-m", "mypy", "--no-incremental", "--cache-dir", tmp_path / "mypy", package / "Keywords.pyi"])
    assert result.returncode == 0, result.stdout.decode()
