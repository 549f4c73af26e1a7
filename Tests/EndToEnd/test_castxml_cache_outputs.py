"""What a run leaves behind: failures passed through (design.md §3 row 9), replayed warnings,
depfiles on hits and misses (toolchain.md §2.5), and output mtimes for Ninja's restat."""
import os
import time

import pytest

from castxml_cache_harness import (CASTXML, HIT_RESULTS, Cache, Project, assert_ok, assert_same, castxml_args,
                                   depfile_deps, parse_depfile, read_bytes, run_cmd, write)


def test_castxml_failure_passes_through_and_stores_nothing(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    write(project.include / "broken.h", "#pragma once\nstruct Broken { int x };\n")
    write(project.src / "broken.cxx", '#include "shapes/base.h"\n#include "broken.h"\n'
          "namespace _wrapping_ { namespace wrappers { typedef Broken B; } }\n")
    out_dir = project.build / "out"
    out_dir.mkdir()
    args = ["-o", "out/broken.xml", *castxml_args(), "-I", "../include", "../src/broken.cxx"]
    direct = run_cmd([CASTXML, *args], cwd=project.build)
    assert direct.returncode != 0 and b"error" in direct.stderr and not (out_dir / "broken.xml").exists()

    for attempt in range(2):
        before = cache.processes()
        result = cache.run(args, project.build)
        assert cache.processes() > before, "a failed run stores nothing: the rerun must run castxml again"
        assert result.returncode == direct.returncode
        assert result.stdout == direct.stdout
        assert result.stderr == direct.stderr
        assert list(out_dir.iterdir()) == [], "no output (or temporary file) may be left after a failure"
        assert cache.last_result() not in HIT_RESULTS
    stats = cache.stats()
    assert stats["direct hits"] == stats["preprocessed hits"] == 0

    (project.include / "broken.h").write_text("#pragma once\nstruct Broken { int x; };\n")
    fresh = cache.expect_fresh(args, project.build)
    cache.expect_direct_hit(args, project.build, fresh)


def test_failure_removes_a_previous_output_like_castxml(tmp_path):
    """castxml deletes an existing -o file when it fails; through the cache the stale XML must go too."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    cache.expect_fresh(args, cwd)
    deep = project.header("shapes/detail/deep.h")
    deep.write_text(deep.read_text().replace("int value;", "int value"))
    direct_args = project.args(out=str(tmp_path / "direct.xml"))
    (tmp_path / "direct.xml").write_text("stale\n")
    direct = run_cmd([CASTXML, *direct_args], cwd=cwd)
    assert direct.returncode != 0 and not (tmp_path / "direct.xml").exists()

    assert (cwd / "probe.xml").exists()
    result = cache.run(args, cwd)
    assert (result.returncode, result.stdout, result.stderr) == (direct.returncode, direct.stdout, direct.stderr)
    assert not (cwd / "probe.xml").exists(), "a failed run must not leave the previous (stale) XML behind"
    assert sorted(p.name for p in cwd.iterdir()) == []


def test_warning_is_replayed_on_hit(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    write(project.include / "warn.h", '#pragma once\n#warning "replay me"\nstruct W { int w; };\n')
    write(project.src / "warn.cxx", '#include "warn.h"\n'
          "namespace _wrapping_ { namespace wrappers { typedef W WT; } }\n")
    args = ["-o", "warn.xml", *castxml_args(warnings=True), "-I", "../include", "../src/warn.cxx"]
    assert "-w" not in args
    direct = run_cmd([CASTXML, *replace_out(args, tmp_path / "direct.xml")], cwd=project.build)
    assert_ok(direct)
    assert b"replay me" in direct.stderr

    first = cache.ok(args, project.build)
    assert first.stderr == direct.stderr and first.stdout == direct.stdout
    fresh = read_bytes(tmp_path / "direct.xml")
    assert_same(project.build / "warn.xml", fresh)

    hit = cache.expect_direct_hit(args, project.build, fresh)
    assert hit.returncode == 0
    assert hit.stderr == direct.stderr, "a hit must replay castxml's stderr byte for byte"
    assert hit.stdout == direct.stdout


def replace_out(args, out):
    args = list(args)
    args[args.index("-o") + 1] = str(out)
    return args


@pytest.mark.parametrize("relative", [True, False], ids=["relative", "absolute"])
def test_castxml_depfile_is_restored_on_hit(tmp_path, relative):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    args = project.args(out="out.xml", relative=relative, extra=["-MD", "-MF", "out.d", "-MT", "out.xml"])
    fresh = cache.reference(args, cwd)
    ref_deps = depfile_deps(cache.last_reference.with_suffix(".d"), cwd)
    assert {str(h) for h in project.headers()} | {str(project.tu)} <= ref_deps

    cache.ok(args, cwd)
    assert_same(cwd / "out.xml", fresh)
    assert list(parse_depfile(cwd / "out.d")) == ["out.xml"]
    assert depfile_deps(cwd / "out.d", cwd) == ref_deps

    (cwd / "out.d").unlink()
    cache.expect_direct_hit(args, cwd, fresh)
    assert (cwd / "out.d").exists(), "a hit must restore castxml's -MF depfile"
    assert list(parse_depfile(cwd / "out.d")) == ["out.xml"]
    assert depfile_deps(cwd / "out.d", cwd) == ref_deps

    deeper = write(project.include / "shapes/detail/deeper.h", "#pragma once\nnamespace geo { typedef int Deeper; }\n")
    deep = project.header("shapes/detail/deep.h")
    deep.write_text(deep.read_text().replace("#pragma once\n", '#pragma once\n#include "shapes/detail/deeper.h"\n'))
    (cwd / "out.d").unlink()
    cache.expect_fresh(args, cwd)
    new_deps = depfile_deps(cache.last_reference.with_suffix(".d"), cwd)
    assert str(deeper) in new_deps
    assert depfile_deps(cwd / "out.d", cwd) == new_deps


def test_depfile_option_on_miss_and_hit(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    args = project.args()
    options = ["--depfile", "probe.xml.d"]
    ref_args = project.args(out=str(tmp_path / "ref.xml"), extra=["-MD", "-MF", str(tmp_path / "ref.d"), "-MT", "x"])
    assert_ok(run_cmd([CASTXML, *ref_args], cwd=cwd))
    every_header = depfile_deps(tmp_path / "ref.d", cwd)
    fresh = read_bytes(tmp_path / "ref.xml")

    cache.ok(args, cwd, options=options)
    assert_same(cwd / "probe.xml", fresh)
    on_miss = depfile_deps(cwd / "probe.xml.d", cwd)
    assert every_header <= on_miss, f"--depfile lacks {sorted(every_header - on_miss)}"

    (cwd / "probe.xml.d").unlink()
    cache.expect_direct_hit(args, cwd, fresh, options=options)
    assert depfile_deps(cwd / "probe.xml.d", cwd) == on_miss, "--depfile must be written on a hit too"


def aged(path, days=10):
    old = time.time_ns() - days * 86400 * 10**9
    os.utime(path, ns=(old, old))
    return old


@pytest.mark.parametrize("touch", [None, "env", "flag"])
def test_hit_on_up_to_date_output_keeps_or_refreshes_mtime(tmp_path, touch):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    out_dir = project.build / "out"
    out_dir.mkdir()
    args, cwd = project.args(out="out/probe.xml"), project.build
    fresh = cache.reference(args, cwd)
    cache.ok(args, cwd)
    out = out_dir / "probe.xml"
    assert_same(out, fresh)
    old = aged(out)

    env = {"SWIFTWRAP_CACHE_TOUCH": "1"} if touch == "env" else None
    options = ["--touch"] if touch == "flag" else []
    before = cache.processes()
    cache.ok(args, cwd, env=env, options=options)
    assert cache.processes() == before and cache.last_result() == "direct-hit"
    assert_same(out, fresh)
    if touch is None:
        assert out.stat().st_mtime_ns == old, "a hit whose output already holds the bytes must not touch it"
    else:
        assert out.stat().st_mtime_ns > time.time_ns() - 120 * 10**9, "--touch / SWIFTWRAP_CACHE_TOUCH=1 refresh it"
    assert sorted(p.name for p in out_dir.iterdir()) == ["probe.xml"], "temporary files left in the output dir"


def test_hit_rewrites_a_stale_output(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    fresh = cache.reference(args, cwd)
    cache.ok(args, cwd)
    out = cwd / "probe.xml"
    for garbage in (b"<stale/>\n", fresh[:-1] + b"!", b""):
        out.write_bytes(garbage)
        old = aged(out)
        before = cache.processes()
        cache.ok(args, cwd)
        assert cache.processes() == before and cache.last_result() == "direct-hit"
        assert_same(out, fresh)
        assert out.stat().st_mtime_ns != old
    assert sorted(p.name for p in cwd.iterdir()) == ["probe.xml"]


def test_output_edited_in_place_keeping_size_and_mtime_is_restored(tmp_path):
    """A hit skips restoring an output that is still exactly what the cache last wrote (same inode,
    size, mtime and ctime). Editing it in place and putting size and mtime back still moves its
    ctime, so the next hit must notice and restore the right bytes."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    fresh = cache.reference(args, cwd)
    cache.ok(args, cwd)
    out = cwd / "probe.xml"
    cache.ok(args, cwd)  # a hit with the output in place
    assert cache.last_result() == "direct-hit"
    assert_same(out, fresh)
    stat = out.stat()
    with open(out, "r+b") as f:  # same inode, same size, different bytes
        f.seek(len(fresh) // 2)
        f.write(b"X" if fresh[len(fresh) // 2:len(fresh) // 2 + 1] != b"X" else b"Y")
    os.utime(out, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert out.stat().st_size == stat.st_size and out.stat().st_mtime_ns == stat.st_mtime_ns
    assert out.read_bytes() != fresh
    cache.ok(args, cwd)
    assert cache.last_result() == "direct-hit"
    assert_same(out, fresh)
