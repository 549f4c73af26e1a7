"""castxml-cache --swig (issue 15): SWIG runs cached like castxml runs.

Each test builds a small SWIG project in a temporary tree (an .i that %includes another .i and a
header through -I), runs `castxml-cache --swig` in front of a counting swig wrapper script (one line
in the counter file per SWIG process that generates wrappers), and compares every output (wrapper
.cxx, proxy .py, depfile) byte for byte with a fresh run of the real swig with the same arguments.
"""
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Dict, List

import pytest

from conftest import require, tool

SWIG = "/usr/bin/swig"
TIMEOUT = 120

HEADER = "struct Point { int x; int y; int sum() const { return x + y; } };\n"
COMMON_I = '%{\n#include "point.h"\n%}\n'
MAIN_I = '%module shapes\n%include "common.i"\n%include "point.h"\n'


class Project:
    """<root>/tree/{shapes.i, inc/common.i, inc/point.h, out/, py/}, a counting swig and a scratch cache."""

    def __init__(self, root: Path, tree: str = "tree"):
        require("swig")
        self.root = root
        self.tree = root / tree
        (self.tree / "inc").mkdir(parents=True)
        (self.tree / "out").mkdir()
        (self.tree / "py").mkdir()
        (self.tree / "shapes.i").write_text(MAIN_I)
        (self.tree / "inc" / "common.i").write_text(COMMON_I)
        (self.tree / "inc" / "point.h").write_text(HEADER)
        self.counter = root / "swig-runs.txt"
        self.swig = root / "bin" / "swig"
        self.swig.parent.mkdir(exist_ok=True)
        self.swig.write_text(f'#!/bin/sh\necho run >> "{self.counter}"\nexec {SWIG} "$@"\n')
        self.swig.chmod(0o755)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("SWIFTWRAP_", "SWIG_"))}
        self.env.update(SWIFTWRAP_CACHE_DIR=str(root / "cache"), SWIFTWRAP_CACHE_LOG=str(root / "cache.log"))

    def args(self, *extra: str, depfile: str = "-MD", phony: bool = False) -> List[str]:
        t = self.tree
        args = ["-c++", "-python", *extra, f"-I{t}/inc", "-outdir", f"{t}/py", "-o", f"{t}/out/shapes_wrap.cxx",
                depfile, "-MF", f"{t}/out/shapes_wrap.cxx.d", "-MT", f"{t}/out/shapes_wrap.cxx"]
        return args + (["-MP"] if phony else []) + [f"{t}/shapes.i"]

    def runs(self) -> int:
        return len(self.counter.read_text().splitlines()) if self.counter.exists() else 0

    def cached(self, args: List[str], swig: str = "", check: bool = True, env: Dict[str, str] = None) -> subprocess.CompletedProcess:
        result = subprocess.run([tool("castxml-cache"), "--swig", swig or str(self.swig), *args], cwd=self.tree,
                                env=env or self.env, capture_output=True, timeout=TIMEOUT)
        if check:
            assert result.returncode == 0, result.stderr.decode()
        return result

    def results(self) -> List[str]:
        log = self.root / "cache.log"
        return re.findall(r"result=(\S+)", log.read_text()) if log.exists() else []

    def outputs(self) -> Dict[str, bytes]:
        t = self.tree
        return {"wrapper": (t / "out" / "shapes_wrap.cxx").read_bytes(), "proxy": (t / "py" / "shapes.py").read_bytes(),
                "depfile": (t / "out" / "shapes_wrap.cxx.d").read_bytes()}

    def fresh(self, args: List[str]) -> Dict[str, bytes]:
        """What the real swig writes now for the same arguments (run in a copy of the output directories)."""
        saved = {d: self.root / f"saved-{d}" for d in ("out", "py")}
        for d, copy in saved.items():
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(self.tree / d, copy)
        result = subprocess.run([SWIG, *args], cwd=self.tree, env=self.env, capture_output=True, timeout=TIMEOUT)
        assert result.returncode == 0, result.stderr.decode()
        fresh = self.outputs()
        for d, copy in saved.items():
            shutil.rmtree(self.tree / d)
            copy.rename(self.tree / d)
        return fresh


