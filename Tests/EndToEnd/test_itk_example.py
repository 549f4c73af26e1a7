"""The ITK example (examples/itk, issue 12): a small part of Debian's ITK wrapped through the swiftwrap_*
functions, configured and built with the release tools, the real castxml (through castxml-cache), SWIG
and g++; examples/itk/use_itk.py creates an image with New(), sets pixels and runs two filters; the
stubs pass mypy --strict and stubtest with the installed allowlist (SWIG's machinery only), and the
script itself passes mypy --strict against them. Tests run in order and share one build."""
import glob
import subprocess
import time

import pytest

from cmake_support import ALLOWLIST, Workspace, python, run_mypy, snapshot, stubs_expected

SUBMODULES = ("Geometry", "Images", "Filters")
PACKAGE = "itkwrap"


def require_itk() -> None:
    if not glob.glob("/usr/lib/cmake/ITK-5*/ITKConfig.cmake"):
        pytest.fail("ITK's CMake package is not installed: run 'make setup' (scripts/setup.sh installs "
                    "libinsighttoolkit5-dev)")


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    require_itk()
    return Workspace.create(tmp_path_factory.mktemp("itk-example"))


@pytest.fixture(scope="module")
def tree(ws):
    return ws.root / "build" / "itk"


@pytest.fixture(scope="module")
def first(ws, tree):
    """Configure and build the example once (cold castxml and compiler caches); prints the times."""
    started = time.monotonic()
    ws.configure(ws.src / "examples" / "itk", tree)
    configured = time.monotonic()
    build = ws.ninja(tree)
    print(f"\nITK example: configure {configured - started:.1f} s, cold build {time.monotonic() - configured:.1f} s")
    return build, snapshot(tree)


def test_build_wraps_every_submodule_and_the_script_runs(ws, tree, first):
    build, files = first
    assert sorted(build.steps("CastXML:")) == sorted(f"CastXML: swiftwrap/castxml/{s}.xml" for s in SUBMODULES)
    assert build.castxml_results() == ["miss"] * 3, build.cache_log
    assert sorted(build.steps("wrapgen:")) == ["wrapgen: module Core (Geometry;Images)",
                                              "wrapgen: module Filters (Filters)"]
    script = ws.run_python([str(ws.src / "examples" / "itk" / "use_itk.py")], tree / "python")
    assert script.returncode == 0, script.stdout + script.stderr
    # The thresholded image: (1 + 1) * 2 everywhere but the corner, (5 + 1) * 2 = 12 > 10 there.
    rows = [line.split() for line in script.stdout.splitlines()[:3]]
    assert rows == [["4.0"] * 4, ["4.0"] * 4, ["4.0"] * 3 + ["-1.0"]], script.stdout
    assert "itk works" in script.stdout
    assert "memory leak" not in script.stderr, script.stderr
    assert stubs_expected()
    for sub in SUBMODULES:
        assert f"python/{PACKAGE}/{sub}.pyi" in files


def test_stubs_pass_mypy_strict_and_stubtest_with_the_installed_allowlist(ws, tree, first):
    assert ALLOWLIST.name == "swiftwrap-stubtest-allowlist.txt"
    run_mypy([tree / "python"], [PACKAGE], ws.env)


def test_the_script_type_checks_against_the_stubs(ws, tree, first):
    env = dict(ws.env, MYPYPATH=str(tree / "python"), PYTHONPATH=str(tree / "python"))
    script = ws.src / "examples" / "itk" / "use_itk.py"
    check = subprocess.run([python(), "-m", "mypy", "--strict", "--no-incremental", str(script)], env=env,
                           capture_output=True, text=True, timeout=900)
    assert check.returncode == 0, check.stdout + check.stderr


def test_clean_rebuild_hits_the_castxml_and_swig_caches_and_reproduces_every_output(ws, tree, first):
    _, files = first
    ws.ninja(tree, "-t", "clean")
    started = time.monotonic()
    build = ws.ninja(tree)
    print(f"\nITK example: rebuild after 'ninja -t clean' (warm caches) {time.monotonic() - started:.1f} s")
    assert build.castxml_results() == ["direct-hit"] * 3, build.cache_log
    assert build.swig_results() == ["direct-hit"] * 3, build.cache_log
    assert snapshot(tree) == files
    assert ws.ninja(tree).output.strip().endswith("ninja: no work to do.")
    script = ws.run_python([str(ws.src / "examples" / "itk" / "use_itk.py")], tree / "python")
    assert script.returncode == 0, script.stdout + script.stderr
