"""Shared pieces of the reliability suite: the mode (short/long), the results log that
docs/reliability.md's table is filled from, corruption, kills (random and strace-injected), and
outcome checks ("old, new or absent; the next run is right")."""
import json
import os
import random
import shlex
import signal
import subprocess
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence


from conftest import REPO, require

LONG = os.environ.get("SWIFTWRAP_RELIABILITY", "short") == "long"
MODE = "long" if LONG else "short"
RESULTS = Path(os.environ.get("SWIFTWRAP_RELIABILITY_RESULTS", REPO / "build" / "reliability" / f"{MODE}.jsonl"))
SEED = int(os.environ.get("SWIFTWRAP_RELIABILITY_SEED", "11"))
# The xfail reason of the running test (set by conftest.py), logged with its row.
EXPECTED_FAILURE: Optional[str] = None

# Exit statuses that mean a crash, never an orderly failure: killed by a signal, or a shell's 128+signal.
CRASH_SIGNALS = {signal.SIGSEGV, signal.SIGABRT, signal.SIGILL, signal.SIGBUS, signal.SIGFPE, signal.SIGTRAP}


def runs(short: int, long: int) -> int:
    """How many times a scenario repeats in this mode (short mode: at most 20)."""
    assert short <= 20
    return long if LONG else short


def rng(name: str) -> random.Random:
    return random.Random(f"{SEED}:{name}")


def reproduce(test_file: str, name: str) -> str:
    env = "SWIFTWRAP_RELIABILITY=long " if LONG else ""
    return (f"{env}SWIFTWRAP_BIN_DIR=$PWD/.build/release build/venv/bin/python -m pytest -q "
            f"Tests/Reliability/{test_file} -k '{name}'")


def record(scenario: str, runs_done: int, failures: List[str], data_lost: int, command: str,
           note: str = "") -> None:
    """Appends one row of the reliability table, then fails the test if anything went wrong."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a") as log:
        log.write(json.dumps({"scenario": scenario, "mode": MODE, "runs": runs_done, "failures": len(failures),
                              "data_lost": data_lost, "command": command, "xfail": EXPECTED_FAILURE, "note": note,
                              "time": int(time.time())}) + "\n")
    assert data_lost == 0, f"{scenario}: {data_lost} run(s) lost or damaged data: {failures[:3]}"
    assert not failures, f"{scenario}: {len(failures)} of {runs_done} runs failed:\n" + "\n".join(failures[:5])


# --- corruption ---------------------------------------------------------------------------------------

def offsets(size: int) -> List[int]:
    """Several places in a file: its first byte, a third, a half, two thirds, its last byte."""
    if size == 0:
        return []
    return sorted({0, size // 3, size // 2, (2 * size) // 3, size - 1})


def damaged_versions(data: bytes) -> List[tuple]:
    """(label, bytes) for each flip and truncation this suite tries on one file."""
    versions = []
    for at in offsets(len(data)):
        versions.append((f"flip@{at}", data[:at] + bytes([data[at] ^ 0x5A]) + data[at + 1:]))
    for keep in sorted({0, len(data) // 2, max(len(data) - 1, 0)}):
        if keep < len(data):
            versions.append((f"truncate@{keep}", data[:keep]))
    return versions


def crashed(returncode: int) -> bool:
    return returncode < 0 and -returncode in CRASH_SIGNALS or returncode in {128 + s for s in CRASH_SIGNALS}


def check_failure_is_clear(result: subprocess.CompletedProcess, names: Sequence[str]) -> Optional[str]:
    """None when a failing run failed cleanly: exit 1 (or castxml's status), no crash, no Python
    traceback, and its error output names one of `names` (the damaged file)."""
    err = result.stderr.decode(errors="replace")
    if crashed(result.returncode):
        return f"crashed (status {result.returncode}): {err[-500:]}"
    if "Traceback" in err or "Fatal error" in err:
        return f"crash text in the error output: {err[-500:]}"
    if not any(n in err for n in names):
        return f"exit {result.returncode} without naming {list(names)}: {err[-500:]!r}"
    return None


# --- kills --------------------------------------------------------------------------------------------

RENAMES = "rename,renameat,renameat2"
SYNCS = "fsync,fdatasync"


def traced(command: Sequence[str], syscalls: str, log: Path, cwd=None, env=None, when: Optional[int] = None,
           timeout: float = 300) -> subprocess.CompletedProcess:
    """Runs `command` under `strace -f`, logging `syscalls` to `log`; with `when`, SIGKILLs the process that
    enters the when-th call of one of them (strace counts each syscall of each process on its own), before
    the call runs."""
    strace = require("strace")
    args = [strace, "-f", "-qq", "-o", str(log), "-e", f"trace={syscalls}"]
    if when is not None:
        args += ["-e", f"inject={syscalls}:signal=KILL:when={when}"]
    return subprocess.run([*args, *map(str, command)], cwd=cwd, env=env, capture_output=True, timeout=timeout)


def call_count(log: Path) -> int:
    """The largest number of calls of one syscall by one process in a strace -f log: the when= values
    worth trying are 1 ... this."""
    counts: Dict[tuple, int] = {}
    for line in log.read_text().splitlines():
        pid, _, rest = line.partition(" ")
        name = rest.lstrip().split("(", 1)[0]
        if "resumed>" in rest or not name or not name.isidentifier():
            continue
        counts[(pid, name)] = counts.get((pid, name), 0) + 1
    return max(counts.values(), default=0)


def kill_after(command: Sequence[str], delay: float, cwd=None, env=None, timeout: float = 300) -> tuple:
    """Starts `command` in its own process group and SIGKILLs the whole group after `delay` seconds
    (unless it finished first). Returns (returncode, stderr)."""
    process = subprocess.Popen([str(a) for a in command], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    err = process.communicate(timeout=timeout)[1]
    return process.returncode, err.decode(errors="replace")


def timed(command: Sequence[str], cwd=None, env=None) -> float:
    """Seconds one clean run of `command` takes (it must succeed)."""
    started = time.monotonic()
    result = subprocess.run([str(a) for a in command], cwd=cwd, env=env, capture_output=True, timeout=300)
    assert result.returncode == 0, f"{shlex.join(map(str, command))} failed: {result.stderr.decode()[-2000:]}"
    return time.monotonic() - started


def outcome(path: Path, allowed: Dict[str, Optional[bytes]]) -> Optional[str]:
    """Which of `allowed` (label -> bytes, None for absent) the file now is, or None when it is none of
    them (partial or wrong)."""
    data = path.read_bytes() if path.exists() else None
    for label, want in allowed.items():
        if data == want:
            return label
    return None


def log_arguments(cache) -> None:
    """Makes the harness's counting castxml wrapper log its arguments too, so that `compile_runs` can
    tell castxml runs that write XML from the one-time probes of its search list (`-E -v`)."""
    from castxml_cache_harness import CASTXML, write_script
    write_script(Path(cache.castxml), f'echo "$$ $*" >> "{cache.counter}"\nexec "{CASTXML}" "$@"\n')


def compile_runs(cache) -> int:
    """castxml processes that produce XML (given -o, not -E), after `log_arguments`."""
    if not cache.counter.exists():
        return 0
    return sum(1 for line in cache.counter.read_text().splitlines()
               if " -o " in f" {line} " and " -E " not in f" {line} ")