@pytest.fixture
def project(tmp_path):
    return Project(tmp_path)


@pytest.mark.parametrize("depfile,phony", [("-MD", False), ("-MMD", True)])
def test_hit_restores_every_output_byte_identical_without_a_swig_process(project, depfile, phony):
    args = project.args(depfile=depfile, phony=phony)
    project.cached(args)
    assert project.runs() == 1 and project.results() == ["miss"]
    expected = project.fresh(args)
    assert project.outputs() == expected
    for name in ("out/shapes_wrap.cxx", "py/shapes.py", "out/shapes_wrap.cxx.d"):
        (project.tree / name).unlink()
    project.cached(args)
    assert project.runs() == 1, "a hit must start no swig process"
    assert project.results() == ["miss", "direct-hit"]
    assert project.outputs() == expected
    if depfile == "-MMD":
        assert b"swig.swg" not in expected["depfile"] and b"common.i" in expected["depfile"]


def test_hit_leaves_unchanged_outputs_untouched(project):
    args = project.args()
    project.cached(args)
    files = [project.tree / "out" / "shapes_wrap.cxx", project.tree / "py" / "shapes.py", project.tree / "out" / "shapes_wrap.cxx.d"]
    for f in files:
        os.utime(f, ns=(1_000_000_000, 1_000_000_000))
    project.cached(args)
    assert project.results()[-1] == "direct-hit"
    assert [f.stat().st_mtime_ns for f in files] == [1_000_000_000] * 3


@pytest.mark.parametrize("edit", ["included .i", "header", "main .i"])
def test_an_edited_input_is_a_miss_with_fresh_outputs(project, edit):
    args = project.args()
    project.cached(args)
    target, text = {"included .i": ("inc/common.i", COMMON_I + "%inline %{ int added_by_edit() { return 1; } %}\n"),
                    "header": ("inc/point.h", HEADER.replace("int y;", "int y; int added_by_edit;")),
                    "main .i": ("shapes.i", MAIN_I + "%inline %{ int added_by_edit() { return 2; } %}\n")}[edit]
    (project.tree / target).write_text(text)
    project.cached(args)
    assert project.runs() == 2 and project.results() == ["miss", "miss"]
    outputs = project.outputs()
    assert b"added_by_edit" in outputs["wrapper"]
    assert outputs == project.fresh(args)


def test_a_changed_flag_is_a_miss(project):
    project.cached(project.args())
    project.cached(project.args("-DEXTRA_FLAG"))
    project.cached(project.args("-builtin"))
    assert project.runs() == 3 and project.results() == ["miss", "miss", "miss"]
    assert project.outputs() == project.fresh(project.args("-builtin"))


def test_a_new_file_that_shadows_an_included_one_is_a_miss(project):
    """SWIG searches the working directory before -I: a new common.i there is what SWIG reads now."""
    args = project.args()
    project.cached(args)
    (project.tree / "common.i").write_text(COMMON_I + "%inline %{ int shadowing() { return 3; } %}\n")
    project.cached(args)
    assert project.results() == ["miss", "miss"]
    assert b"shadowing" in project.outputs()["wrapper"]
    assert project.outputs() == project.fresh(args)


def test_relocated_tree_hits_with_paths_of_the_new_tree(project, tmp_path):
    project.env["SWIFTWRAP_CACHE_BASE_DIR"] = str(tmp_path)
    project.cached(project.args())
    other = Project(tmp_path / "elsewhere", tree="checkout")
    other.env = dict(project.env)
    other.swig, other.counter = project.swig, project.counter
    other.cached(other.args())
    assert project.runs() == 1 and project.results() == ["miss", "direct-hit"]
    outputs = other.outputs()
    assert str(other.tree).encode() in outputs["depfile"] and str(project.tree).encode() not in outputs["depfile"]
    assert outputs == other.fresh(other.args())


