"""Issue 11 (Trust), the record database under damage and bad places: a page damaged below the
header (found by a query, not at open) is set aside and rebuilt in one run of wrapgen and of
stubgen; a database directory that is a file, a read-only one and a full disk get plain messages.
The database here is a real one: 240 classes in two modules, ~100 pages."""
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, require, run, tool
from wrapgen_support import DB_NAME, castxml_command

MODULES = {"First": ("Alpha", "A"), "Second": ("Beta", "B")}  # module -> (submodule, class prefix)
CLASSES = 120
NOTE = "was unusable"


def write_sources(root: Path) -> None:
    classes = []
    for _, prefix in MODULES.values():
        for i in range(CLASSES):
            classes.append(f"struct {prefix}{i:03d} {{\n"
                           f"  int Get{i}(int index, double weight = 2.5) const {{ return index; }}\n"
                           f"  double Scale(double factor, int times, const char* label) {{ return factor * times; }}\n"
                           f"  void SetName{i}(const char* name, bool notify = true) {{}}\n"
                           f"  static int Count(long first, long second, long third) {{ return 3; }}\n}};")
    (root / "many.h").write_text("#pragma once\nnamespace many {\n" + "\n".join(classes) + "\n}\n")
    for submodule, prefix in MODULES.values():
        typedefs = "".join(f"typedef many::{prefix}{i:03d} {prefix}{i:03d};\n" for i in range(CLASSES))
        (root / f"{submodule}.cxx").write_text(
            '#include "many.h"\nnamespace _wrapping_ {\nnamespace wrappers {\n' + typedefs
            + "}\nvoid force_instantiate() {}\n}\n")


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    root = tmp_path_factory.mktemp("many")
    write_sources(root)
    castxml = require("castxml")
    for submodule, _ in MODULES.values():
        command = castxml_command(castxml, root / f"{submodule}.cxx", root / f"{submodule}.xml")
        command = [a if not a.startswith("-I") else f"-I{root}" for a in command]
        result = run(command)
        assert result.returncode == 0, result.stderr.decode()
    return root


class Project:
    def __init__(self, sources: Path, root: Path):
        self.sources, self.out, self.db, self.pkg = sources, root / "out", root / "db", root / "pkg" / "many"

    def wrapgen_args(self, module):
        submodule, _ = MODULES[module]
        return ["--module", module, "--owner", "many", "--database-dir", self.db, "--output-dir", self.out,
                "--submodule", f"{submodule}={self.sources / (submodule + '.xml')}", "--include", f"{submodule}=many.h"]

    def wrapgen(self, module, wrap=()):
        return run([*wrap, tool("wrapgen"), *self.wrapgen_args(module)])

    def stubgen(self, wrap=()):
        return run([*wrap, tool("stubgen"), "--database-dir", self.db, "--output-dir", self.pkg, "--owner", "many",
                    "--manifest", self.out / "Alpha.index.txt", "--manifest", self.out / "Beta.index.txt",
                    "--stamp", self.out / "First.stamp", "--stamp", self.out / "Second.stamp", "--prune"])

    def stubs(self):
        return {p.name: p.read_bytes() for p in sorted(self.pkg.glob("*.pyi"))}

    def keys(self):
        with sqlite3.connect(self.db / DB_NAME) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            return connection.execute("SELECT COUNT(*) FROM records").fetchone()[0]


@pytest.fixture
def project(sources, tmp_path):
    project = Project(sources, tmp_path)
    for module in MODULES:
        result = project.wrapgen(module)
        assert result.returncode == 0, result.stderr.decode()
    result = project.stubgen()
    assert result.returncode == 0, result.stderr.decode()
    assert project.keys() == 2 * CLASSES
    return project


