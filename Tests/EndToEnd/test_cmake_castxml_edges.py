"""Issue 15, the castxml edges: one castxml-cache process per castxml step (settings as flags; the
depfile in Ninja's form, the header list and the header digest written by castxml-cache itself),
translation units written at configure time. One configured project (three modules, one of them in
a subdirectory, so the build root and the working directory differ); tests run in order and share it.

castxml and Python are given to the module as wrapper scripts that count their starts."""
import stat
import subprocess
import time
from pathlib import Path

import pytest

from cmake_support import REPO, Workspace, mtimes, python, snapshot

SUBMODULES = {"M0": ["S0", "S1"], "M1": ["S2", "S3"], "M2": ["S4"]}
STAGE = ["e-M0", "e-M1", "e-M2"]
OUTPUTS = ("swiftwrap/castxml/*.xml", "swiftwrap/castxml/*.headers.*", "swiftwrap/wrap/*", "python/*/*.pyi",
           "sub/swiftwrap/castxml/*.xml", "sub/swiftwrap/castxml/*.headers.*", "sub/swiftwrap/wrap/*")


def header(k):
    return (f'#pragma once\n#include "base.h"\nnamespace e {{\nclass C{k} : public Base {{\npublic:\n'
            f"  int Value() const override {{ return {k}; }}\n  void Set(int v) {{ m_V = v; }}\n"
            f"private:\n  int m_V = {k};\n}};\n}}\n")


def write_project(root: Path):
    inc = root / "include"
    inc.mkdir(parents=True)
    (inc / "base.h").write_text("#pragma once\nnamespace e {\nclass Base {\npublic:\n  virtual ~Base() = default;\n"
                                "  virtual int Value() const { return 0; }\n};\n}\n")
    for k in range(5):
        (inc / f"c{k}.h").write_text(header(k))
    (root / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.20)\nproject(e LANGUAGES CXX)\n"
        'list(APPEND CMAKE_MODULE_PATH "${SWIFTWRAP_MODULE_PATH}")\ninclude(SwiftWrapCache)\n'
        "swiftwrap_add_submodule(S0 HEADERS base.h c0.h TYPES e::Base e::C0)\n"
        "swiftwrap_add_submodule(S1 HEADERS c1.h TYPES e::C1)\n"
        "swiftwrap_add_module(M0 SUBMODULES S0 S1 INCLUDE_DIRECTORIES include)\n"
        "swiftwrap_add_submodule(S2 HEADERS c2.h TYPES e::C2)\n"
        "swiftwrap_add_submodule(S3 HEADERS c3.h TYPES e::C3)\n"
        "swiftwrap_add_module(M1 SUBMODULES S2 S3 DEPENDS M0 INCLUDE_DIRECTORIES include)\n"
        "add_subdirectory(sub)\n"
        "swiftwrap_add_python_package(e)\n")
    (root / "sub").mkdir()
    (root / "sub" / "CMakeLists.txt").write_text(
        "swiftwrap_add_submodule(S4 HEADERS c4.h TYPES e::C4)\n"
        'swiftwrap_add_module(M2 SUBMODULES S4 DEPENDS M0 INCLUDE_DIRECTORIES "${PROJECT_SOURCE_DIR}/include")\n')


def counting_wrapper(path: Path, real: str, log: Path):
    path.write_text(f'#!/bin/sh\necho "$PPID $*" >> "{log}"\nexec "{real}" "$@"\n')
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def starts(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return Workspace.create(tmp_path_factory.mktemp("castxml-edges"))


@pytest.fixture(scope="module")
def tree(ws):
    source = ws.root / "src" / "edges"
    write_project(source)
    bin_dir = ws.root / "wrappers"
    bin_dir.mkdir()
    castxml = subprocess.run(["sh", "-c", "command -v castxml"], capture_output=True, text=True).stdout.strip()
    counting_wrapper(bin_dir / "castxml", castxml, ws.root / "castxml-starts.log")
    counting_wrapper(bin_dir / "python3", python(), ws.root / "python-starts.log")
    build = ws.root / "build" / "edges"
    ws.configure(source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}",
                 f"-DSWIFTWRAP_CASTXML_EXECUTABLE={bin_dir / 'castxml'}", f"-DPython3_EXECUTABLE={bin_dir / 'python3'}")
    ws.ninja(build, *STAGE, *digest_targets(build))
    return build


