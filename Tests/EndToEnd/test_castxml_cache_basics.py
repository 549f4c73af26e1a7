"""castxml-cache basics: a plain hit (design.md §3, row 1), bypasses, statistics and the log."""
from castxml_cache_harness import (CASTXML, STAT_LABELS, Cache, Project, assert_ok, assert_same, castxml_args,
                                   read_bytes, run_cmd)


def test_unchanged_rerun_is_a_direct_hit_without_castxml(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    fresh = cache.reference(args, cwd)

    first = cache.ok(args, cwd)
    assert cache.processes() >= 1, "a miss runs castxml"
    assert_same(cwd / "probe.xml", fresh)
    assert cache.results() == ["miss"]
    assert "reason=" in cache.log_lines()[0], "a miss line gives its reason="

    second = cache.expect_direct_hit(args, cwd, fresh)
    assert cache.results() == ["miss", "direct-hit"]
    assert second.stdout == first.stdout and second.stderr == first.stderr == b""
    assert sorted(p.name for p in cwd.iterdir()) == ["probe.xml"], "no temporary files next to the output"


def test_cache_dir_and_log_options_replace_the_environment(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    other_dir, other_log = tmp_path / "optcache", tmp_path / "opt.log"
    options = ["--cache-dir", str(other_dir), "--log", str(other_log)]
    fresh = cache.reference(args, cwd)
    cache.ok(args, cwd, options=options)
    (cwd / "probe.xml").unlink()
    before = cache.processes()
    cache.ok(args, cwd, options=options)
    assert cache.processes() == before, "second run with --cache-dir must be a direct hit"
    assert_same(cwd / "probe.xml", fresh)
    assert other_dir.is_dir() and any(p.is_file() for p in other_dir.rglob("*"))
    lines = other_log.read_text().splitlines()
    assert len(lines) == 2 and "result=miss" in lines[0] and "result=direct-hit" in lines[1]
    stats = cache.stats(options=["--cache-dir", str(other_dir)])
    assert (stats["misses"], stats["direct hits"]) == (1, 1)


def test_no_cache_flag_bypasses(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    fresh = cache.reference(args, cwd)
    cache.ok(args, cwd)
    for n in range(2):
        (cwd / "probe.xml").unlink()
        before = cache.processes()
        cache.ok(args, cwd, options=["--no-cache"])
        assert cache.processes() == before + 1, "--no-cache must run castxml"
        assert cache.last_result() == "bypass"
        assert_same(cwd / "probe.xml", fresh)


def test_disable_environment_bypasses(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    fresh = cache.reference(args, cwd)
    cache.ok(args, cwd)
    for n in range(2):
        (cwd / "probe.xml").unlink()
        before = cache.processes()
        cache.ok(args, cwd, env={"SWIFTWRAP_CACHE_DISABLE": "1"})
        assert cache.processes() == before + 1, "SWIFTWRAP_CACHE_DISABLE=1 must run castxml"
        assert cache.last_result() == "bypass"
        assert_same(cwd / "probe.xml", fresh)


def test_bypass_keeps_castxml_exit_status(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    for options, env in (([], None), (["--no-cache"], None), ([], {"SWIFTWRAP_CACHE_DISABLE": "1"})):
        args = ["-o", "bad.xml", *castxml_args(), "no-such-file.cxx"] if options or env else ["no-such-file.cxx"]
        direct = run_cmd([CASTXML, *args], cwd=cwd)
        assert direct.returncode != 0
        before = cache.processes()
        result = cache.run(args, cwd, env=env, options=options)
        assert cache.processes() == before + 1
        assert (result.returncode, result.stdout, result.stderr) == (direct.returncode, direct.stdout, direct.stderr)
        assert not (cwd / "bad.xml").exists()


def test_call_without_output_runs_castxml_every_time(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args()[2:], project.build  # no -o: castxml writes probe.xml in the cwd itself
    assert "-o" not in args
    for n in range(2):
        before = cache.processes()
        cache.ok(args, cwd)
        assert cache.processes() == before + 1, "an invocation without -o is a bypass"
        assert cache.last_result() == "bypass"
        got = read_bytes(cwd / "probe.xml")
        (cwd / "probe.xml").unlink()
        assert_ok(run_cmd([CASTXML, *args], cwd=cwd))
        assert_same(got, read_bytes(cwd / "probe.xml"))
        (cwd / "probe.xml").unlink()
    assert cache.stats()["bypasses"] == 2


def test_preprocess_only_is_a_bypass_with_castxml_stdout(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args = ["-E", *castxml_args(), "-I", "../include", "../src/probe.cxx"]
    direct = run_cmd([CASTXML, *args], cwd=project.build)
    assert_ok(direct)
    for n in range(2):
        before = cache.processes()
        result = cache.ok(args, project.build)
        assert cache.processes() == before + 1
        assert result.stdout == direct.stdout and b"geo" in result.stdout
        assert cache.last_result() == "bypass"
    assert cache.stats()["bypasses"] == 2


def test_castxml_version_passes_through(tmp_path):
    cache = Cache(tmp_path)
    direct = run_cmd([CASTXML, "--version"])
    assert_ok(direct)
    result = cache.run(["--version"], tmp_path, castxml=CASTXML)
    assert_ok(result)
    assert result.stdout == direct.stdout and b"castxml version" in result.stdout
    before = cache.processes()
    assert cache.ok(["--version"], tmp_path).stdout == direct.stdout
    assert cache.processes() == before + 1
    assert cache.last_result() == "bypass"


def test_castxml_found_on_path(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    env = {"PATH": f"{tmp_path / 'wrapper-bin'}:/usr/bin:/bin"}
    fresh = cache.reference(args, cwd)
    cache.ok(args, cwd, env=env, castxml="castxml")
    assert cache.processes() >= 1, "castxml given by name must resolve through PATH (the counting wrapper)"
    assert_same(cwd / "probe.xml", fresh)
    cache.expect_direct_hit(args, cwd, fresh, env=env, castxml="castxml")


def test_stats_count_a_miss_and_a_hit_and_zero_stats_resets(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    fresh = cache.reference(args, cwd)
    cache.ok(args, cwd)
    cache.expect_direct_hit(args, cwd, fresh)
    assert cache.stats() == {"direct hits": 1, "preprocessed hits": 0, "misses": 1, "bypasses": 0, "errors": 0}

    cache.zero_stats()
    assert cache.stats() == {label: 0 for label in STAT_LABELS}
    cache.expect_direct_hit(args, cwd, fresh)  # zeroing the counters keeps the entries
    assert cache.stats()["direct hits"] == 1 and cache.stats()["misses"] == 0


def test_stats_with_cache_dir_option(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    other = ["--cache-dir", str(tmp_path / "other-cache")]
    cache.ok(args, cwd, options=other)
    assert cache.stats(options=other)["misses"] == 1
    assert cache.stats()["misses"] == 0, "--cache-dir must not touch SWIFTWRAP_CACHE_DIR's cache"
    cache.zero_stats(options=other)
    assert cache.stats(options=other)["misses"] == 0


def test_log_splits_a_miss_into_castxml_time_and_the_cache_own_time(tmp_path):
    """us= is the whole call, castxml_us= / preprocess_us= the castxml runs inside it (same call)."""
    import re
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    fresh = cache.expect_fresh(args, cwd)
    cache.expect_direct_hit(args, cwd, fresh)
    cache.expect_fresh([*args, "-DOTHER"], cwd, env={"SWIFTWRAP_CACHE_MODE": "preprocessor"})
    miss, hit, pp_miss = cache.log_lines()[-3:]

    def field(line, name):
        m = re.search(rf" {name}=(\d+)", line)
        return int(m.group(1)) if m else None

    assert field(miss, "castxml_us") is not None and field(miss, "preprocess_us") is None, miss
    assert 0 < field(miss, "castxml_us") < field(miss, "us"), miss
    assert field(hit, "castxml_us") is None and field(hit, "preprocess_us") is None, hit
    assert field(pp_miss, "castxml_us") + field(pp_miss, "preprocess_us") < field(pp_miss, "us"), pp_miss
