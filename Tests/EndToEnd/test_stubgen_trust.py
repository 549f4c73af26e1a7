"""Issue 11 (Trust), stubgen and the record database: a stamp's argv is never run, a stubgen pointed
at another database changes nothing, a database damaged below its header is set aside and rebuilt in
one run, logs of a lost database are never applied, and one Python name in two submodules is refused."""
import os
import sqlite3
import subprocess

import pytest

from conftest import require, run, tool
from stamp_format import parse_stamp
from stubgen_support import ORDER, Tree, ok
from wrapgen_support import DB_NAME, HEADERS, module_args, run_castxml, wrapgen


@pytest.fixture(scope="module")
def xml(tmp_path_factory):
    return run_castxml(tmp_path_factory.mktemp("trust") / "xml")


@pytest.fixture
def tree(xml, tmp_path):
    tree = Tree(tmp_path, xml).wrap()
    ok(tree.stubgen())
    return tree


def rewrite_args(stamp, args):
    """Replaces a stamp's recorded command (the 'arg' lines) with `args`."""
    lines = [l for l in stamp.read_text().splitlines() if not l.startswith("arg ")]
    stamp.write_text("\n".join(lines + [f"arg {a}" for a in args]) + "\n")


def delete_rows(tree, module):
    with sqlite3.connect(tree.db / DB_NAME) as connection:
        connection.execute("DELETE FROM records WHERE module = ?", (module,))


def test_a_stamp_whose_argv_is_a_shell_command_is_never_run(tree):
    delete_rows(tree, "Base")
    stamp = tree.out / "Base.stamp"
    rewrite_args(stamp, ["/bin/sh", "-c", "touch PWNED"])
    before = tree.stubs()
    result = tree.stubgen(cwd=tree.root)
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert not (tree.root / "PWNED").exists() and not (tree.out / "PWNED").exists()
    assert f"stamp '{stamp}': its recorded arguments are not wrapgen options" in stderr, stderr
    assert "stubgen does not rerun it" in stderr
    assert tree.stubs() == before


def test_stubgen_runs_its_own_wrapgen_never_the_recorded_argv0(tree, tmp_path):
    """Valid wrapgen arguments behind a foreign argv[0]: the arguments are used, the program is not."""
    evil = tmp_path / "evil.sh"
    evil.write_text(f"#!/bin/sh\ntouch {tmp_path / 'PWNED'}\n")
    evil.chmod(0o755)
    stamp = tree.out / "Base.stamp"
    rewrite_args(stamp, [str(evil)] + parse_stamp(stamp.read_text())["args"][1:])
    delete_rows(tree, "Base")
    before = tree.stubs()
    result = ok(tree.stubgen())
    assert b"regenerated lost rows of module(s) Base" in result.stderr
    assert not (tmp_path / "PWNED").exists()
    assert tree.stubs() == before
    assert os.path.realpath(parse_stamp(stamp.read_text())["args"][0]) == os.path.realpath(tool("wrapgen"))


def test_the_wrapgen_option_names_the_program_that_repairs(tree, tmp_path):
    marker = tmp_path / "ran"
    fake = tmp_path / "my-wrapgen"
    fake.write_text(f"#!/bin/sh\ntouch {marker}\nexec {tool('wrapgen')} \"$@\"\n")
    fake.chmod(0o755)
    delete_rows(tree, "Figures")
    ok(tree.stubgen("--wrapgen", fake))
    assert marker.exists()
    assert "Circle.Circles" in tree.keys()


@pytest.mark.parametrize("option, value, expected", [
    ("--owner", "intruder", "it records --owner 'intruder', stubgen was given --owner 'example'"),
    ("--database-dir", "/tmp/elsewhere", "is not the database directory that stamp"),
])
def test_recorded_owner_and_database_must_be_stubgens(tree, option, value, expected):
    stamp = tree.out / "Base.stamp"
    args = parse_stamp(stamp.read_text())["args"]
    args[args.index(option) + 1] = value
    rewrite_args(stamp, args)
    delete_rows(tree, "Base")
    result = tree.stubgen()
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert str(stamp) in stderr and expected in stderr, stderr
    assert stamp.exists()


