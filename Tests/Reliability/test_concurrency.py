"""Concurrency (issue 11): 96 wrapgen processes on one database while stubgen reads it; 64 castxml-cache
processes on one key and on 64 different keys (castxml runs once per key; every output is byte-identical
to a direct castxml run)."""
import sqlite3
import subprocess
import threading

from castxml_cache_harness import CASTXML, Cache, Project, base_env, output_path, read_bytes, wait_all, write
from conftest import tool
from reliability_support import compile_runs, log_arguments, record, reproduce, runs
from stubgen_support import Tree
from wrapgen_support import DB_NAME, module_args, run_castxml

WRAPGENS = 96
CACHES = 64


def test_96_wrapgens_on_one_database_while_stubgen_reads(tmp_path):
    xml = run_castxml(tmp_path / "xml")
    rounds, failures, lost = runs(1, 3), [], 0
    for n in range(rounds):
        tree = Tree(tmp_path / f"round{n}", xml).wrap()
        first = tree.stubgen()
        assert first.returncode == 0, first.stderr.decode()
        expected = tree.stubs()
        expected = {name: data for name, (data, _) in expected.items()}
        # 88 new modules of another owner, and 8 reruns of this owner's Base module (same inputs).
        commands = [[tool("wrapgen"), "--module", f"L{i}", "--owner", "load", "--database-dir", str(tree.db),
                     "--output-dir", str(tree.root / "load"), "--submodule", f"P{i}={xml['Points']}",
                     "--submodule", f"S{i}={xml['Shapes']}", "--include", f"P{i}=point.h"]
                    for i in range(WRAPGENS - 8)]
        commands += [[tool("wrapgen"), *map(str, module_args("Base", xml, tree.out, tree.db))] for _ in range(8)]
        stop, reader_runs, reader_failures = threading.Event(), [0], []

        def reader():
            while not stop.is_set():
                result = tree.stubgen()
                reader_runs[0] += 1
                if result.returncode != 0:
                    reader_failures.append(f"stubgen exited {result.returncode}: {result.stderr.decode()[-800:]}")
                    continue
                got = {name: data for name, (data, _) in tree.stubs().items()}
                if got != expected:
                    reader_failures.append(f"stubs changed: {sorted(k for k in got if got.get(k) != expected.get(k))}")

        thread = threading.Thread(target=reader)
        thread.start()
        processes = [subprocess.Popen([str(a) for a in c], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                     for c in commands]
        results = [(p.wait(timeout=600), p.communicate()[1].decode()) for p in processes]
        stop.set()
        thread.join()
        failures += [f"round {n}: wrapgen exited {code}: {err[-800:]}" for code, err in results if code != 0]
        failures += [f"round {n}: {f}" for f in reader_failures]
        if reader_runs[0] == 0:
            failures.append(f"round {n}: stubgen never ran while the wrapgens did")
        with sqlite3.connect(tree.db / DB_NAME) as connection:
            per_module = dict(connection.execute(
                "SELECT module, COUNT(*) FROM records WHERE owner = 'load' GROUP BY module").fetchall())
        missing = {f"L{i}" for i in range(WRAPGENS - 8)} - {m for m, c in per_module.items() if c == 6}
        lost += len(missing)
        final = tree.stubgen()
        if final.returncode != 0 or {k: d for k, (d, _) in tree.stubs().items()} != expected:
            lost += 1
            failures.append(f"round {n}: the stubs after the storm differ or stubgen failed: {final.stderr.decode()[-800:]}")
    record("concurrency: 96 wrapgen on one database while stubgen reads", rounds * WRAPGENS, failures, lost,
           reproduce("test_concurrency.py", "wrapgens"))


def _references(tmp_path, cwd, all_args) -> list:
    """A direct castxml run of each command line, two at a time."""
    commands = [[CASTXML, "-o", str(tmp_path / "refs" / f"ref{n}.xml"), *args[2:]] for n, args in enumerate(all_args)]
    (tmp_path / "refs").mkdir(exist_ok=True)
    for batch in range(0, len(commands), 2):
        procs = [subprocess.Popen(c, cwd=cwd, env=base_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for c in commands[batch:batch + 2]]
        assert all(code == 0 for code, _, _ in wait_all(procs)), "a reference castxml run failed"
    return [read_bytes(tmp_path / "refs" / f"ref{n}.xml") for n in range(len(commands))]


def test_64_castxml_caches_on_one_key(tmp_path):
    rounds, failures, lost = runs(1, 5), [], 0
    for n in range(rounds):
        root = tmp_path / f"round{n}"
        cache, project = Cache(root), Project(root / "checkout")
        log_arguments(cache)
        cwd = project.build
        (cwd / "out").mkdir()
        all_args = [project.args(out=f"out/p{i:02d}.xml") for i in range(CACHES)]
        fresh = _references(root, cwd, all_args[:1])[0]
        outcomes = wait_all([cache.popen(args, cwd) for args in all_args], timeout=600)
        failures += [f"round {n} #{i}: exit {code}: {err.decode()[-800:]}" for i, (code, _, err) in enumerate(outcomes)
                     if code != 0]
        wrong = [i for i, args in enumerate(all_args) if not output_path(args, cwd).exists()
                 or output_path(args, cwd).read_bytes() != fresh]
        lost += len(wrong)
        failures += [f"round {n}: output {i} differs from a direct castxml run" for i in wrong]
        if compile_runs(cache) != 1:
            failures.append(f"round {n}: castxml ran {compile_runs(cache)} times for one key (want 1)")
    record("concurrency: 64 castxml-cache on one key", rounds * CACHES, failures, lost,
           reproduce("test_concurrency.py", "one_key"))


def test_64_castxml_caches_on_different_keys(tmp_path):
    rounds, failures, lost = runs(1, 3), [], 0
    for n in range(rounds):
        root = tmp_path / f"round{n}"
        cache, project = Cache(root), Project(root / "checkout")
        log_arguments(cache)
        cwd = project.build
        all_args = []
        for i in range(CACHES):
            tu = write(project.src / f"k{i:02d}.cxx", '#include "shapes/point.h"\n'
                       f"namespace _wrapping_ {{ namespace wrappers {{ typedef geo::Point<float, {i + 1}> P{i}; }} }}\n")
            all_args.append(project.args(out=f"k{i:02d}.xml", tu=tu))
        fresh = _references(root, cwd, all_args)
        assert len(set(fresh)) == CACHES, "test setup: the 64 translation units must differ"
        for attempt in ("miss", "hit"):
            before = compile_runs(cache)
            outcomes = wait_all([cache.popen(args, cwd) for args in all_args], timeout=600)
            failures += [f"round {n} {attempt} #{i}: exit {code}: {err.decode()[-800:]}"
                         for i, (code, _, err) in enumerate(outcomes) if code != 0]
            wrong = [i for i, args in enumerate(all_args) if not output_path(args, cwd).exists()
                     or output_path(args, cwd).read_bytes() != fresh[i]]
            lost += len(wrong)
            failures += [f"round {n} {attempt}: output k{i:02d}.xml differs from a direct castxml run" for i in wrong]
            ran = compile_runs(cache) - before
            want = CACHES if attempt == "miss" else 0
            if ran != want:
                failures.append(f"round {n} {attempt}: castxml ran {ran} times (want {want}: once per key)")
            for args in all_args:
                output_path(args, cwd).unlink(missing_ok=True)
    record("concurrency: 64 castxml-cache on 64 keys (miss, then hit)", rounds * CACHES * 2, failures, lost,
           reproduce("test_concurrency.py", "different_keys"))


def _add_aged_junk(cache, amount: int) -> None:
    """Adds aged items under made-up keys (copies of a stored object and entry file, last used 2 h
    ago) until they take `amount` bytes, then drops the usage counters so they are recounted."""
    import hashlib
    import os
    import shutil
    import time
    from bounded_cache_support import BLOCK
    obj = next((cache.dir / "v2" / "objects").rglob("*.obj"))
    mf = next((cache.dir / "v2" / "manifests").rglob("*.mf"))
    added, n, when = 0, 0, time.time() - 7200
    while added < amount:
        for source, kind, suffix in ((obj, "objects", ".obj"), (mf, "manifests", ".mf")):
            key = hashlib.sha256(f"junk{n}".encode()).hexdigest()
            target = cache.dir / "v2" / kind / key[:2] / f"{key}{suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            os.utime(target, (when, when))
            added += (target.stat().st_size + BLOCK - 1) // BLOCK * BLOCK
            n += 1
    (cache.dir / "v2" / "usage").unlink(missing_ok=True)


def test_64_castxml_caches_with_eviction_racing_16_writers(tmp_path):
    """Issue 13: 48 processes hit fresh entries and 16 writers store new keys while the cap forces
    aged entries out and `--evict-older-than 1h` / `--cleanup` run in a loop beside them. No fresh
    entry may be lost (all 64 keys hit afterwards) and every output equals castxml's."""
    from bounded_cache_support import disk_usage
    rounds, failures, lost = runs(1, 3), [], 0
    for n in range(rounds):
        root = tmp_path / f"round{n}"
        cache, project = Cache(root), Project(root / "checkout")
        log_arguments(cache)
        cwd = project.build
        all_args = []
        for i in range(CACHES):
            tu = write(project.src / f"e{i:02d}.cxx", '#include "shapes/point.h"\n'
                       f"namespace _wrapping_ {{ namespace wrappers {{ typedef geo::Point<double, {i + 1}> P{i}; }} }}\n")
            all_args.append(project.args(out=f"e{i:02d}.xml", tu=tu))
        fresh = _references(root, cwd, all_args)
        hits = all_args[:CACHES - 16]
        outcomes = wait_all([cache.popen(args, cwd) for args in hits], timeout=600)
        failures += [f"round {n} setup #{i}: exit {code}: {err.decode()[-800:]}" for i, (code, _, err) in enumerate(outcomes) if code]
        stored = disk_usage(cache.dir)
        _add_aged_junk(cache, 2 * stored)
        # Over the cap from the start: the writers' stores evict, least recently used (the junk) first.
        cap = 2 * stored
        env = {"SWIFTWRAP_CACHE_MAX_SIZE": str(cap // 1024) + "Ki"}
        stop = threading.Event()
        evictions = []

        def evict_loop():
            while not stop.is_set():
                for action in (["--evict-older-than", "1h"], ["--cleanup"]):
                    evictions.append(subprocess.run([cache.tool, *action], env=cache.env(env), capture_output=True))

        for args in hits:
            output_path(args, cwd).unlink(missing_ok=True)
        ran = compile_runs(cache)
        evictor = threading.Thread(target=evict_loop)
        evictor.start()
        try:
            outcomes = wait_all([cache.popen(args, cwd, env=env) for args in all_args], timeout=600)
        finally:
            stop.set()
            evictor.join()
        failures += [f"round {n} race #{i}: exit {code}: {err.decode()[-800:]}" for i, (code, _, err) in enumerate(outcomes) if code]
        failures += [f"round {n}: eviction {r.args[1:]} exited {r.returncode}: {r.stderr.decode()[-400:]}"
                     for r in evictions if r.returncode]
        if compile_runs(cache) - ran != 16:
            failures.append(f"round {n}: castxml ran {compile_runs(cache) - ran} times in the race (want 16: the writers)")
        if not evictions:
            failures.append(f"round {n}: no eviction ran during the race")
        # Every fresh entry survived: all 64 keys hit without castxml, with the right bytes.
        for args in all_args:
            output_path(args, cwd).unlink(missing_ok=True)
        before = compile_runs(cache)
        outcomes = wait_all([cache.popen(args, cwd, env=env) for args in all_args], timeout=600)
        failures += [f"round {n} rerun #{i}: exit {code}" for i, (code, _, _) in enumerate(outcomes) if code]
        if compile_runs(cache) != before:
            failures.append(f"round {n}: {compile_runs(cache) - before} fresh entries were lost to eviction")
        wrong = [i for i, args in enumerate(all_args) if not output_path(args, cwd).exists()
                 or output_path(args, cwd).read_bytes() != fresh[i]]
        lost += len(wrong)
        failures += [f"round {n}: output e{i:02d}.xml differs from a direct castxml run" for i in wrong]
        if list((cache.dir / "v2" / "objects").rglob("*.obj")) and disk_usage(cache.dir) > cap:
            failures.append(f"round {n}: {disk_usage(cache.dir)} bytes on disk, over the cap of {cap}")
        if any(True for _ in (cache.dir / "v2" / "objects").rglob("*.obj") if _.stat().st_mtime < __import__("time").time() - 3600):
            failures.append(f"round {n}: aged junk survived the evictions")
    record("concurrency: 64 castxml-cache, eviction racing 16 writers", rounds * CACHES * 2, failures, lost,
           reproduce("test_concurrency.py", "eviction_racing"))
