"""castxml-cache's operations of issue 13 (the i13-tools part): --show-config, --inspect, --verify,
--explain, --export/--import, relocation anchors for trees at two depths, and the ITK aliases and
command forms. Each test runs the release binary with the real castxml (a copied castxml install
only where a replaced tool is the point)."""
import os
import re
import shutil
from pathlib import Path

from castxml_cache_harness import (CASTXML, Cache, Project, assert_ok, base_env, copy_tree, replace_option, run_cmd,
                                   write)


def anchored(project: Project, build: Path) -> dict:
    """What the CMake module passes: the base (the common parent) and the two anchors."""
    return {"SWIFTWRAP_CACHE_BASE_DIR": str(project.root), "SWIFTWRAP_CACHE_SOURCE_DIR": str(project.root),
            "SWIFTWRAP_CACHE_BUILD_DIR": str(build)}


def tree_args(project: Project, build: Path, extra=()):
    """The CMake module's form: the translation unit generated in the build tree, headers of the
    source tree by absolute path, the output beside the unit, the command run in that directory."""
    tu = build / "sub" / "probe.cxx"
    if not tu.exists():
        write(tu, project.tu.read_text())
    return project.args(out=str(build / "sub" / "probe.xml"), relative=False, tu=tu, extra=extra)


def tool_output(cache: Cache, options, env=None, cwd=None) -> str:
    result = run_cmd([cache.tool, *options], cwd=cwd, env=cache.env(env))
    assert_ok(result, f"castxml-cache {' '.join(map(str, options))}")
    return result.stdout.decode()


