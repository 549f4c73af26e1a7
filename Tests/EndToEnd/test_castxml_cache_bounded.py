"""castxml-cache as a bounded cache (issue 13): an exact size cap with LRU eviction, the eviction
commands, exact statistics, and a read-only secondary root."""
import json
import os
import subprocess

from bounded_cache_support import (age_items, compile_runs, direct_keys, disk_usage, entry_path, object_keys, object_path, stats_json,
                                   log_castxml_arguments, translation_units)
from castxml_cache_harness import Cache, Project, assert_ok, assert_same, run_cmd, write

def read_bytes_of(path):
    return path.read_bytes()


NO_CAP = {"SWIFTWRAP_CACHE_MAX_SIZE": "0", "SWIFTWRAP_CACHE_COMPRESSION": "none"}


def _store(cache, project, units, env):
    """Runs castxml-cache on each unit (a miss each); returns the object key of each."""
    before = len(object_keys(cache))
    for i, tu in enumerate(units):
        cache.ok(project.args(out=f"{tu.stem}.xml", tu=tu), project.build, env=env)
    return object_keys(cache)[before:]


def test_cap_holds_after_every_store_keeping_the_most_recently_used(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    units = translation_units(project, 8)
    keys = _store(cache, project, units[:4], NO_CAP)
    directs = direct_keys(cache)
    assert len(set(keys)) == 4, "test setup: four different objects"
    # Last uses 400, 300, 200 and 100 s ago; then a hit makes unit 0 the most recently used.
    for n, (obj, direct) in enumerate(zip(keys, directs)):
        when = os.path.getmtime(object_path(cache, obj)) - 400 + 100 * n
        for path in (object_path(cache, obj), entry_path(cache, direct)):
            os.utime(path, (when, when))
    (project.build / "t00.xml").unlink()
    cache.ok(project.args(out="t00.xml", tu=units[0]), project.build, env=NO_CAP)
    assert cache.last_result() == "direct-hit"
    assert os.path.getmtime(object_path(cache, keys[0])) > os.path.getmtime(object_path(cache, keys[3])), \
        "a hit refreshes the object's mtime"
    assert os.path.getmtime(entry_path(cache, directs[0])) > os.path.getmtime(entry_path(cache, directs[3])), \
        "a hit refreshes the entry file's mtime"

    cap = disk_usage(cache.dir) + 16 * 1024
    assert_ok(run_cmd([cache.tool, "-M", str(cap // 1024) + "Ki"], env=cache.env()), "castxml-cache -M")
    assert (cache.dir / "castxml-cache.conf").read_text() == f"max_size = {cap // 1024}Ki\n"
    env = {"SWIFTWRAP_CACHE_COMPRESSION": "none"}
    for tu in units[4:]:
        cache.ok(project.args(out=f"{tu.stem}.xml", tu=tu), project.build, env=env)
        usage = disk_usage(cache.dir)
        assert usage <= cap, f"after storing {tu.name}: {usage} bytes on disk, over the cap of {cap}"
        status = stats_json(cache, env)
        assert status["size_bytes"] == usage, "the running counters equal the disk usage"
        assert status["max_size_bytes"] == cap
    keys += object_keys(cache)[4:]
    # Use order, oldest first: units 1, 2, 3, then 0 (the hit), then 4..7 as stored.
    order = [keys[1], keys[2], keys[3], keys[0]] + keys[4:]
    present = [object_path(cache, k).exists() for k in order]
    assert not present[0], "the least recently used entry was evicted"
    assert present[-1], "the entry just stored is kept"
    first = present.index(True)
    assert all(present[first:]), f"survivors must be the most recently used ones, oldest first: {present}"
    status = stats_json(cache, env)
    assert status["entries"] == len([p for p in (cache.dir / "v2" / "manifests").rglob("*.mf")])
    assert status["objects"] == sum(present) and status["not_stored_size_cap"] == 0
    # The survivors still hit, with the right bytes.
    for k, tu in zip(keys, units):
        if object_path(cache, k).exists():
            (project.build / f"{tu.stem}.xml").unlink()
            cache.expect_direct_hit(project.args(out=f"{tu.stem}.xml", tu=tu), project.build,
                                    cache.reference(project.args(out=f"{tu.stem}.xml", tu=tu), project.build), env=env)


def test_a_result_larger_than_the_cap_is_not_stored_and_counted(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    tu = translation_units(project, 1, size=400)[0]
    env = {"SWIFTWRAP_CACHE_MAX_SIZE": "8Ki", "SWIFTWRAP_CACHE_COMPRESSION": "none"}
    args = project.args(out="big.xml", tu=tu)
    cache.ok(args, project.build, env=env)
    assert_same(project.build / "big.xml", cache.reference(args, project.build))
    assert not list((cache.dir / "v2" / "objects").rglob("*.obj")), "nothing stored"
    status = stats_json(cache, env)
    assert (status["misses"], status["not_stored_size_cap"], status["errors"]) == (1, 1, 0)
    assert "size cap" in cache.log_lines()[-1]


def test_stats_match_a_scripted_sequence(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    a, b = translation_units(project, 2)
    broken = write(project.src / "broken.cxx", '#include "no/such/header.h"\n')
    args_a, args_b = project.args(out="a.xml", tu=a), project.args(out="b.xml", tu=b)
    cwd = project.build
    cache.ok(args_a, cwd)                                   # miss
    for _ in range(2):                                      # 2 direct hits
        (cwd / "a.xml").unlink()
        cache.ok(args_a, cwd)
    cache.ok(args_b, cwd, options=["--no-cache"])           # bypass
    failed = cache.run(project.args(out="broken.xml", tu=broken), cwd)
    assert failed.returncode != 0                           # castxml failure (a miss)
    cache.ok(args_b, cwd)                                   # miss
    (cwd / "b.xml").unlink()
    cache.ok(args_b, cwd)                                   # direct hit
    assert cache.results() == ["miss", "direct-hit", "direct-hit", "bypass", "miss", "miss", "direct-hit"]
    castxml_ms = [int(line.split("castxml_us=")[1].split()[0]) // 1000 for line in cache.log_lines()
                  if "result=miss" in line and "castxml failed" not in line]
    status = stats_json(cache)
    expected = {"cache_directory": str(cache.dir), "direct_hits": 3, "preprocessed_hits": 0, "misses": 3,
                "bypasses": 1, "errors": 0, "castxml_failures": 1, "not_stored": 0, "not_stored_size_cap": 0,
                "hit_rate": 0.5, "entries": 2, "objects": 2, "size_bytes": disk_usage(cache.dir),
                "max_size_bytes": 5_000_000_000, "saved_ms": 2 * castxml_ms[0] + castxml_ms[1],
                "remote_hits": 0, "remote_misses": 0, "remote_errors": 0, "remote_bytes_down": 0,
                "remote_bytes_up": 0}
    assert status == expected
    table = run_cmd([cache.tool, "-s"], env=cache.env()).stdout.decode()
    for line in ("direct hits           3", "castxml failures      1", "hit rate              50.0 %", "entries               2"):
        assert line in table, f"{line!r} missing from -s:\n{table}"
    # Counters of an existing cache (one without the usage file) are initialised once, never on a hit.
    (cache.dir / "v2" / "usage").unlink()
    cache.expect_direct_hit(args_b, cwd, read_bytes_of(cwd / "b.xml"))
    assert not (cache.dir / "v2" / "usage").exists(), "a hit neither scans nor writes the usage counters"
    assert stats_json(cache)["size_bytes"] == disk_usage(cache.dir)
    assert (cache.dir / "v2" / "usage").exists(), "--show-stats initialised the counters"
    assert_ok(run_cmd([cache.tool, "-z"], env=cache.env()), "castxml-cache -z")
    zeroed = stats_json(cache)
    assert zeroed["misses"] == zeroed["direct_hits"] == 0 and zeroed["entries"] == 2, "-z keeps the entries"


def test_eviction_commands(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    units = translation_units(project, 4)
    keys = _store(cache, project, units[:2], NO_CAP)
    bare = run_cmd([cache.tool, "--evict-older-than", "30"], env=cache.env())
    assert bare.returncode == 64 and b"30d" in bare.stderr, "a bare number has no unit: usage error"
    age_items(cache, 2 * 3600)
    keys += _store(cache, project, units[2:3], NO_CAP)
    result = run_cmd([cache.tool, "--evict-older-than", "1h"], env=cache.env())
    assert_ok(result, "--evict-older-than 1h")
    assert [object_path(cache, k).exists() for k in keys] == [False, False, True]
    # ITK's form: nothing was stored since that eviction, so it returns at once.
    age_items(cache, 3 * 86400)
    quick = run_cmd([cache.tool, "--evict", "1.5"], env=cache.env())
    assert_ok(quick, "--evict 1.5")
    assert b"nothing stored" in quick.stdout and object_path(cache, keys[2]).exists()
    keys += _store(cache, project, units[3:], NO_CAP)       # a store: the next --evict runs
    assert_ok(run_cmd([cache.tool, "--evict", "1.5"], env=cache.env()), "--evict 1.5")
    assert [object_path(cache, k).exists() for k in keys] == [False, False, False, True]
    # --cleanup: stale temporaries and older layouts go, a fresh temporary stays.
    stale, fresh = cache.dir / "v2" / "objects" / "00" / ".x.obj.tmp.AAAAAA", cache.dir / "v2" / "objects" / "00" / ".y.obj.tmp.BBBBBB"
    for path in (stale, fresh):
        write(path, "partial")
    os.utime(stale, (0, 0))
    write(cache.dir / "v1" / "objects" / "old.obj", "old")
    assert_ok(run_cmd([cache.tool, "--cleanup"], env=cache.env()), "--cleanup")
    assert not stale.exists() and fresh.exists() and not (cache.dir / "v1").exists()
    # --clear / -C: every entry goes, statistics stay.
    assert_ok(run_cmd([cache.tool, "-C"], env=cache.env()), "-C")
    assert not list(cache.dir.rglob("*.obj")) and not list(cache.dir.rglob("*.mf"))
    status = stats_json(cache)
    assert (status["entries"], status["objects"], status["misses"]) == (0, 0, 4)
    assert status["size_bytes"] == disk_usage(cache.dir)


def test_max_size_precedence_file_environment_flag(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    assert_ok(run_cmd([cache.tool, "--max-size", "300K"], env=cache.env()), "--max-size without a command")
    assert stats_json(cache)["max_size_bytes"] == 300_000
    assert stats_json(cache, {"SWIFTWRAP_CACHE_MAX_SIZE": "2Mi"})["max_size_bytes"] == 2 * 1024 * 1024
    # With a castxml command, --max-size is this call's flag: it wins over the environment.
    units = translation_units(project, 2)
    env = {"SWIFTWRAP_CACHE_MAX_SIZE": "0", "SWIFTWRAP_CACHE_COMPRESSION": "none"}
    cache.ok(project.args(out="a.xml", tu=units[0]), project.build, env=env)
    cache.ok(project.args(out="b.xml", tu=units[1]), project.build, env=env, options=["--max-size", "4Ki"])
    assert (cache.dir / "castxml-cache.conf").read_text() == "max_size = 300K\n", "a call's flag is not saved"
    assert stats_json(cache, env)["not_stored_size_cap"] == 1, "the flag's 4 KiB cap applied to that call"
    bad = run_cmd([cache.tool, "--max-size", "lots"], env=cache.env())
    assert bad.returncode == 64 and b"lots" in bad.stderr
    write(cache.dir / "castxml-cache.conf", "max_size = 1G\nmax_sise = 2G\n")
    broken = run_cmd([cache.tool, "--show-stats"], env=cache.env())
    assert broken.returncode == 1 and b"castxml-cache.conf:2" in broken.stderr and b"max_sise" in broken.stderr


def test_read_only_secondary_root_serves_hits_and_new_results_go_to_the_primary(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    log_castxml_arguments(cache)
    a, b = translation_units(project, 2)
    args_a, args_b, cwd = project.args(out="a.xml", tu=a), project.args(out="b.xml", tu=b), project.build
    fresh_a, fresh_b = cache.reference(args_a, cwd), cache.reference(args_b, cwd)
    cache.ok(args_a, cwd)
    shared, primary = tmp_path / "shared-ro", tmp_path / "primary"
    shared.mkdir()
    subprocess.run(["mount", "--bind", str(cache.dir), str(shared)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(shared)], check=True)
        probe = subprocess.run(["touch", str(shared / "probe")], capture_output=True)
        assert probe.returncode != 0, "test setup: the bind mount must be read-only"
        before = sorted((p, p.stat().st_mtime_ns) for p in shared.rglob("*") if p.is_file())
        roots = {"SWIFTWRAP_CACHE_DIR": f"{shared}::{primary}"}
        (cwd / "a.xml").unlink()
        ran = compile_runs(cache)
        cache.ok(args_a, cwd, env=roots)
        # (The new primary may probe castxml's search list once; no castxml run writes XML.)
        assert compile_runs(cache) == ran and cache.last_result() == "direct-hit", "a hit from the read-only root"
        assert_same(cwd / "a.xml", fresh_a)
        cache.ok(args_b, cwd, env=roots)
        assert cache.last_result() == "miss"
        assert_same(cwd / "b.xml", fresh_b)
        after = sorted((p, p.stat().st_mtime_ns) for p in shared.rglob("*") if p.is_file())
        assert after == before, "the read-only root is left as it was"
        status = stats_json(cache, {"SWIFTWRAP_CACHE_DIR": str(primary)})
        assert (status["direct_hits"], status["misses"], status["errors"], status["entries"]) == (1, 1, 0, 2), \
            "the primary counts the hit, stores the new result and holds a copy of the hit"
        # The primary alone now serves both.
        for args, out, fresh in ((args_a, "a.xml", fresh_a), (args_b, "b.xml", fresh_b)):
            (cwd / out).unlink()
            cache.expect_direct_hit(args, cwd, fresh, env={"SWIFTWRAP_CACHE_DIR": str(primary)})
    finally:
        subprocess.run(["umount", str(shared)], check=False)
