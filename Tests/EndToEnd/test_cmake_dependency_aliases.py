"""The aliases a DEPENDS module's wrapper compile needs (swig/<M>.aliases.h, docs/cmake.md "Known
limits") come from the dependency modules' .idx files: a base class wrapgen added to module Lower
(listed in no TYPES) is named by SWIG's cast code in module Upper's wrapper. Found on ITK: Filters
takes Core's ImageF2, whose base ImageBase2 only wrapgen knows of."""
import shutil
import subprocess

from cmake_support import FIXTURES, Workspace, python, run_mypy
from conftest import REPO

HEADERS_SCRIPT = REPO / "CMake" / "swiftwrap_headers.py"


def test_a_module_taking_a_class_whose_bases_only_wrapgen_listed_builds_and_runs(tmp_path):
    ws = Workspace.create(tmp_path)
    source = ws.root / "src" / "dependency-aliases"
    shutil.copytree(FIXTURES / "dependency-aliases", source)
    build = ws.root / "build" / "dependency-aliases"
    ws.configure(source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}")
    ws.ninja(build)
    code = "import layers; w = layers.Widget(); print(layers.User().Inspect(w), w.Get(), w.Parts())"
    call = ws.run_python(["-c", code], build / "python")
    assert call.returncode == 0 and call.stdout.strip() == "10 2.0 3", call.stdout + call.stderr
    aliases = (build / "swiftwrap" / "swig" / "Upper.idx-aliases.h").read_text()
    assert "typedef layers::Root Root;" in aliases and "typedef layers::Widget Widget;" in aliases, aliases
    run_mypy([build / "python"], ["layers"], ws.env)
    assert ws.ninja(build).output.strip().endswith("ninja: no work to do.")


def test_a_bad_idx_line_fails_naming_file_and_line_and_writes_nothing(tmp_path):
    good = tmp_path / "Good.idx"
    good.write_text("{ns::A<int, 2>} {AI2} {Good}\n")
    bad = tmp_path / "Bad.idx"
    bad.write_text("{ns::B} {B} {Bad}\nns::C C Bad\n")
    out = tmp_path / "M.idx-aliases.h"
    result = subprocess.run([python(), str(HEADERS_SCRIPT), "aliases", str(out), str(good), str(bad)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{bad}:2: error: not a line of an .idx file" in result.stderr, result.stderr
    assert "rebuild the module that wrote it" in result.stderr
    assert not out.exists() and not list(tmp_path.glob("*.tmp*"))
    ok = subprocess.run([python(), str(HEADERS_SCRIPT), "aliases", str(out), str(good)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert out.read_text().splitlines()[1:] == ["typedef ns::A<int, 2> AI2;"]
