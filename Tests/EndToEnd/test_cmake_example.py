"""CMake scenarios 1-7, 9 and 12 of issue 6 on one configured example build (tests run in order and
share it): full build, no-op, clean rebuild, lost database, lost manifest, header edit, header touch,
a second build tree, and an extension project (from the build tree and from the install tree)."""
import re
import subprocess
import time
from pathlib import Path

import pytest

from cmake_support import (DB_FILE, FIXTURES, Workspace, mtimes, owners_and_modules, record_keys, run_mypy,
                           snapshot, stubs_expected)

SUBMODULES = ("Geometry", "Shapes", "Circles", "Polygons")


def SWIG_AND_LAUNCHER(ws):
    return (f"-DSWIG_EXECUTABLE={ws.counting_swig()}", "-DCMAKE_CXX_COMPILER_LAUNCHER=")


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return Workspace.create(tmp_path_factory.mktemp("cmake-example"))


@pytest.fixture(scope="module")
def tree(ws):
    return ws.root / "build" / "example"


@pytest.fixture(scope="module")
def first(ws, tree):
    """Scenario 1's build: configure and build the example; returns its outputs. SWIG is a counting
    wrapper (issue 15: SWIG processes are counted) and no compiler launcher is set, so the module's
    own choice (ccache, SWIFTWRAP_USE_CCACHE) compiles the wrappers."""
    ws.configure(ws.src / "examples", tree, *SWIG_AND_LAUNCHER(ws))
    build = ws.ninja(tree)
    return build, snapshot(tree)


def test_1_full_build_runs_the_script_and_stubs_pass_mypy(ws, tree, first):
    build, files = first
    assert sorted(build.steps("CastXML:")) == sorted(f"CastXML: swiftwrap/castxml/{s}.xml" for s in SUBMODULES)
    assert len(build.steps("wrapgen:")) == 2 and len(build.steps("SWIG:")) == 4
    script = ws.run_python([str(ws.src / "examples" / "use_geom.py")], tree / "python")
    assert script.returncode == 0, script.stdout + script.stderr
    assert "geom works" in script.stdout
    init = (tree / "python" / "geom" / "__init__.py").read_text()
    assert [l for l in init.splitlines() if l.startswith("from")] == [f"from .{s} import *" for s in SUBMODULES]
    assert stubs_expected()
    for sub in SUBMODULES:
        assert f"python/geom/{sub}.pyi" in files
    assert (tree / "python" / "geom" / "py.typed").exists()
    run_mypy([tree / "python"], ["geom"], ws.env)


def test_2_second_ninja_has_no_work(ws, tree, first):
    assert ws.ninja(tree).output.strip().endswith("ninja: no work to do.")


def test_3_clean_then_build_hits_the_cache_and_reproduces_every_output(ws, tree, first):
    """Issue 15: a recovered graph starts no castxml and no SWIG process and compiles nothing (ccache
    hits); every output (XML, .i, wrappers, proxies, stubs) is byte-identical."""
    _, files = first
    assert sorted(ws.swig_runs()) == sorted(SUBMODULES)
    before = ws.ccache_stats()
    ws.ninja(tree, "-t", "clean")
    assert not list(tree.glob("swiftwrap/castxml/*.xml")) and not list(tree.glob("swiftwrap/swig/*_wrap.cxx"))
    build = ws.ninja(tree)
    assert build.castxml_results() == ["direct-hit"] * 4, build.cache_log
    assert build.swig_results() == ["direct-hit"] * 4, build.cache_log
    assert sorted(ws.swig_runs()) == sorted(SUBMODULES), "a recovered graph must start no SWIG process"
    after = ws.ccache_stats()
    assert after.get("cache_miss", 0) == before.get("cache_miss", 0), (before, after)
    assert sum(after.get(k, 0) - before.get(k, 0) for k in ("direct_cache_hit", "preprocessed_cache_hit")) == 4
    assert snapshot(tree) == files
    assert ws.ninja(tree).output.strip().endswith("ninja: no work to do.")


def test_4_lost_database_and_stub_cost_one_ordinary_build(ws, tree, first):
    _, files = first
    stubs_expected()
    (tree / DB_FILE).unlink()
    (tree / "python" / "geom" / "Circles.pyi").unlink()
    ws.ninja(tree)
    assert snapshot(tree) == files
    assert owners_and_modules(tree / DB_FILE) == {"geom": {"Core", "Figures"}}
    assert ws.ninja(tree).output.strip().endswith("ninja: no work to do.")


