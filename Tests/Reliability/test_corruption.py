"""Corruption (issue 11) of every persistent file kind: cache objects, direct-index entry files, the
inode cache, statistics shards, identity and output memos, database pages, key lists (.index.txt),
.idx files, stamps and stubgen's state file. Each is flipped and truncated at several offsets; the next
run must be right (byte-identical to a clean run) or fail with a clear message naming the file — never
wrong output, never a crash."""
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from castxml_cache_harness import Cache, Project, output_path
from conftest import tool
from reliability_support import check_failure_is_clear, damaged_versions, record, reproduce
from stubgen_support import Tree
from wrapgen_support import DB_NAME, module_args, run_castxml

# file kind -> how to find its files in a warm cache directory (relative to <cache dir>/v2)
CACHE_KINDS = {
    "object": lambda v2: sorted(v2.glob("objects/*/*.obj")),
    "entry-file": lambda v2: sorted(v2.glob("manifests/*/*.mf")),
    "inode-cache": lambda v2: [v2 / "inodes"],
    "stats": lambda v2: sorted(p for p in v2.glob("stats/*") if p.is_file()),
    "identity": lambda v2: sorted(p for p in v2.glob("identity/*") if p.is_file() and p.suffix != ".lock"),
    "output-memo": lambda v2: sorted(p for p in v2.glob("outputs/*/*") if p.is_file()),
}


@pytest.mark.parametrize("kind", list(CACHE_KINDS))
def test_corrupt_cache_files(tmp_path, kind):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    out = output_path(args, cwd)
    fresh = cache.reference(args, cwd)
    assert cache.run(args, cwd).returncode == 0 and out.read_bytes() == fresh
    assert cache.run(args, cwd).returncode == 0  # a hit: writes the output memo and the statistics
    pristine = tmp_path / "pristine"
    shutil.copytree(cache.dir, pristine)
    files = CACHE_KINDS[kind](pristine / "v2")
    assert files and all(f.exists() and f.stat().st_size > 0 for f in files), \
        f"test setup: no {kind} file in {pristine}: {sorted(map(str, pristine.rglob('*')))}"
    failures, lost, total = [], 0, 0
    for label, _ in damaged_versions(files[0].read_bytes()):
        shutil.rmtree(cache.dir)
        shutil.copytree(pristine, cache.dir)
        for f in files:  # every file of the kind, damaged the same way at the same relative place
            damaged = dict(damaged_versions(f.read_bytes())).get(label)
            if damaged is not None:
                (cache.dir / f.relative_to(pristine)).write_bytes(damaged)
        for step in ("run", "run again"):
            total += 1
            out.write_bytes(b"stale\n")
            result = cache.run(args, cwd)
            if result.returncode == 0:
                if out.read_bytes() != fresh:
                    lost += 1
                    failures.append(f"{label} {step}: exit 0 with output that differs from castxml's")
            else:
                problem = check_failure_is_clear(result, [f.name for f in files])
                if problem:
                    failures.append(f"{label} {step}: {problem}")
        stats = subprocess.run([cache.tool, "--show-stats"], env=cache.env(), capture_output=True)
        if stats.returncode != 0:
            problem = check_failure_is_clear(stats, [f.name for f in files] + ["stats"])
            if problem:
                failures.append(f"{label} --show-stats: {problem}")
    record(f"corruption: {kind} (castxml-cache)", total, failures, lost,
           reproduce("test_corruption.py", f"cache_files and {kind}"))


class Wrapped:
    """Base and Figures wrapped, stubs written: the clean outputs every damaged run is compared with."""

    def __init__(self, root: Path):
        self.xml = run_castxml(root / "xml")
        self.root = root
        self.tree = Tree(root / "tree", self.xml).wrap()
        assert self.tree.stubgen().returncode == 0
        self.clean_out = self.files(self.tree.out)
        self.clean_stubs = self.files(self.tree.pkg)
        self.pristine_state = {p.name: p.read_bytes() for p in self.tree.db.glob("stubgen-*.state")}
        self.pristine = root / "pristine"
        shutil.copytree(self.tree.root, self.pristine)

    @staticmethod
    def files(directory: Path) -> dict:
        return {p.name: p.read_bytes() for p in sorted(directory.iterdir())
                if p.is_file() and ".tmp." not in p.name and not p.name.endswith(".state")}

    def restore(self) -> None:
        shutil.rmtree(self.tree.root)
        shutil.copytree(self.pristine, self.tree.root)

    def wrapgen(self, module: str) -> subprocess.CompletedProcess:
        return subprocess.run([tool("wrapgen"), *map(str, module_args(module, self.xml, self.tree.out, self.tree.db))],
                              capture_output=True)

    def check(self, label: str, result: subprocess.CompletedProcess, names: list, failures: list) -> int:
        """0 when the run was right or failed cleanly; 1 when it succeeded with wrong output."""
        if result.returncode != 0:
            problem = check_failure_is_clear(result, names)
            if problem:
                failures.append(f"{label}: {problem}")
            return 0
        wrong = [n for n, d in self.clean_stubs.items() if self.files(self.tree.pkg).get(n) != d]
        wrong += [n for n, d in self.clean_out.items() if self.files(self.tree.out).get(n) != d
                  and not n.endswith(".stamp")]
        if wrong:
            failures.append(f"{label}: exit 0 but {wrong} differ from a clean run")
            return 1
        return 0


