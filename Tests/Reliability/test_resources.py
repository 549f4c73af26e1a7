"""Resources (issue 11): a full disk (a small tmpfs), read-only directories (a read-only bind mount under
`unshare -m`), a missing or killed castxml, and paths with spaces, non-ASCII and non-UTF-8 bytes. A run
that cannot do its work fails with a clear message and leaves every output old or absent; the run after
the trouble is gone is right. The suite fails (never skips) when it cannot set a scenario up."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from castxml_cache_harness import Cache, Project, output_path, write_script
from conftest import require, tool
from reliability_support import check_failure_is_clear, crashed, record, reproduce
from stubgen_support import Tree
from wrapgen_support import module_args, run_castxml

OLD = b"old bytes that a failed run must leave alone\n"


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MiB tmpfs at tmp_path/disk, unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run([require("mount"), "-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs", str(mount)],
                            capture_output=True)
    if result.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs at {mount} (this suite needs root): {result.stderr.decode()}")
    try:
        yield mount
    finally:
        subprocess.run([require("umount"), "-l", str(mount)], capture_output=True)


def fill(disk: Path, leave: int) -> None:
    """Fills the tmpfs so that about `leave` bytes stay free."""
    filler = disk / "filler"
    filler.unlink(missing_ok=True)
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with filler.open("wb") as f:
        f.write(b"\0" * max(free - leave, 0))
    assert os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize <= leave + 8192, "test setup: tmpfs not filled"


def read_only(directories, command) -> list:
    """`command` in a private mount namespace where each of `directories` is a read-only bind mount."""
    require("unshare")
    binds = " && ".join(f"mount --bind '{d}' '{d}' && mount -o remount,bind,ro '{d}'" for d in directories)
    # `cd "$PWD"`: the working directory must be entered again to be seen through the new mount.
    return [require("unshare"), "-m", "sh", "-c", f'{binds} && cd "$PWD" && exec "$@"', "sh", *map(str, command)]


LEAVE = [0, 4096, 65536, 262144]


@pytest.mark.parametrize("where", [
    "cache-dir",
    "output",
])
def test_full_disk_under_castxml_cache(tmp_path, small_disk, where):
    """The cache directory on a full tmpfs: the cache's trouble never fails the build. The output on a
    full tmpfs: a clear failure that leaves the old output; right once there is space again."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    options = ["--cache-dir", str(small_disk / "cache")] if where == "cache-dir" else []
    out = output_path(args, cwd) if where == "cache-dir" else small_disk / "probe.xml"
    args = [*args[:1], str(out), *args[2:]]
    fresh = cache.reference(args, cwd)
    failures, lost, total = [], 0, 0
    for leave in LEAVE:
        for state in ("cold", "warm"):  # a miss into an empty cache, then (after space came back) a hit
            if state == "cold":
                shutil.rmtree(small_disk / "cache", ignore_errors=True)
                shutil.rmtree(cache.dir, ignore_errors=True)
            (small_disk / "filler").unlink(missing_ok=True)
            out.write_bytes(OLD)
            fill(small_disk, leave)
            total += 1
            result = cache.run(args, cwd, options=options)
            data = out.read_bytes() if out.exists() else None
            if data not in (OLD, fresh, None):
                lost += 1
                failures.append(f"{state}, free {leave}: the output is {len(data)} bytes, neither old nor new")
            if where == "cache-dir" and (result.returncode != 0 or data != fresh):
                failures.append(f"{state}, free {leave}: a full cache disk failed the build: exit "
                                f"{result.returncode}: {result.stderr.decode()[-500:]}")
            elif result.returncode != 0 and state == "warm":  # a miss: castxml writes (and fails) itself
                problem = check_failure_is_clear(result, [out.name, "space"])
                if problem:
                    failures.append(f"{state}, free {leave}: {problem[:600]}")
            (small_disk / "filler").unlink()
            total += 1
            result = cache.run(args, cwd, options=options)
            if result.returncode != 0 or out.read_bytes() != fresh:
                failures.append(f"{state}, free {leave}, after the disk was freed: exit {result.returncode}: "
                                f"{result.stderr.decode()[-500:]}")
    record(f"resources: full disk under castxml-cache ({where})", total, failures, lost,
           reproduce("test_resources.py", f"full_disk_under_castxml_cache and {where}"))