def test_trees_at_two_depths_share_entries_through_the_anchors(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    shallow, deep = project.root / "build", project.root / "out" / "x" / "y"
    for tree in (shallow, deep):
        (tree / "sub").mkdir(parents=True)
    fresh = cache.expect_fresh(tree_args(project, shallow), shallow / "sub", env=anchored(project, shallow))
    expected = cache.reference(tree_args(project, deep), deep / "sub")
    assert str(deep / "sub" / "probe.cxx").encode() in expected and fresh != expected
    cache.expect_direct_hit(tree_args(project, deep), deep / "sub", expected, env=anchored(project, deep))
    # The base directory alone relocates relative to the working directory: the deeper tree misses.
    base_cache = Cache(tmp_path / "base-only")
    base = {"SWIFTWRAP_CACHE_BASE_DIR": str(project.root)}
    base_cache.expect_fresh(tree_args(project, shallow), shallow / "sub", env=base)
    base_cache.expect_fresh(tree_args(project, deep), deep / "sub", env=base)
    assert base_cache.results() == ["miss", "miss"]


def test_explain_names_the_edited_header_a_changed_flag_and_a_replaced_tool(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    cache.expect_fresh(args, cwd)
    before = cache.processes()
    out = tool_output(cache, ["--explain", cache.castxml, *args], cwd=cwd)
    assert out.startswith("hit: direct hit"), out
    deep = project.header("shapes/detail/deep.h")
    deep.write_text(deep.read_text() + "struct Extra {};\n")
    out = tool_output(cache, ["--explain", cache.castxml, *args], cwd=cwd)
    assert out.startswith("miss:"), out
    # Named as castxml read it: through the relative -I of this command line.
    assert f"first difference: header {os.path.relpath(deep, cwd)} changed" in out, out
    out = tool_output(cache, ["--explain", cache.castxml, *project.args(extra=["-DPOINT_DIM=3"])], cwd=cwd)
    assert "first difference: flag -DPOINT_DIM=3" in out, out
    # A replaced castxml: a copied install whose binary differs by one appended byte.
    prefix = tmp_path / "castxml-copy"
    (prefix / "bin").mkdir(parents=True)
    shutil.copy2(CASTXML, prefix / "bin" / "castxml")
    shutil.copytree("/usr/share/castxml", prefix / "share" / "castxml", symlinks=True)
    with open(prefix / "bin" / "castxml", "ab") as handle:
        handle.write(b"\0")
    out = tool_output(cache, ["--explain", str(prefix / "bin" / "castxml"), *args], cwd=cwd)
    assert "first difference: tool castxml replaced" in out, out
    assert cache.processes() == before, "--explain must not run castxml (the counting wrapper)"
    assert cache.results() == ["miss"], "--explain writes no log line"


def test_verify_removes_a_damaged_entry_and_object_and_counts(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    cache.expect_fresh(project.args(), cwd)
    cache.expect_fresh(project.args(out="other.xml", extra=["-DPOINT_DIM=3"]), cwd)
    objects, entries = cache.files(".obj"), cache.files(".mf")
    assert len(objects) == 2 and len(entries) == 2
    damaged = bytearray(objects[0].read_bytes())
    damaged[-5] ^= 0xFF  # inside the stored XML: only a full read finds it
    objects[0].write_bytes(bytes(damaged))
    entries[1].write_bytes(entries[1].read_bytes().replace(b"entry ", b"entrx ", 1))
    out = tool_output(cache, ["--verify"])
    assert "checked 2 entry files" in out and "and 2 objects" in out, out
    assert "removed 1 damaged entry files and 1 damaged objects" in out, out
    assert not objects[0].exists() and not entries[1].exists()
    assert objects[1].exists()
    # The entry of the removed object is dropped (unless it was the damaged entry file itself).
    dropped = re.search(r"dropped (\d+) entries", out).group(1)
    assert int(dropped) + len(cache.files(".mf")) == 1, out
    result = run_cmd([cache.tool, "--verify"], env=cache.env())
    assert_ok(result)
    assert result.stderr == b"", "progress goes to stderr only when it is a terminal (here: a pipe)"
    out = result.stdout.decode()
    assert "removed 0 damaged entry files and 0 damaged objects; dropped 0" in out, out


def test_export_import_into_an_empty_cache_elsewhere_gives_pure_hits(tmp_path):
    cache, project = Cache(tmp_path / "ci"), Project(tmp_path / "ci" / "checkout")
    build = project.root / "build"
    (build / "sub").mkdir(parents=True)
    variants = [(), ("-DPOINT_DIM=3",)]
    for extra in variants:
        args = replace_option(tree_args(project, build, extra), "-o", str(build / "sub" / f"probe{len(extra)}.xml"))
        # The real castxml on both machines: the counting wrapper scripts differ (their counter paths).
        cache.expect_fresh(args, build / "sub", env=anchored(project, build), castxml=CASTXML)
    archive = tmp_path / "entries.swc"
    out = tool_output(cache, ["--export", str(archive), "--used-since", "1h"])
    assert "2 objects and 2 entries" in out, out
    text = archive.read_bytes()
    assert text.startswith(b"swiftwrap-cache-archive 1\n")
    for local in (b"inodes", b"identity/", b"stats/", b".lock", b"outputs/"):
        assert local not in text

    # Another machine: another cache directory and the checkout at another path and depth.
    second = Cache(tmp_path / "dev")
    copy_tree(project.root, tmp_path / "dev" / "work" / "checkout")
    moved = Project(tmp_path / "dev" / "work" / "checkout", write_files=False)
    tree = moved.root / "b" / "release"
    (tree / "sub").mkdir(parents=True)
    out = tool_output(second, ["--import", str(archive)])
    assert "imported 2 objects" in out and "2 entries" in out, out
    for extra in variants:
        args = replace_option(tree_args(moved, tree, extra), "-o", str(tree / "sub" / f"probe{len(extra)}.xml"))
        second.expect_direct_hit(args, tree / "sub", second.reference(args, tree / "sub"), env=anchored(moved, tree),
                                 castxml=CASTXML)
    assert second.results() == ["direct-hit", "direct-hit"]
    # Importing again changes nothing; a damaged archive is refused whole.
    assert "imported 0 objects (2 already present" in tool_output(second, ["--import", str(archive)])
    broken = tmp_path / "broken.swc"
    broken.write_bytes(text[:-80] + bytes(80))
    result = run_cmd([second.tool, "--import", str(broken)], env=second.env())
    assert result.returncode == 1 and str(broken) in result.stderr.decode(), result.stderr
    result = run_cmd([second.tool, "--export", str(archive), "--used-since", "5"], env=second.env())
    assert result.returncode == 64 and b"30d, 12h, 90m or 45s" in result.stderr


def test_itk_aliases_and_command_forms(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    itk_root = tmp_path / "itk-cache"
    env = base_env({"ITK_WRAP_CACHE": str(itk_root), "SWIFTWRAP_CACHE_LOG": str(cache.log)})
    for _ in range(2):
        assert_ok(run_cmd([cache.tool, cache.castxml, *args], cwd=cwd, env=env))
    assert cache.results() == ["miss", "direct-hit"]
    assert list(itk_root.rglob("*.obj")), "ITK_WRAP_CACHE names the cache directory"
    out = run_cmd([cache.tool, "--show-config"], env=env).stdout.decode()
    assert re.search(r"SWIFTWRAP_CACHE_DIR\s+" + re.escape(str(itk_root)) +
                     r"\s+environment ITK_WRAP_CACHE \(alias of SWIFTWRAP_CACHE_DIR\)", out), out
    bypass = dict(env, ITK_WRAP_CACHE_BYPASS="1")
    assert_ok(run_cmd([cache.tool, cache.castxml, *args], cwd=cwd, env=bypass))
    assert cache.results()[-1] == "bypass"
    # The prototype's command forms: --no-cache <castxml> …, --cache-dir DIR.
    assert_ok(run_cmd([cache.tool, "--no-cache", cache.castxml, *args], cwd=cwd, env=env))
    assert cache.results()[-1] == "bypass"
    other = tmp_path / "flag-cache"
    assert_ok(run_cmd([cache.tool, "--cache-dir", str(other), cache.castxml, *args], cwd=cwd, env=env))
    assert cache.results()[-1] == "miss" and list(other.rglob("*.obj"))


def test_show_config_shows_every_setting_with_its_origin(tmp_path):
    cache = Cache(tmp_path)
    out = tool_output(cache, ["--compression", "zstd", "--show-config"], env={"SWIFTWRAP_CACHE_MODE": "preprocessor"})
    assert re.search(r"SWIFTWRAP_CACHE_COMPRESSION\s+zstd\s+flag --compression", out), out
    assert re.search(r"SWIFTWRAP_CACHE_MODE\s+preprocessor\s+environment SWIFTWRAP_CACHE_MODE", out), out
    assert re.search(r"SWIFTWRAP_CACHE_TOUCH\s+0\s+default", out), out
    assert re.search(r"SWIFTWRAP_CACHE_SOURCE_DIR\s+\(unset\)", out), out
    assert re.search(r"SWIFTWRAP_CACHE_DIR\s+" + re.escape(str(cache.dir)), out), out


def test_inspect_by_key_and_by_output_path(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    cache.expect_fresh(args, cwd)
    line = cache.log_lines()[-1]
    direct = re.search(r"direct=([0-9a-f]{64})", line).group(1)
    obj = re.search(r"object=([0-9a-f]{64})", line).group(1)
    by_key = tool_output(cache, ["--inspect", direct[:12]])
    by_output = tool_output(cache, ["--inspect", "probe.xml"], cwd=cwd)
    by_object = tool_output(cache, ["--inspect", obj])
    for out in (by_key, by_output, by_object):
        assert f"direct key   {direct}" in out, out
        assert f"object       {obj}" in out
        assert "arg          -DPOINT_DIM" not in out
        assert "arg          --castxml-start" in out and "compiler-arg -std=c++17" in out
        assert "stored       20" in out and "last used  20" in out
        assert re.search(r"XML \d+ bytes, codec lz4", out)
        assert "R:../include/shapes/base.h" in out and "dependencies (" in out
    result = run_cmd([cache.tool, "--inspect", "nothing-here.xml"], cwd=cwd, env=cache.env())
    assert result.returncode == 1 and b"no entry" in result.stderr