def damage_page(database: Path, fraction: float) -> int:
    """Overwrites one whole leaf page of the records table (never the header page): the one at
    `fraction` of the table in key order (keys A… are module First's, B… module Second's)."""
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        leaves = [p for (p,) in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = 'records' AND pagetype = 'leaf' ORDER BY path")]
    assert database.stat().st_size // page_size > 60 and len(leaves) > 10, "the database is too small"
    page = leaves[int(len(leaves) * fraction)]
    assert page > 1
    with open(database, "r+b") as handle:
        handle.seek((page - 1) * page_size)
        handle.write(bytes([0xA5]) * page_size)
    return page


def test_a_page_damaged_below_the_header_costs_one_wrapgen_and_one_stubgen_run(project):
    before = project.stubs()
    damage_page(project.db / DB_NAME, 0.75)  # a page of Second's rows, which its wrapgen replaces
    first = project.wrapgen("Second")
    assert first.returncode == 0, first.stderr.decode()
    assert NOTE in first.stderr.decode() and "moved it to" in first.stderr.decode()
    assert list(project.db.glob(DB_NAME + ".broken-*")), "the damaged file is kept aside"
    second = project.stubgen()
    assert second.returncode == 0, second.stderr.decode()
    assert "regenerated lost rows of module(s) First" in second.stderr.decode()
    assert project.keys() == 2 * CLASSES
    assert project.stubs() == before


def test_a_damaged_page_found_by_stubgen_is_set_aside_and_every_module_rebuilt(project):
    """A deleted stub makes stubgen read every row (an unchanged run reads only the summary)."""
    before = project.stubs()
    damage_page(project.db / DB_NAME, 0.25)
    (project.pkg / "Beta.pyi").unlink()
    result = project.stubgen()
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    assert NOTE in stderr and "regenerated lost rows of module(s) First, Second" in stderr, stderr
    assert project.keys() == 2 * CLASSES
    assert project.stubs() == before
    again = project.stubgen()
    assert again.returncode == 0 and again.stderr == b""


def test_a_database_directory_that_is_a_file_gets_a_plain_message(project):
    shutil.rmtree(project.db)
    project.db.write_text("I am a file\n")
    for result in (project.wrapgen("First"), project.stubgen()):
        stderr = result.stderr.decode()
        assert result.returncode == 1
        assert f"'{project.db}' (or a directory above it) is a file, not a directory" in stderr, stderr
        assert "SQLite code" not in stderr
    assert project.db.read_text() == "I am a file\n"


def in_namespace(script: str) -> list:
    """A command run in a private mount namespace (root can mount there without touching the machine)."""
    require("unshare")
    return ["unshare", "-m", "sh", "-euc", script + ' && exec "$@"', "sh"]


def test_a_read_only_database_directory_gets_a_plain_message(project):
    wrap = in_namespace(f"mount --bind '{project.db}' '{project.db}' && mount -o remount,ro,bind '{project.db}'")
    probe = run([*wrap, "touch", project.db / "probe"])
    assert probe.returncode != 0, "the read-only bind mount could not be set up"
    (project.pkg / "Beta.pyi").unlink()  # stubgen has work: it reads every row and prunes (a write)
    # wrapgen has work: a rerun whose rows are all stored writes nothing and succeeds even here.
    keeper = sqlite3.connect(project.db / DB_NAME)
    keeper.execute("DELETE FROM records WHERE key = (SELECT key FROM records WHERE module = 'First' LIMIT 1)")
    keeper.commit()
    keeper.close()
    for result in (project.wrapgen("First", wrap), project.stubgen(wrap)):
        stderr = result.stderr.decode()
        assert result.returncode == 1, stderr
        assert "is read-only (read-only file system or permissions); make it writable" in stderr, stderr
        assert "SQLite code" not in stderr


def test_a_full_disk_gets_a_plain_message_and_no_leftovers(project):
    """A 64 KiB tmpfs: wrapgen's rows do not fit."""
    shutil.rmtree(project.db)
    project.db.mkdir()
    wrap = in_namespace(f"mount -t tmpfs -o size=64k tmpfs '{project.db}'")
    result = run([*wrap, "sh", "-c", f'"$0" "$@"; status=$?; ls -a "{project.db}"; exit $status',
                  tool("wrapgen"), *project.wrapgen_args("First")])
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "no space left on the device that holds it; free some space" in stderr, stderr
    assert "SQLite code" not in stderr
    names = set(result.stdout.decode().split())
    for suffix in ("-wal", "-shm"):
        assert DB_NAME + suffix not in names or DB_NAME in names, f"a log without its database: {names}"
    assert not [n for n in names if ".tmp." in n], names


def test_seeding_a_lost_database_never_replays_its_leftover_log(project, tmp_path):
    """`swiftwrap_records.py seed` copies an installed snapshot where the database was lost. A `-wal`
    left by the lost file would be replayed into that copy the next time SQLite opens it (here: the
    log deletes every row)."""
    helper = [sys.executable, str(REPO / "CMake" / "swiftwrap_records.py")]
    database = project.db / DB_NAME
    snapshot = tmp_path / "snapshot.db"
    exported = run([*helper, "export", database, snapshot, "many"])
    assert exported.returncode == 0, exported.stderr.decode()
    keeper = sqlite3.connect(database)
    keeper.execute("PRAGMA wal_autocheckpoint=0")
    keeper.execute("DELETE FROM records")
    keeper.commit()
    logs = {s: (project.db / (DB_NAME + s)).read_bytes() for s in ("-wal", "-shm")}
    keeper.close()
    database.unlink()
    for suffix, data in logs.items():
        (project.db / (DB_NAME + suffix)).write_bytes(data)
    seeded = run([*helper, "seed", snapshot, database])
    assert seeded.returncode == 0, seeded.stderr.decode()
    assert project.keys() == 2 * CLASSES