def _wrapped_on(root: Path, disk: Path):
    """A wrapped tree whose out/, db/ and pkg/ live on `disk`."""
    xml = run_castxml(root / "xml")
    tree = Tree(disk / "tree", xml).wrap()
    assert tree.stubgen().returncode == 0
    return tree, xml


def _snapshot(tree) -> dict:
    return {p: p.read_bytes() for d in (tree.out, tree.pkg) for p in sorted(d.iterdir())
            if p.is_file() and ".tmp." not in p.name}


def test_full_disk_under_wrapgen_and_stubgen(tmp_path, small_disk):
    tree, xml = _wrapped_on(tmp_path, small_disk)
    clean = _snapshot(tree)
    failures, lost, total = [], 0, 0
    for leave in LEAVE:
        for step, command in (("wrapgen Base", [tool("wrapgen"), *module_args("Base", xml, tree.out, tree.db)]),
                              ("stubgen", [tool("stubgen"), *tree.args()])):
            for state in tree.db.glob("stubgen-*.state"):
                state.unlink()
            fill(small_disk, leave)
            total += 1
            result = subprocess.run([str(a) for a in command], capture_output=True)
            now = _snapshot(tree)
            damaged = [p.name for p, d in now.items() if clean.get(p) != d and not p.name.endswith(".stamp")]
            if damaged:
                lost += 1
                failures.append(f"{step} on a full disk (free {leave}): {damaged} changed")
            if result.returncode != 0:
                problem = check_failure_is_clear(result, ["space", "full", str(small_disk)])
                if problem:
                    failures.append(f"{step} on a full disk (free {leave}): {problem}")
            (small_disk / "filler").unlink()
            total += 1
            again = subprocess.run([str(a) for a in command], capture_output=True)
            if again.returncode != 0 or {p: d for p, d in _snapshot(tree).items()} != clean:
                failures.append(f"{step} after the disk was freed (free {leave}): exit {again.returncode}: "
                                f"{again.stderr.decode()[-500:]}")
    record("resources: full disk under wrapgen and stubgen", total, failures, lost,
           reproduce("test_resources.py", "full_disk_under_wrapgen"))