def digest_targets(build: Path):
    """The header digests (what the wrapper compiles depend on), as Ninja names them."""
    return [f"{'sub/' if s == 'S4' else ''}swiftwrap/castxml/{s}.headers.sha256"
            for subs in SUBMODULES.values() for s in subs]


def castxml_dir(build: Path, submodule: str) -> Path:
    return build / ("sub" if submodule == "S4" else "") / "swiftwrap" / "castxml"


def castxml_edges(build: Path):
    text = (build / "build.ninja").read_text()
    blocks = [b for b in text.split("\n\n") if "DESC = CastXML:" in b]
    return {b.split("DESC = CastXML: ")[1].split("\n")[0]: b for b in blocks}


def test_1_each_castxml_edge_is_one_castxml_cache_process(ws, tree):
    edges = castxml_edges(tree)
    assert len(edges) == 5
    for name, block in edges.items():
        command = block.split("COMMAND = ")[1].split("\n")[0]
        # `cd <dir> && castxml-cache …`: one process; no cmake -E env/copy/transform, no Python.
        assert command.count("&&") == 1 and "cmake" not in command.split("&&")[1], command
        assert command.split("&& ")[1].split(" ")[0].endswith("/castxml-cache"), command
        assert "--cache-dir" in command and "--header-digest" in command and "--depfile-relative-to" in command
    text = (tree / "build.ninja").read_text()
    assert "python" not in "\n".join(l for l in text.splitlines() if "swiftwrap/castxml" in l and "COMMAND" in l)
    assert "Header digest" not in text and "Translation unit" not in text and "castxml flags of" not in text


def test_2_recovery_starts_no_castxml_and_no_python_and_reproduces_the_outputs(ws, tree):
    ws.ninja(tree, "e-stubs")
    before = snapshot(tree, OUTPUTS)
    assert len([k for k in before if k.endswith(".headers.sha256")]) == 5
    ws.ninja(tree, "-t", "clean")
    assert not list(tree.glob("swiftwrap/castxml/*.xml"))
    castxml_before, python_before = starts(ws.root / "castxml-starts.log"), starts(ws.root / "python-starts.log")
    build = ws.ninja(tree, *STAGE, *digest_targets(tree))
    assert build.castxml_results() == ["direct-hit"] * 5, build.cache_log
    assert starts(ws.root / "castxml-starts.log") == castxml_before, "a recovered castxml step started castxml"
    assert starts(ws.root / "python-starts.log") == python_before, "a castxml or wrapgen step started Python"
    # Nothing but the castxml steps (no translation-unit copy, no digest step) and wrapgen.
    assert sorted(s.split(":")[0] for s in build.steps("")) == ["CastXML"] * 5 + ["wrapgen"] * 3, build.output
    ws.ninja(tree, "e-stubs")
    assert snapshot(tree, OUTPUTS) == before
    assert ws.ninja(tree, *STAGE).output.strip().endswith("ninja: no work to do.")