def _damage_and_run(tmp_path, kind, pick, steps, damage):
    """For each damaged version (`damage`: flip or truncate) of the files `pick` selects: restore the
    tree, damage, run `steps`."""
    wrapped = Wrapped(tmp_path)
    files = pick(wrapped.tree)
    assert files and all(f.exists() for f in files), f"test setup: no {kind} file"
    failures, lost, total = [], 0, 0
    originals = {f: f.read_bytes() for f in files}
    for label, _ in damaged_versions(originals[files[0]]):
        if not label.startswith(damage):
            continue
        wrapped.restore()
        for f in files:
            damaged = dict(damaged_versions(originals[f])).get(label)
            if damaged is not None:
                f.write_bytes(damaged)
        for name, step in steps:
            total += 1
            lost += wrapped.check(f"{label} {name}", step(wrapped), [f.name for f in files], failures)
    return total, failures, lost


def _stubgen(wrapped):
    for state in wrapped.tree.db.glob("stubgen-*.state"):  # (except when the state file is the damaged one)
        if state.read_bytes() == wrapped.pristine_state.get(state.name):
            state.unlink()
    return wrapped.tree.stubgen()


def _database_runs(wrapped, label: str, failures: list) -> int:
    """A damaged database may fail one run (clearly), but then it must have been set aside: the run after
    rebuilds it (stubgen's repair) and succeeds with the clean stubs. The state file goes first, so stubgen
    reads every row. Returns 1 when a run succeeded with wrong output."""
    for state in wrapped.tree.db.glob("stubgen-*.state"):
        state.unlink()
    first = wrapped.tree.stubgen()
    if first.returncode == 0:
        return wrapped.check(f"{label} stubgen", first, [DB_NAME], failures)
    problem = check_failure_is_clear(first, [DB_NAME])
    if problem:
        failures.append(f"{label} stubgen: {problem}")
    second = wrapped.tree.stubgen()
    if second.returncode != 0:
        failures.append(f"{label}: no remedy, the next stubgen fails too: {second.stderr.decode()[-300:]}")
        return 0
    return wrapped.check(f"{label} second stubgen", second, [DB_NAME], failures)


RECORD_KINDS = {
    "key-list": (lambda t: sorted(t.out.glob("*.index.txt")), [("stubgen", _stubgen)]),
    "stamp": (lambda t: sorted(t.out.glob("*.stamp")),
              [("wrapgen Base", lambda w: w.wrapgen("Base")), ("stubgen", _stubgen)]),
    "idx": (lambda t: sorted(t.out.glob("*.idx")), [("wrapgen Figures", lambda w: w.wrapgen("Figures"))]),
    "stubgen-state": (lambda t: sorted(t.db.glob("stubgen-*.state")), [("stubgen", _stubgen)]),
}


# Key lists and .idx files carry no end marker or checksum: a file truncated at a line boundary (to zero
# bytes, or after its first keys) reads as a shorter valid list, and the stubs / .i silently lose classes.
# A finding of this suite, not one of issue 11's items (docs/reliability.md, "Findings").
UNCHECKED = pytest.mark.xfail(strict=True, reason="finding R1: key lists and .idx files have no integrity check")


@pytest.mark.parametrize("kind,damage", [
    *[(k, "flip") for k in RECORD_KINDS],
    pytest.param("key-list", "truncate", marks=UNCHECKED), pytest.param("idx", "truncate", marks=UNCHECKED),
    ("stamp", "truncate"), ("stubgen-state", "truncate")])
def test_corrupt_record_files(tmp_path, kind, damage):
    pick, steps = RECORD_KINDS[kind]
    total, failures, lost = _damage_and_run(tmp_path, kind, pick, steps, damage)
    record(f"corruption: {kind}, {damage} (wrapgen/stubgen)", total, failures, lost,
           reproduce("test_corruption.py", f"record_files and {kind} and {damage}"))


def _checkpointed(tree) -> list:
    with sqlite3.connect(tree.db / DB_NAME) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return [tree.db / DB_NAME]


def test_corrupt_database_header(tmp_path):
    """Damage in the first page (the header): set aside at open, rebuilt by stubgen's repair."""
    wrapped = Wrapped(tmp_path)
    db = _checkpointed(wrapped.tree)[0]
    original = db.read_bytes()
    failures, lost, total = [], 0, 0
    for at in (0, 16, 18, 28, 60):
        wrapped.restore()
        db.write_bytes(original[:at] + bytes([original[at] ^ 0x5A]) + original[at + 1:])
        total += 1
        lost += _database_runs(wrapped, f"flip@{at}", failures)
    record("corruption: database header", total, failures, lost, reproduce("test_corruption.py", "database_header"))


def test_corrupt_database_pages(tmp_path):
    """Damage below the header (SQLITE_CORRUPT on a page): set aside and rebuilt, not a failure on every run.
    The b-tree page headers of every page after the first are flipped (the record bytes themselves carry no
    checksum in SQLite: see docs/reliability.md, not covered)."""
    wrapped = Wrapped(tmp_path)
    db = _checkpointed(wrapped.tree)[0]
    original = db.read_bytes()
    page = int.from_bytes(original[16:18], "big") or 65536
    pages = len(original) // page
    assert pages >= 2, "test setup: the database has one page"
    failures, lost, total = [], 0, 0
    for number in range(1, pages):
        for at in (number * page, number * page + 3):  # page type; number of cells
            wrapped.restore()
            db.write_bytes(original[:at] + bytes([original[at] ^ 0xFF]) + original[at + 1:])
            total += 1
            lost += _database_runs(wrapped, f"page {number + 1} byte {at - number * page}", failures)
    record("corruption: database pages", total, failures, lost, reproduce("test_corruption.py", "database_pages"))