def test_read_only_directories(tmp_path):
    """castxml-cache with a read-only cache (works) and a read-only output directory (clear failure);
    wrapgen and stubgen with a read-only output or database directory (clear failure, nothing changed)."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    fresh = cache.reference(args, cwd)
    failures, lost, total = [], 0, 0
    cache.dir.mkdir()
    for primed in (False, True):
        total += 1
        output_path(args, cwd).write_bytes(OLD)
        result = subprocess.run(read_only([cache.dir], cache.command(args)), cwd=cwd, env=cache.env(),
                                capture_output=True)
        if result.returncode != 0 or output_path(args, cwd).read_bytes() != fresh:
            failures.append(f"read-only cache (primed {primed}): exit {result.returncode}: {result.stderr.decode()[-500:]}")
        assert cache.run(args, cwd).returncode == 0  # primes it for the second round
    total += 1
    output_path(args, cwd).write_bytes(OLD)
    result = subprocess.run(read_only([cwd], cache.command(args)), cwd=cwd, env=cache.env(), capture_output=True)
    if output_path(args, cwd).read_bytes() != OLD:
        lost += 1
        failures.append("read-only output directory: the old output changed")
    if result.returncode == 0:
        failures.append("read-only output directory: exit 0 without writing the output")
    else:
        problem = check_failure_is_clear(result, ["probe.xml", str(cwd)])
        if problem:
            failures.append(f"read-only output directory: {problem}")

    xml = run_castxml(tmp_path / "xml")
    tree = Tree(tmp_path / "tree", xml).wrap()
    assert tree.stubgen().returncode == 0
    clean = _snapshot(tree)
    for state in tree.db.glob("stubgen-*.state"):
        state.unlink()
    for what, directory, command in (
            ("wrapgen, read-only output directory", tree.out, [tool("wrapgen"), *module_args("Base", xml, tree.out, tree.db)]),
            ("wrapgen, read-only database directory", tree.db, [tool("wrapgen"), *module_args("Base", xml, tree.out, tree.db)]),
            ("stubgen, read-only output directory", tree.pkg, [tool("stubgen"), *tree.args()]),
            ("stubgen, read-only database directory", tree.db, [tool("stubgen"), *tree.args()])):
        total += 1
        (tree.pkg / "Shapes.pyi").write_bytes(OLD)
        clean_now = {**clean, tree.pkg / "Shapes.pyi": OLD}
        result = subprocess.run(read_only([directory], command), capture_output=True)
        damaged = [p.name for p, d in _snapshot(tree).items() if clean_now.get(p) != d]
        if damaged:
            lost += 1
            failures.append(f"{what}: {damaged} changed")
        if result.returncode != 0:
            problem = check_failure_is_clear(result, [str(directory), directory.name])
            if problem:
                failures.append(f"{what}: {problem}")
        total += 1
        again = subprocess.run([str(a) for a in command], capture_output=True)
        if again.returncode != 0:
            failures.append(f"{what}: the run after failed: {again.stderr.decode()[-500:]}")
        assert tree.stubgen().returncode == 0
    if _snapshot(tree) != clean:
        lost += 1
        failures.append("after the read-only runs the outputs differ from a clean run")
    record("resources: read-only directories (bind mounts)", total, failures, lost,
           reproduce("test_resources.py", "read_only_directories"))


def test_missing_or_killed_castxml(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    out = output_path(args, cwd)
    fresh = cache.reference(args, cwd)
    failures, lost, total = [], 0, 0
    # A castxml killed in the middle of writing its output (fault injection: the real castxml runs, its
    # output is cut to 100 bytes, then it is SIGKILLed), and a missing one. Probes (-E) run normally.
    killer = write_script(tmp_path / "bin" / "castxml",
                          'case " $* " in *" -E "*) exec /usr/bin/castxml "$@";; esac\n'
                          'o=""; prev=""; for a in "$@"; do [ "$prev" = "-o" ] && o="$a"; prev="$a"; done\n'
                          '/usr/bin/castxml "$@" || exit $?\ntruncate -s 100 "$o"\n'
                          'kill -9 $$\n')
    for name, castxml in (("killed castxml", str(killer)), ("missing castxml", str(tmp_path / "nowhere" / "castxml"))):
        for attempt in range(2):
            total += 1
            out.write_bytes(OLD)
            result = cache.run(args, cwd, castxml=castxml)
            data = out.read_bytes() if out.exists() else None
            if result.returncode == 0:
                failures.append(f"{name}: exit 0")
            elif crashed(result.returncode):
                failures.append(f"{name}: castxml-cache crashed ({result.returncode})")
            elif name == "missing castxml" and "castxml" not in result.stderr.decode():
                failures.append(f"{name}: the message does not name castxml: {result.stderr.decode()[-300:]!r}")
            if data not in (OLD, None):
                lost += 1
                failures.append(f"{name}: the output is {len(data)} bytes, neither the old output nor absent")
        total += 1
        out.unlink(missing_ok=True)
        result = cache.run(args, cwd)
        if result.returncode != 0 or out.read_bytes() != fresh:
            lost += 1
            failures.append(f"{name}: the next run with the real castxml is wrong: {result.stderr.decode()[-300:]}")
    record("resources: missing or killed castxml", total, failures, lost,
           reproduce("test_resources.py", "missing_or_killed"))


WEIRD = {"space": "dir with spaces", "non-ascii": "ünï cødé ✓"}


@pytest.mark.parametrize("kind", list(WEIRD))
def test_odd_paths(tmp_path, kind):
    """The whole chain (castxml-cache, wrapgen, stubgen) in a tree whose path has spaces or non-ASCII."""
    root = tmp_path / WEIRD[kind]
    failures, lost, total = _odd_path_chain(tmp_path, root)
    record(f"resources: paths with {kind}", total, failures, lost, reproduce("test_resources.py", f"odd_paths and {kind}"))


def test_non_utf8_path_under_castxml_cache(tmp_path):
    """castxml-cache passes non-UTF-8 argument bytes to castxml unchanged, cached or not."""
    root = tmp_path / os.fsdecode(b"caf\xe9-\xff")
    cache, project = Cache(tmp_path), Project(root)
    args, cwd = project.args(relative=False), project.build
    fresh = cache.reference(args, cwd)
    failures = []
    for options in (["--no-cache"], [], []):
        output_path(args, cwd).unlink(missing_ok=True)
        result = cache.run(args, cwd, options=options)
        if result.returncode != 0 or output_path(args, cwd).read_bytes() != fresh:
            failures.append(f"{options}: exit {result.returncode}: {result.stderr.decode(errors='replace')[-300:]}")
    record("resources: non-UTF-8 path under castxml-cache", 3, failures, 0,
           reproduce("test_resources.py", "non_utf8_path_under_castxml_cache"))


def test_non_utf8_path_under_wrapgen_and_stubgen(tmp_path):
    """wrapgen and stubgen may reject a non-UTF-8 path, with a clear error and no partial output."""
    root = tmp_path / os.fsdecode(b"caf\xe9-\xff")
    xml = run_castxml(tmp_path / "xml")
    tree = Tree(root, xml)
    failures, total = [], 0
    for module in ("Base", "Figures"):
        total += 1
        result = subprocess.run([str(a) for a in [tool("wrapgen"), *module_args(module, xml, tree.out, tree.db)]],
                                capture_output=True)
        if result.returncode != 0:
            problem = check_failure_is_clear(result, ["UTF-8", "utf-8", "caf"])
            if problem:
                failures.append(f"wrapgen {module}: {problem}")
    total += 1
    result = tree.stubgen()
    if result.returncode != 0:
        problem = check_failure_is_clear(result, ["UTF-8", "utf-8", "caf"])
        if problem:
            failures.append(f"stubgen: {problem}")
    partial = [p for p in root.rglob("*") if ".tmp." in p.name]
    record("resources: non-UTF-8 path under wrapgen and stubgen", total, failures, len(partial),
           reproduce("test_resources.py", "non_utf8_path_under_wrapgen"))


def _odd_path_chain(tmp_path, root):
    failures, lost, total = [], 0, 0
    cache, project = Cache(tmp_path), Project(root / "checkout")
    for relative in (True, False):
        args, cwd = project.args(relative=relative), project.build
        fresh = cache.reference(args, cwd)
        for attempt in ("miss", "hit"):
            total += 1
            output_path(args, cwd).unlink(missing_ok=True)
            result = cache.run(args, cwd)
            if result.returncode != 0 or output_path(args, cwd).read_bytes() != fresh:
                failures.append(f"castxml-cache {attempt} (relative {relative}): exit {result.returncode}: "
                                f"{result.stderr.decode()[-500:]}")
            elif cache.last_result() != ("direct-hit" if attempt == "hit" else "miss"):
                failures.append(f"castxml-cache {attempt} (relative {relative}): {cache.log_lines()[-1]}")
        shutil.rmtree(cache.dir)
    xml = run_castxml(root / "xml")
    tree = Tree(root / "tree", xml)
    for module in ("Base", "Figures"):
        total += 1
        result = subprocess.run([str(a) for a in [tool("wrapgen"), *module_args(module, xml, tree.out, tree.db)]],
                                capture_output=True)
        if result.returncode != 0:
            failures.append(f"wrapgen {module}: {result.stderr.decode()[-500:]}")
    reference = Tree(tmp_path / "plain", run_castxml(tmp_path / "plain-xml")).wrap()
    assert reference.stubgen().returncode == 0
    total += 1
    result = tree.stubgen()
    if result.returncode != 0:
        failures.append(f"stubgen: {result.stderr.decode()[-500:]}")
    else:
        got = {n: d for n, (d, _) in tree.stubs().items()}
        want = {n: d for n, (d, _) in reference.stubs().items()}
        if got != want:
            lost += 1
            failures.append(f"stubgen: stubs differ from the same tree at a plain path: "
                            f"{sorted(n for n in want if got.get(n) != want[n])}")
    return failures, lost, total
