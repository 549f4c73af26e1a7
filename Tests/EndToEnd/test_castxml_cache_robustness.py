"""Anything going wrong inside the cache must not break the build (design.md §3, last row):
corrupt entries, a read-only cache directory, 32 concurrent invocations, compression switches."""
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from castxml_cache_harness import (CASTXML, Cache, Project, assert_ok, assert_same, base_env, counting_wrapper,
                                   output_path, read_bytes, require, run_cmd, wait_all, write)


def corrupt(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncate":
        data = data[:len(data) // 2]
    elif how == "flip":
        middle = len(data) // 2
        lo, hi = max(0, middle - 8), min(len(data), middle + 8)
        data = data[:lo] + bytes(b ^ 0xFF for b in data[lo:hi]) + data[hi:]
    elif how == "letter":  # one plausible-looking change: only a content check can tell
        at = next((i for i in range(len(data) // 2, len(data)) if chr(data[i]).isalpha()), None)
        assert at is not None, f"{path}: no ASCII letter in the second half"
        data = data[:at] + (b"b" if data[at:at + 1] == b"a" else b"a") + data[at + 1:]
    else:
        data = b""
    path.write_bytes(data)


@pytest.mark.parametrize("how,compression", [("truncate", None), ("flip", None), ("empty", None),
                                             ("flip", "none"), ("letter", "none"), ("flip", "zstd"),
                                             ("truncate", "zstd"), ("letter", "lz4")])
def test_corrupt_objects_are_detected_and_replaced(tmp_path, how, compression):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    env = {"SWIFTWRAP_CACHE_COMPRESSION": compression} if compression else None
    fresh = cache.expect_fresh(args, cwd, env=env)
    objects = cache.files("/objects/")
    assert objects, f"no file under {cache.dir} has /objects/ in its path: {cache.files()}"
    for path in objects:
        corrupt(path, how)

    (cwd / "probe.xml").unlink()
    assert_ok(cache.run(args, cwd, env=env))
    assert_same(cwd / "probe.xml", fresh)
    cache.expect_direct_hit(args, cwd, fresh, env=env)  # the entry was stored again


@pytest.mark.parametrize("compression", ["none", "lz4", "zstd"])
def test_corrupt_object_never_reaches_a_stale_output(tmp_path, compression):
    """The output exists with other bytes (a hit must rewrite it); the object's XML is damaged near its
    end, after most of it was already streamed: the output must end up as castxml's bytes, never a mix."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    env = {"SWIFTWRAP_CACHE_COMPRESSION": compression}
    fresh = cache.expect_fresh(args, cwd, env=env)
    for path in cache.files("/objects/"):
        data = bytearray(path.read_bytes())
        data[-3] ^= 0x01
        path.write_bytes(bytes(data))
    stale = fresh.replace(b"<CastXML", b"<!-- stale --><CastXML", 1)
    (cwd / "probe.xml").write_bytes(stale)
    before = cache.processes()
    assert_ok(cache.run(args, cwd, env=env))
    assert cache.processes() == before + 1, "a damaged object is a miss: castxml must run"
    assert_same(cwd / "probe.xml", fresh)
    assert not [p for p in cwd.iterdir() if ".tmp." in p.name], "a temporary file was left behind"
    cache.expect_direct_hit(args, cwd, fresh, env=env)


@pytest.mark.parametrize("how", ["truncate", "flip"])
def test_every_cache_file_corrupted_still_builds(tmp_path, how):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    fresh = cache.expect_fresh(args, cwd)
    for path in cache.files():
        corrupt(path, how)
    for attempt in range(2):
        (cwd / "probe.xml").unlink()
        assert_ok(cache.run(args, cwd))
        assert_same(cwd / "probe.xml", fresh)


def test_unusable_cache_dir_still_builds(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    write(cache.dir, "a regular file where the cache directory should be\n")
    fresh = cache.reference(args, cwd)
    for attempt in range(2):
        before = cache.processes()
        assert_ok(cache.run(args, cwd))
        assert cache.processes() > before, "nothing can be stored: castxml must run"
        assert_same(cwd / "probe.xml", fresh)
        (cwd / "probe.xml").unlink()


NOBODY = 65534


@pytest.fixture
def shared_tree():
    """A tree an unprivileged user can read: /tmp/swiftwrap-ro-XXXX, 0755 all the way down."""
    root = Path(tempfile.mkdtemp(prefix="swiftwrap-ro-", dir="/tmp"))
    root.chmod(0o755)
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("primed", [False, True], ids=["empty", "primed-by-root"])
def test_read_only_cache_directory(shared_tree, primed):
    require("setpriv")
    cache = Cache(shared_tree / "harness")
    project = Project(shared_tree / "checkout")
    out_dir = shared_tree / "out"
    out_dir.mkdir()
    os.chown(out_dir, NOBODY, NOBODY)
    counter = write(out_dir / "castxml.count", "", 0o666)
    castxml = str(counting_wrapper(shared_tree / "bin" / "castxml", counter))
    cache.dir.mkdir(mode=0o755)
    for path in [shared_tree, *shared_tree.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755 if path != out_dir else 0o775)
        elif path.is_file():
            path.chmod(path.stat().st_mode | 0o444)
    args, cwd = project.args(out=str(out_dir / "probe.xml")), project.build
    fresh = cache.reference(args, cwd)
    env = {"SWIFTWRAP_CACHE_LOG": str(out_dir / "cache.log"), "HOME": str(out_dir), "TMPDIR": "/tmp"}

    if primed:
        assert_ok(cache.run(args, cwd, castxml=castxml))  # as root: cache files keep umask 022
        assert_same(out_dir / "probe.xml", fresh)
        (out_dir / "probe.xml").unlink()
        assert any(cache.dir.rglob("*")), "priming stored nothing"
    assert os.stat(cache.dir).st_uid == 0 and os.stat(cache.dir).st_mode & 0o777 == 0o755

    before = len(counter.read_text().splitlines())
    unprivileged = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    result = run_cmd([*unprivileged, *cache.command(args, castxml=castxml)], cwd=cwd, env=cache.env(env))
    assert_ok(result, "castxml-cache as an unprivileged user with a read-only cache")
    assert_same(out_dir / "probe.xml", fresh)
    after = len(counter.read_text().splitlines())
    if primed:
        assert after == before, "a root-primed entry must be readable: a direct hit, no castxml process"
        assert "result=direct-hit" in (out_dir / "cache.log").read_text().splitlines()[-1]
    else:
        assert after > before, "the empty read-only cache cannot hit: castxml must run"


def test_concurrent_same_key_runs_castxml_once(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    fresh = cache.reference(project.args(), cwd)
    # What one miss costs (castxml processes) in a separate cache: the 32 racing misses must cost the same.
    assert_ok(cache.run(project.args(out="calibration.xml"), cwd, options=["--cache-dir", str(tmp_path / "c0")]))
    per_miss = cache.processes()
    assert per_miss >= 1
    (cwd / "calibration.xml").unlink()
    all_args = [project.args(out=f"out/p{i:02d}.xml") for i in range(32)]
    (cwd / "out").mkdir()
    outcomes = wait_all([cache.popen(args, cwd) for args in all_args])
    for i, (code, out, err) in enumerate(outcomes):
        assert code == 0, f"invocation {i} exited {code}: {err.decode()[-2000:]}"
    for args in all_args:
        assert_same(output_path(args, cwd), fresh, f"{output_path(args, cwd).name}")
    ran = cache.processes() - per_miss
    assert ran == per_miss, f"32 concurrent identical invocations ran castxml {ran} times, one miss costs {per_miss}"
    assert sorted(p.name for p in (cwd / "out").iterdir()) == [f"p{i:02d}.xml" for i in range(32)]


def test_concurrent_different_keys(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    all_args = []
    for i in range(32):
        write(project.src / f"k{i:02d}.cxx", '#include "shapes/point.h"\n'
              f"namespace _wrapping_ {{ namespace wrappers {{ typedef geo::Point<float, {i + 1}> P{i}; }} }}\n")
        all_args.append(project.args(out=f"k{i:02d}.xml", tu=project.src / f"k{i:02d}.cxx"))
    references = [[CASTXML, *args[:1], str(tmp_path / f"ref{n}.xml"), *args[2:]] for n, args in enumerate(all_args)]
    for batch in range(0, 32, 4):
        procs = [subprocess.Popen(cmd, cwd=cwd, env=base_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for cmd in references[batch:batch + 4]]
        assert all(code == 0 for code, _, _ in wait_all(procs))
    fresh = [read_bytes(tmp_path / f"ref{n}.xml") for n in range(32)]
    assert len(set(fresh)) == 32

    outcomes = wait_all([cache.popen(args, cwd) for args in all_args])
    for i, (code, out, err) in enumerate(outcomes):
        assert code == 0, f"invocation {i} exited {code}: {err.decode()[-2000:]}"
        assert_same(cwd / f"k{i:02d}.xml", fresh[i], f"k{i:02d}.xml")
        (cwd / f"k{i:02d}.xml").unlink()

    before = cache.processes()
    outcomes = wait_all([cache.popen(args, cwd) for args in all_args])
    assert [code for code, _, _ in outcomes] == [0] * 32
    assert cache.processes() == before, "the rerun of 32 stored keys must be 32 direct hits"
    assert cache.results().count("direct-hit") == 32
    for i in range(32):
        assert_same(cwd / f"k{i:02d}.xml", fresh[i], f"k{i:02d}.xml")


COMPRESSION = {"none": {"SWIFTWRAP_CACHE_COMPRESSION": "none"}, "zstd": {"SWIFTWRAP_CACHE_COMPRESSION": "zstd"},
               "lz4": {"SWIFTWRAP_CACHE_COMPRESSION": "lz4"}, "default": {}}


@pytest.mark.parametrize("store,read", [("none", "none"), ("default", "default"), ("none", "zstd"),
                                        ("zstd", "none"), ("default", "none"), ("lz4", "zstd"), ("zstd", "lz4")])
def test_compression_settings_are_interchangeable(tmp_path, store, read):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    fresh = cache.expect_fresh(args, cwd, env=COMPRESSION[store])
    cache.expect_direct_hit(args, cwd, fresh, env=COMPRESSION[store])
    cache.expect_direct_hit(args, cwd, fresh, env=COMPRESSION[read])


def test_compression_flag(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    fresh = cache.expect_fresh(args, cwd, options=["--compression", "none"])
    cache.expect_direct_hit(args, cwd, fresh, options=["--compression", "zstd"])
    cache.expect_direct_hit(args, cwd, fresh, options=["--compression", "none"])
    sizes = {}
    for codec in ("none", "zstd", "lz4"):  # each stores its own object (own key), read back by the default
        args_c = [*args, f"-DCODEC_{codec}"]
        known = set(cache.files("/objects/"))
        fresh_c = cache.expect_fresh(args_c, cwd, options=["--compression", codec])
        new = set(cache.files("/objects/")) - known
        assert len(new) == 1, new
        sizes[codec] = new.pop().stat().st_size
        cache.expect_direct_hit(args_c, cwd, fresh_c)
    assert sizes["zstd"] < sizes["none"] and sizes["lz4"] < sizes["none"], sizes
