"""Crashes (issue 11): SIGKILL at random moments and at every rename and fsync (strace injection) of
castxml-cache stores and restores, wrapgen commits and stubgen writes. After each kill every output is
the old bytes, the new bytes or absent (never partial, never other bytes), the database holds the old or
the new rows, and the next run is right (byte-identical to a clean run)."""
import pytest

from crash_scenarios import WRITERS, WrapgenCommit
from reliability_support import (RENAMES, SYNCS, call_count, kill_after, outcome, record, reproduce, rng,
                                 runs, timed, traced)

# Runs per writer kind: random kills, and the cap on strace-injected kills (every call when it fits).
RANDOM = runs(8, 200)
INJECTED_CAP = runs(12, 200)


def _after_kill(writer, label: str, failures: list) -> int:
    """Checks the state a kill left, then the next run; returns 1 when data was lost or damaged."""
    lost = 0
    for path in writer.files():
        if outcome(path, writer.allowed(path)) is None:
            failures.append(f"{label}: {path.name} is neither old, new nor absent "
                            f"({path.stat().st_size if path.exists() else 0} bytes)")
            lost = 1
    problem = writer.check_state()
    if problem:
        failures.append(f"{label}: {problem}")
        lost = 1
    problem = writer.next_run()
    if problem:
        failures.append(f"{label}: next run: {problem}")
        lost = 1
    return lost


@pytest.mark.parametrize("kind", list(WRITERS))
def test_sigkill_at_random_moments(tmp_path, kind):
    writer = WRITERS[kind](tmp_path)
    durations = []
    for _ in range(3):  # the fastest of three clean runs: the first one is slowed by cold caches
        writer.reset()
        durations.append(timed(writer.command, cwd=writer.cwd, env=writer.env))
    duration = min(durations)
    random, failures, lost, killed = rng(f"random-{kind}"), [], 0, 0
    for n in range(RANDOM):
        writer.reset()
        delay = random.uniform(0, duration * 1.1)
        code, err = kill_after(writer.command, delay, cwd=writer.cwd, env=writer.env)
        killed += code == -9
        lost += _after_kill(writer, f"kill #{n} after {delay * 1000:.1f} ms (exit {code})", failures)
    record(f"crash: SIGKILL at random moments, {writer.name}", RANDOM, failures, lost,
           reproduce("test_crashes.py", f"random and {kind}"),
           note=f"{killed} of {RANDOM} killed before they finished (clean run {duration * 1000:.0f} ms)")


def _injected(tmp_path, kind, syscalls, what):
    writer = WRITERS[kind](tmp_path)
    writer.reset()
    log = tmp_path / "strace.log"
    result = traced(writer.command, syscalls, log, cwd=writer.cwd, env=writer.env)
    assert result.returncode == 0, f"the clean traced run failed: {result.stderr.decode()[-2000:]}"
    calls = call_count(log)
    points = list(range(1, calls + 1))
    if len(points) > INJECTED_CAP:  # short mode: an even spread that keeps the first and the last call
        step = (len(points) - 1) / (INJECTED_CAP - 1)
        points = sorted({points[round(i * step)] for i in range(INJECTED_CAP)})
    failures, lost = [], 0
    for when in points:
        writer.reset()
        killed = traced(writer.command, syscalls, log, cwd=writer.cwd, env=writer.env, when=when)
        lost += _after_kill(writer, f"kill at {what} #{when} of {calls} (exit {killed.returncode})", failures)
    return writer, points, calls, failures, lost


@pytest.mark.parametrize("kind", list(WRITERS))
def test_sigkill_at_every_rename(tmp_path, kind):
    writer, points, calls, failures, lost = _injected(tmp_path, kind, RENAMES, "rename")
    assert calls > 0, f"{writer.name} made no rename call: the scenario tests nothing"
    record(f"crash: SIGKILL at every rename ({calls} per run), {writer.name}", len(points), failures, lost,
           reproduce("test_crashes.py", f"every_rename and {kind}"))


@pytest.mark.parametrize("kind", list(WRITERS))
def test_sigkill_at_every_fsync(tmp_path, kind):
    writer, points, calls, failures, lost = _injected(tmp_path, kind, SYNCS, "fsync")
    # castxml-cache and the atomic-write helper do not fsync (only SQLite does): 0 calls is a finding
    # the table reports, not a failure.
    record(f"crash: SIGKILL at every fsync/fdatasync ({calls} per run), {writer.name}", len(points), failures, lost,
           reproduce("test_crashes.py", f"every_fsync and {kind}"))


def test_wrapgen_killed_after_its_commit_leaves_no_stale_stamp(tmp_path):
    """A kill between the commit of new rows and the new stamp must not leave the old stamp (which
    describes the old rows) behind."""
    writer = WrapgenCommit(tmp_path)
    log = tmp_path / "strace.log"
    writer.reset()
    assert traced(writer.command, RENAMES, log).returncode == 0
    failures = []
    for when in range(1, call_count(log) + 1):
        writer.reset()
        traced(writer.command, RENAMES, log, when=when)
        problem = writer.stamp_agrees()
        if problem:
            failures.append(f"kill at rename #{when}: {problem}")
    record("crash: SIGKILL at every rename of wrapgen, no stale stamp left", call_count(log), failures,
           len(failures), reproduce("test_crashes.py", "stale_stamp"))