def test_a_replaced_swig_binary_is_a_miss(project, tmp_path):
    binary = tmp_path / "swig-copy"
    shutil.copy2(SWIG, binary)
    project.cached(project.args(), swig=str(binary))
    project.cached(project.args(), swig=str(binary))
    assert project.results() == ["miss", "direct-hit"]
    # Same path, other content (a script that runs the real swig): never served from the old entry.
    binary.unlink()
    binary.write_text(f'#!/bin/sh\necho run >> "{project.counter}"\nexec {SWIG} "$@"\n')
    binary.chmod(0o755)
    project.cached(project.args(), swig=str(binary))
    assert project.results() == ["miss", "direct-hit", "miss"] and project.runs() == 1


@pytest.mark.parametrize("damaged", ["objects", "manifests"])
def test_a_corrupt_object_or_entry_is_a_miss_and_is_repaired(project, damaged):
    args = project.args()
    project.cached(args)
    expected = project.outputs()
    suffix = ".obj" if damaged == "objects" else ".mf"
    files = list((project.root / "cache").glob(f"v2/{damaged}/*/*{suffix}"))
    assert len(files) == 1
    data = bytearray(files[0].read_bytes())
    data[len(data) // 2] ^= 0xFF
    files[0].write_bytes(bytes(data))
    (project.tree / "out" / "shapes_wrap.cxx").unlink()
    project.cached(args)
    assert project.results() == ["miss", "miss"] and project.runs() == 2
    assert project.outputs() == expected
    project.cached(args)
    assert project.results()[-1] == "direct-hit" and project.runs() == 2


def test_a_failed_swig_passes_through_and_is_not_stored(project):
    args = project.args()
    project.cached(args)
    before = project.outputs()
    (project.tree / "inc" / "common.i").write_text(COMMON_I + "this is not swig;\n")
    direct = subprocess.run([SWIG, *args], cwd=project.tree, capture_output=True, timeout=TIMEOUT)
    # swig itself: status 1, the error on stderr, the old wrapper and proxy kept, the depfile removed.
    (project.tree / "out" / "shapes_wrap.cxx.d").write_bytes(before["depfile"])
    for _ in range(2):
        result = project.cached(args, check=False)
        assert (result.returncode, result.stdout, result.stderr) == (direct.returncode, direct.stdout, direct.stderr)
        assert result.returncode != 0 and b"Error" in result.stderr
    assert project.runs() == 3 and project.results() == ["miss", "miss", "miss"]
    assert (project.tree / "out" / "shapes_wrap.cxx").read_bytes() == before["wrapper"]
    assert not (project.tree / "out" / "shapes_wrap.cxx.d").exists()
    assert not list((project.tree / "out").glob(".*")) and not list((project.tree / "py").glob(".*"))


def test_command_lines_it_cannot_place_run_swig_directly(project):
    t = project.tree
    result = project.cached(["-c++", "-python", f"-I{t}/inc", "-outdir", f"{t}/py", f"{t}/shapes.i"])
    assert project.results() == ["bypass"] and project.runs() == 1
    assert (t / "shapes_wrap.cxx").exists() and result.returncode == 0


def test_a_file_named_by_insert_is_a_dependency_although_swig_does_not_list_it(project):
    """SWIG 4.1 reads %insert("header") "file" without listing it in its -MD output."""
    (project.tree / "inc" / "extra.txt").write_text("// inserted code v1\n")
    (project.tree / "shapes.i").write_text(MAIN_I + '%insert("header") "extra.txt"\n')
    args = project.args()
    project.cached(args)
    assert str(project.tree / "inc" / "extra.txt").encode() in project.outputs()["depfile"]
    (project.tree / "inc" / "extra.txt").write_text("// inserted code v2\n")
    project.cached(args)
    assert project.results() == ["miss", "miss"] and project.runs() == 2
    assert b"inserted code v2" in project.outputs()["wrapper"]
    project.cached(args)
    assert project.results()[-1] == "direct-hit"