def test_2b_whole_graph_recovery_starts_no_python_per_submodule(ws, tree):
    """No Python start in any per-submodule step of the whole graph either: the wrapper compiles run
    through `castxml-cache --compile-launcher` (it filters the compiler's depfile), so a recovery
    starts Python only for the per-module alias headers (one per module: M0, M1, M2)."""
    ws.ninja(tree)
    rules = (tree / "CMakeFiles" / "rules.ninja").read_text()
    assert "--compile-launcher" in rules and "swiftwrap_headers.py" not in rules
    log = ws.root / "python-starts.log"
    before = starts(log)
    ws.ninja(tree, "-t", "clean")
    ws.ninja(tree)
    started = log.read_text().splitlines()[before:]
    assert not [line for line in started if "launch" in line], started
    assert len(started) <= 3 and all(" aliases " in line for line in started), started
    # The compiles' recorded dependencies (Ninja loads and deletes their depfiles) lost the headers
    # castxml read, which the digests cover; SWIG's and Python's headers stay.
    deps = subprocess.run(["ninja", "-C", str(tree), "-t", "deps"], capture_output=True, text=True, check=True).stdout
    blocks = [b for b in deps.split("\n\n") if "_wrap.cxx.o:" in b.split("\n")[0]]
    assert len(blocks) == 5, deps
    for block in blocks:
        assert "edges/include/" not in block and "Python.h" in block, block


def old_chain(ws, tree: Path, submodule: str, workdir: Path):
    """What the old graph made of castxml's own depfile (the header list): the header digest
    (swiftwrap_headers.py digest) and the depfile Ninja read (cmake -E cmake_transform_depfile)."""
    d = castxml_dir(tree, submodule)
    current = d.parent.parent
    listing = d / f"{submodule}.headers.list"
    subprocess.run([python(), str(REPO / "CMake" / "swiftwrap_headers.py"), "digest", str(listing),
                    str(workdir / "digest"), str(workdir / "digest.d")], check=True, cwd=current)
    source = ws.root / "src" / "edges"
    subprocess.run(["cmake", "-E", "cmake_transform_depfile", "Ninja", "gccdepfile", str(source),
                    str(source / ("sub" if submodule == "S4" else "")), str(tree), str(current), str(listing),
                    str(workdir / "ninja.d")], check=True, cwd=current)
    return (workdir / "digest").read_bytes(), (workdir / "ninja.d").read_bytes()


@pytest.mark.parametrize("path", ["hit", "miss"])
def test_3_header_list_digest_and_depfile_equal_what_the_old_chain_made(ws, tree, tmp_path, path):
    if path == "miss":
        # A fresh cache: every castxml step runs castxml.
        ws.ninja(tree, "-t", "clean")
        for name in ("cache",):
            subprocess.run(["rm", "-rf", str(ws.root / name)], check=True)
    else:
        ws.ninja(tree, "-t", "clean")
    build = ws.ninja(tree, *STAGE, *digest_targets(tree))
    assert set(build.castxml_results()) == {"direct-hit" if path == "hit" else "miss"}, build.cache_log
    for submodule in [s for subs in SUBMODULES.values() for s in subs]:
        d = castxml_dir(tree, submodule)
        work = tmp_path / submodule
        work.mkdir()
        digest, ninja_depfile = old_chain(ws, tree, submodule, work)
        assert (d / f"{submodule}.headers.sha256").read_bytes() == digest, submodule
        assert (d / f"{submodule}.xml.d").read_bytes() == ninja_depfile, submodule
        listing = (d / f"{submodule}.headers.list").read_text()
        target = "swiftwrap/castxml/" + submodule + ".xml"
        assert listing.startswith(target + ": \\\n  swiftwrap/castxml/" + submodule + ".cxx"), listing
        expected_target = ("sub/" if submodule == "S4" else "") + target
        assert ninja_depfile.decode().startswith(expected_target + ": \\\n"), ninja_depfile
    assert ws.ninja(tree, *STAGE).output.strip().endswith("ninja: no work to do.")


def test_4_touched_header_reruns_only_castxml_of_the_submodules_that_read_it(ws, tree):
    xml = mtimes(tree, "swiftwrap/castxml/*.xml")
    digests = mtimes(tree, "swiftwrap/castxml/*.headers.sha256")
    time.sleep(0.01)
    (ws.root / "src" / "edges" / "include" / "c2.h").touch()
    build = ws.ninja(tree, *STAGE, *digest_targets(tree))
    assert build.steps("") == ["CastXML: swiftwrap/castxml/S2.xml"], build.output
    assert build.castxml_results() == ["direct-hit"], build.cache_log
    assert mtimes(tree, "swiftwrap/castxml/*.xml") == xml
    assert mtimes(tree, "swiftwrap/castxml/*.headers.sha256") == digests
    assert ws.ninja(tree, *STAGE, *digest_targets(tree)).output.strip().endswith("ninja: no work to do.")