def test_4b_lost_database_alone_is_rebuilt_by_the_next_ninja(ws, tree, first):
    """Issue 11 item 10: only the database deleted (every output still there)."""
    _, files = first
    stubs_expected()
    (tree / DB_FILE).unlink()
    build = ws.ninja(tree)
    assert build.steps("stubgen:") == ["stubgen: geom stubs"], build.output
    assert "regenerated lost rows of module(s) Core, Figures" in build.output
    assert owners_and_modules(tree / DB_FILE) == {"geom": {"Core", "Figures"}}
    assert snapshot(tree) == files
    assert ws.ninja(tree).output.strip().endswith("ninja: no work to do.")


def test_4c_install_without_the_database_fails_plainly_and_leaves_nothing(ws, tree, first):
    """Issue 11 item 10: `cmake --install` after the database was lost says what to do, creates no
    empty database in the build tree and no partial snapshot in the install tree; after the next
    ninja (which rebuilds the database) the install succeeds."""
    prefix = ws.root / "lost-database-install"
    (tree / DB_FILE).unlink()
    install = subprocess.run(["cmake", "--install", str(tree), "--prefix", str(prefix)], env=ws.env,
                             capture_output=True, text=True)
    output = install.stdout + install.stderr
    assert install.returncode != 0
    assert "Traceback" not in output, output
    assert "does not exist (deleted, or the project was never built); run the build (ninja)" in output, output
    assert not (tree / DB_FILE).exists(), "no empty database may be created"
    interfaces = prefix / "share" / "swiftwrap" / "geom"
    assert not (interfaces / DB_FILE.name).exists()
    assert not [p.name for p in interfaces.iterdir() if ".tmp" in p.name], "no temporary file may be left"
    ws.ninja(tree)
    install = subprocess.run(["cmake", "--install", str(tree), "--prefix", str(prefix)], env=ws.env,
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr
    assert record_keys(interfaces / DB_FILE.name, "geom") == record_keys(tree / DB_FILE, "geom")
    assert not [p.name for p in interfaces.iterdir() if ".tmp" in p.name]
    assert ws.ninja(tree).output.strip().endswith("ninja: no work to do.")


def test_5_lost_manifest_reruns_only_its_module(ws, tree, first):
    (tree / "swiftwrap" / "wrap" / "Polygons.index.txt").unlink()
    build = ws.ninja(tree)
    assert build.steps("wrapgen:") == ["wrapgen: module Figures (Circles;Polygons)"]
    assert build.steps("CastXML:") == [] and build.steps("SWIG:") == []
    assert (tree / "swiftwrap" / "wrap" / "Polygons.index.txt").exists()
    assert ws.ninja(tree).output.strip().endswith("ninja: no work to do.")


def test_5_lost_translation_unit_is_regenerated_and_hits(ws, tree, first):
    (tree / "swiftwrap" / "castxml" / "Shapes.cxx").unlink()
    (tree / "swiftwrap" / "castxml" / "Shapes.castxml.inc").unlink()
    build = ws.ninja(tree)
    # The .cxx is written at configure time (a configure dependency: its loss reruns cmake); the example's
    # response file holds generator expressions (TARGETS), so a build step copies it from its generated version.
    assert "Re-running CMake" in build.output, build.output
    assert build.steps("castxml flags") == ["castxml flags of Shapes"]
    assert build.castxml_results() == ["direct-hit"], build.cache_log
    assert build.steps("wrapgen:") == [] and build.steps("SWIG:") == []
    assert ws.ninja(tree).output.strip().endswith("ninja: no work to do.")


def test_6_signature_change_in_a_dependent_header_reaches_module_and_stub(ws, tree, first):
    header = ws.src / "examples" / "geom" / "include" / "geom" / "circle.h"
    text = header.read_text()
    old = "void SetRadius(double radius) { m_Radius = radius; }"
    assert old in text
    header.write_text(text.replace(old, "void SetRadius(double radius, double scale) { m_Radius = radius * scale; }"))
    build = ws.ninja(tree)
    assert build.steps("CastXML:") == ["CastXML: swiftwrap/castxml/Circles.xml"]
    assert build.castxml_results() == ["miss"], build.cache_log
    assert build.steps("wrapgen:") == ["wrapgen: module Figures (Circles;Polygons)"]
    assert build.steps("SWIG:") == ["SWIG: geom.Circles"]
    assert not re.search(r"geom\.(Geometry|Shapes)\.dir|_Geometry|_Shapes", build.output), build.output
    assert "double scale" in (tree / "swiftwrap" / "wrap" / "Circles.i").read_text()
    call = ws.run_python(["-c", "import geom; c = geom.Circle(); c.SetRadius(2.0, 1.5); print(c.GetRadius())"],
                         tree / "python")
    assert call.stdout.strip() == "3.0", call.stderr
    stubs_expected()
    assert "scale" in (tree / "python" / "geom" / "Circles.pyi").read_text()
    run_mypy([tree / "python"], ["geom"], ws.env)


def test_6b_an_edited_imported_interface_runs_swig_for_exactly_the_submodules_that_read_it(ws, tree, first):
    """Issue 15: Shapes.i is read by the SWIG steps of Shapes and of Circles and Polygons (%import), not by
    Geometry's: an edit runs SWIG for those three only; the original content back restores all three
    from the cache without a SWIG process."""
    interface = tree / "swiftwrap" / "wrap" / "Shapes.i"
    original = interface.read_bytes()
    wrappers = snapshot(tree, ("swiftwrap/swig/*_wrap.cxx",))
    runs = len(ws.swig_runs())
    try:
        interface.write_bytes(original + b"// edited by hand\n")
        build = ws.ninja(tree)
        assert sorted(build.steps("SWIG:")) == ["SWIG: geom.Circles", "SWIG: geom.Polygons", "SWIG: geom.Shapes"]
        assert sorted(ws.swig_runs()[runs:]) == ["Circles", "Polygons", "Shapes"]
        assert build.swig_results() == ["miss"] * 3, build.cache_log
        assert build.steps("Building CXX") == [], build.output  # a comment: the same wrappers (restat)
    finally:
        interface.write_bytes(original)
    runs = len(ws.swig_runs())
    build = ws.ninja(tree)
    assert sorted(build.steps("SWIG:")) == ["SWIG: geom.Circles", "SWIG: geom.Polygons", "SWIG: geom.Shapes"]
    assert build.swig_results() == ["direct-hit"] * 3 and len(ws.swig_runs()) == runs, build.cache_log
    assert snapshot(tree, ("swiftwrap/swig/*_wrap.cxx",)) == wrappers
    assert ws.ninja(tree).output.strip().endswith("ninja: no work to do.")


def test_7_touched_header_hits_and_changes_no_interface(ws, tree, first):
    interfaces = mtimes(tree, "swiftwrap/wrap/*.i")
    wrappers = mtimes(tree, "swiftwrap/swig/*_wrap.cxx")
    before = ws.ccache_stats()
    time.sleep(0.01)
    (ws.src / "examples" / "geom" / "include" / "geom" / "shape.h").touch()
    build = ws.ninja(tree)
    assert sorted(build.steps("CastXML:")) == [f"CastXML: swiftwrap/castxml/{s}.xml"
                                              for s in ("Circles", "Polygons", "Shapes")]
    assert build.castxml_results() == ["direct-hit"] * 3, build.cache_log
    assert build.steps("wrapgen:") == [] and build.steps("SWIG:") == []
    assert mtimes(tree, "swiftwrap/wrap/*.i") == interfaces
    assert mtimes(tree, "swiftwrap/swig/*_wrap.cxx") == wrappers
    # The wrapper objects depend on the headers' content digests, not their mtimes: no compile, no link.
    assert build.steps("Building CXX") == [] and build.steps("Linking CXX") == [], build.output
    after = ws.ccache_stats()
    assert after.get("cache_miss", 0) == before.get("cache_miss", 0)
    assert ws.ninja(tree).output.strip().endswith("ninja: no work to do.")


def test_7b_header_body_edit_recompiles_the_wrappers_that_include_it(ws, tree, first):
    """The other half of content tracking: a change castxml cannot see (an inline body) still
    recompiles every wrapper that includes the header, and Python sees the new behaviour."""
    shape = ws.src / "examples" / "geom" / "include" / "geom" / "shape.h"
    original = shape.read_text()
    interfaces = mtimes(tree, "swiftwrap/wrap/*.i")
    try:
        shape.write_text(original.replace('static int Dimension() { return 2; }', 'static int Dimension() { return 3; }'))
        build = ws.ninja(tree)
        # wrapgen depends on the header digest (it reads the doc comments from the headers,
        # SWIFTWRAP_DOCSTRINGS), so it reruns; its outputs are the same, so SWIG does not.
        assert build.steps("SWIG:") == [], build.output
        assert mtimes(tree, "swiftwrap/wrap/*.i") == interfaces
        compiled = build.steps("Building CXX")
        assert any("Shapes_wrap" in step for step in compiled), build.output
        call = ws.run_python(["-c", "import geom; print(geom.Shape.Dimension())"], tree / "python")
        assert call.returncode == 0 and call.stdout.strip() == "3", call.stdout + call.stderr
    finally:
        shape.write_text(original)
        ws.ninja(tree)


def test_9_second_build_tree_hits_every_castxml_entry(ws, tree, first):
    tree_b = ws.root / "build" / "example-b"
    ws.configure(ws.src / "examples", tree_b, *SWIG_AND_LAUNCHER(ws))
    runs = len(ws.swig_runs())
    # The default base is the common parent of the source and build trees (here: the workspace root).
    cache_entries = (tree_b / "CMakeCache.txt").read_text()
    assert f"SWIFTWRAP_CACHE_BASE_DIR:PATH={ws.root}\n" in cache_entries
    build = ws.ninja(tree_b)
    assert build.castxml_results() == ["direct-hit"] * 4, build.cache_log
    # Issue 15: SWIG's entries are shared the same way (relocated arguments and files): no SWIG process.
    assert build.swig_results() == ["direct-hit"] * 4 and len(ws.swig_runs()) == runs, build.cache_log
    a, b = snapshot(tree), snapshot(tree_b)
    assert a == b  # same sources: relocated XML, interfaces and stubs are byte-identical
    script = ws.run_python([str(ws.src / "examples" / "use_geom.py")], tree_b / "python")
    assert script.returncode == 0, script.stdout + script.stderr
    assert str(tree_b) in script.stdout


def test_9b_build_tree_at_another_depth_hits_every_castxml_entry(ws, tree, first):
    """Issue 13: the module passes the source and build directories as relocation anchors, so a build
    tree two levels deeper than the first (other relative paths from its commands to the sources)
    still hits every castxml entry, and its XML names its own files."""
    tree_c = ws.root / "build" / "deeper" / "still" / "example-c"
    ws.configure(ws.src / "examples", tree_c)
    targets = subprocess.run(["ninja", "-C", str(tree_c), "-t", "targets", "all"], capture_output=True, text=True,
                             env=ws.env, check=True).stdout
    xml = sorted({line.split(":")[0] for line in targets.splitlines()
                  if re.match(r"^swiftwrap/castxml/[^/:]+\.xml:", line)})
    assert len(xml) == len(SUBMODULES), targets
    build = ws.ninja(tree_c, *xml)
    assert build.castxml_results() == ["direct-hit"] * len(SUBMODULES), build.cache_log
    for name in xml:
        text = (tree_c / name).read_bytes()
        assert text == (tree / name).read_bytes().replace(str(tree).encode(), str(tree_c).encode())


@pytest.mark.parametrize("options,swig_cached,launcher", [
    ((), True, "/usr/bin/ccache"),  # the defaults: the first tree, configured with no launcher
    (("-DSWIFTWRAP_SWIG_CACHE=OFF", "-DSWIFTWRAP_USE_CCACHE=OFF"), False, None),
    (("-DCMAKE_CXX_COMPILER_LAUNCHER=/usr/bin/env",), True, "/usr/bin/env"),
])
def test_13_swig_cache_and_ccache_switches(ws, tree, first, options, swig_cached, launcher):
    """SWIG runs through castxml-cache --swig unless SWIFTWRAP_SWIG_CACHE is OFF; the wrapper compiles use
    ccache unless SWIFTWRAP_USE_CCACHE is OFF or the user chose a launcher (which is kept as it is)."""
    tree_c = tree
    if options:
        tree_c = ws.root / "build" / f"switches-{launcher is None}"
        ws.configure(ws.src / "examples", tree_c, *SWIG_AND_LAUNCHER(ws), *options)
    graph = (tree_c / "build.ninja").read_text()
    swig_commands = [l for l in graph.splitlines() if l.strip().startswith("COMMAND =") and "_wrap.cxx.d" in l]
    assert len(swig_commands) == 4, swig_commands
    assert all((" --swig " in c) == swig_cached for c in swig_commands), swig_commands
    rules = [l for l in (tree_c / "CMakeFiles" / "rules.ninja").read_text().splitlines()
             if "--compile-launcher" in l]
    assert len(rules) == 4
    for rule in rules:
        after = rule.split(" -- ", 1)[1]
        if launcher is None:
            assert "ccache" not in rule and after.startswith("/usr/bin/c++"), rule
        else:
            assert after.startswith(launcher + " /usr/bin/c++"), rule


def test_12_extension_project_derives_from_the_example(ws, tree, first):
    stubs_expected()
    source = ws.root / "src" / "extension"
    import shutil
    shutil.copytree(FIXTURES / "extension", source)
    ext = ws.root / "build" / "extension"
    ws.configure(source, ext, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}",
                 f"-DGEOM_MODULES_FILE={tree / 'geom-swiftwrap-modules.cmake'}")
    ws.ninja(ext)
    code = ("import geom, geomext; r = geomext.Ring(3.0, 1.0); "
            "assert isinstance(r, geom.Circle) and isinstance(r, geom.Shape); "
            "assert r.Encloses(geom.Circle(0.5)) and abs(r.Area() - 8 * geom.Circle.Pi()) < 1e-9; "
            "print(r.Describe(1))")
    call = ws.run_python(["-c", code], ext / "python", tree / "python")
    assert call.returncode == 0, call.stdout + call.stderr
    stub = (ext / "python" / "geomext" / "Rings.pyi").read_text()
    assert "geom" in stub and "Circle" in stub
    run_mypy([ext / "python", tree / "python"], ["geomext"], ws.env)
    database = tree / DB_FILE
    geom_keys = record_keys(database, "geom")
    assert record_keys(database, "geomext") == ["Ring.Rings"]
    # Pruning in either project keeps the other's rows.
    (ext / "python" / "geomext" / "Rings.pyi").unlink()
    ws.ninja(ext)
    assert record_keys(database, "geom") == geom_keys
    (tree / "python" / "geom" / "Shapes.pyi").unlink()
    ws.ninja(tree)
    assert record_keys(database, "geomext") == ["Ring.Rings"]
    assert record_keys(database, "geom") == geom_keys