def test_response_file_arguments_are_checked_after_expansion(tree, tmp_path):
    stamp = tree.out / "Base.stamp"
    args = parse_stamp(stamp.read_text())["args"]
    rsp = tmp_path / "base.rsp"
    rsp.write_text("\n".join(f'"{a}"' for a in args[1:]).replace(str(tree.db), "/tmp/not-this-db") + "\n")
    rewrite_args(stamp, [args[0], f"@{rsp}"])
    delete_rows(tree, "Base")
    result = tree.stubgen()
    assert result.returncode == 1
    assert "is not the database directory that stamp" in result.stderr.decode()
    rsp.write_text("\n".join(f'"{a}"' for a in args[1:]) + "\n")
    ok(tree.stubgen())
    assert "PointD.Points" in tree.keys()


def test_another_database_dir_is_an_error_with_no_side_effects(tree, tmp_path):
    other = tmp_path / "other-db"
    listing = sorted(p.name for p in tree.out.iterdir())
    stamps = {p.name: p.read_bytes() for p in tree.out.glob("*.stamp")}
    before = tree.stubs()
    result = run([tool("stubgen"), "--database-dir", other, "--output-dir", tree.pkg, "--owner", "example",
                  *sum((["--manifest", tree.out / f"{s}.index.txt"] for s in ORDER), []),
                  "--stamp", tree.out / "Base.stamp", "--stamp", tree.out / "Figures.stamp"])
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert f"--database-dir '{other}' is not the database directory that stamp" in stderr, stderr
    assert f"records ('{tree.db}')" in stderr and "nothing was changed" in stderr
    assert not other.exists(), "nothing may be created"
    assert sorted(p.name for p in tree.out.iterdir()) == listing
    assert {p.name: p.read_bytes() for p in tree.out.glob("*.stamp")} == stamps
    assert tree.stubs() == before


def test_a_lost_database_directory_that_the_stamps_record_is_rebuilt(tree):
    before = tree.stubs()
    for path in tree.db.iterdir():
        path.unlink()
    tree.db.rmdir()
    result = ok(tree.stubgen())
    assert b"regenerated lost rows of module(s) Base, Figures" in result.stderr
    assert len(tree.keys()) == 7
    assert tree.stubs() == before


def test_logs_of_a_lost_database_are_never_applied_to_a_new_one(tree, tmp_path):
    """A -wal left by a deleted database holds pages of the old file: SQLite would replay them into a
    new file of the same name (here: the old rows of Figures would reappear in a database that
    wrapgen of Base just created)."""
    database = tree.db / DB_NAME
    keeper = sqlite3.connect(database)
    keeper.execute("PRAGMA wal_autocheckpoint=0")
    keeper.execute("UPDATE records SET data = data")
    keeper.commit()
    wal, shm = (database.parent / (DB_NAME + s) for s in ("-wal", "-shm"))
    saved = wal.read_bytes(), shm.read_bytes()
    keeper.close()
    database.unlink()
    wal.write_bytes(saved[0])
    shm.write_bytes(saved[1])
    ok(wrapgen(module_args("Base", tree.xml, tree.out, tree.db)))
    with sqlite3.connect(database) as connection:
        modules = {m for (m,) in connection.execute("SELECT DISTINCT module FROM records")}
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert modules == {"Base"}, "rows from the lost database's log reappeared"
    result = ok(tree.stubgen())
    assert b"regenerated lost rows of module(s) Figures" in result.stderr


def test_one_python_name_in_two_modules_is_a_stubgen_error(tree):
    """Module Again wraps the Circles XML as submodule CirclesToo: Circle is in two submodules."""
    args = module_args("Figures", tree.xml, tree.out, tree.db)
    args[args.index("Figures")] = "Again"
    args = [a.replace("Circles=", "CirclesToo=") for a in args]
    ok(wrapgen(args))
    result = tree.stubgen("--manifest", tree.out / "CirclesToo.index.txt")
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert "Python name 'Circle' is wrapped twice in one package" in stderr, stderr
    assert "submodule Circles of module Figures" in stderr and "submodule CirclesToo of module Again" in stderr
    assert "circle.h:" in stderr