def test_5_edited_header_reruns_wrapgen_of_exactly_its_module(ws, tree):
    path = ws.root / "src" / "edges" / "include" / "c4.h"
    digest = (castxml_dir(tree, "S4") / "S4.headers.sha256").read_bytes()
    path.write_text(path.read_text().replace("private:", "  int Twice() const { return 2 * m_V; }\nprivate:"))
    build = ws.ninja(tree, *STAGE, *digest_targets(tree))
    assert build.steps("") == ["CastXML: swiftwrap/castxml/S4.xml", "wrapgen: module M2 (S4)"], build.output
    assert build.castxml_results() == ["miss"], build.cache_log
    assert (castxml_dir(tree, "S4") / "S4.headers.sha256").read_bytes() != digest
    assert "Twice" in (tree / "sub" / "swiftwrap" / "wrap" / "S4.i").read_text()


def test_6_lost_inputs_and_outputs_come_back(ws, tree):
    d = castxml_dir(tree, "S1")
    before = {p.name: p.read_bytes() for p in d.glob("S1.*")}
    for name in ("S1.cxx", "S1.castxml.inc"):
        (d / name).unlink()
        build = ws.ninja(tree, *STAGE, *digest_targets(tree))
        assert "Re-running CMake" in build.output, build.output  # the configure step writes it again
        assert build.steps("CastXML:") == ["CastXML: swiftwrap/castxml/S1.xml"], build.output
        assert build.steps("wrapgen:") == []
        assert (d / name).read_bytes() == before[name]
    for name in ("S1.headers.sha256", "S1.headers.list", "S1.xml.d"):
        (d / name).unlink()
        build = ws.ninja(tree, *STAGE, *digest_targets(tree))
        # wrapgen depends on the digest (doc comments, SWIFTWRAP_DOCSTRINGS): a digest written anew reruns it.
        rerun = ["wrapgen: module M0 (S0;S1)"] if name == "S1.headers.sha256" else []
        assert build.steps("") == ["CastXML: swiftwrap/castxml/S1.xml"] + rerun, (name, build.output)
        assert (d / name).read_bytes() == before[name]
    assert ws.ninja(tree, *STAGE, *digest_targets(tree)).output.strip().endswith("ninja: no work to do.")


def test_7_a_call_the_cache_does_not_serve_still_writes_every_output(ws, tree):
    """SWIFTWRAP_CACHE_DISABLE: castxml-cache runs castxml as a child and writes the same files."""
    ws.ninja(tree, "e-stubs")
    before = snapshot(tree, OUTPUTS)
    ws.ninja(tree, "-t", "clean")
    castxml_before = starts(ws.root / "castxml-starts.log")
    saved = dict(ws.env)
    ws.env["SWIFTWRAP_CACHE_DISABLE"] = "1"
    try:
        build = ws.ninja(tree, *STAGE, *digest_targets(tree))
    finally:
        ws.env.clear()
        ws.env.update(saved)
    assert set(build.castxml_results()) == {"bypass"}, build.cache_log
    assert starts(ws.root / "castxml-starts.log") == castxml_before + 5
    ws.ninja(tree, "e-stubs")
    after = snapshot(tree, OUTPUTS)
    # castxml writes its own -MF depfile (the header list) in clang's layout: the same files, other line breaks.
    lists = [k for k in before if k.endswith(".headers.list")]
    assert len(lists) == 5
    for key in lists:
        old, new = before.pop(key).split(), after.pop(key).split()
        assert [w for w in old if w != b"\\"] == [w for w in new if w != b"\\"], key
    assert after == before
    assert ws.ninja(tree, *STAGE, *digest_targets(tree)).output.strip().endswith("ninja: no work to do.")