def test_12_extension_project_from_the_install_tree(ws, tree, first):
    stubs_expected()
    prefix = ws.root / "geom-install"
    install = subprocess.run(["cmake", "--install", str(tree), "--prefix", str(prefix)], env=ws.env,
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr
    interfaces = prefix / "share" / "swiftwrap" / "geom"
    assert record_keys(interfaces / DB_FILE.name, "geom") == record_keys(tree / DB_FILE, "geom")
    source = ws.root / "src" / "extension"  # copied by the build-tree test above
    ext = ws.root / "build" / "extension-installed"
    ws.configure(source, ext, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}",
                 f"-DGEOM_MODULES_FILE={interfaces / 'geom-swiftwrap-modules.cmake'}")
    ws.ninja(ext)
    call = ws.run_python(["-c", "import geom, geomext; r = geomext.Ring(3.0, 1.0); "
                                "assert isinstance(r, geom.Circle); print(r.Width())"], ext / "python", prefix / "python")
    assert call.stdout.strip() == "2.0", call.stdout + call.stderr
    stub = (ext / "python" / "geomext" / "Rings.pyi").read_bytes()
    assert b"from geom.Circles import Circle" in stub
    run_mypy([ext / "python", prefix / "python"], ["geomext"], ws.env)
    # This project keeps its own database (the install tree is never written); losing it costs one build.
    database = ext / DB_FILE
    assert set(owners_and_modules(database)) == {"geom", "geomext"}
    database.unlink()
    (ext / "python" / "geomext" / "Rings.pyi").unlink()
    ws.ninja(ext)
    assert (ext / "python" / "geomext" / "Rings.pyi").read_bytes() == stub
    assert set(owners_and_modules(database)) == {"geom", "geomext"}
    assert ws.ninja(ext).output.strip().endswith("ninja: no work to do.")
