"""Lost rows are regenerated in the same run by rerunning the wrapgen command a stamp recorded;
when that is impossible stubgen fails naming the modules and removes exactly their stamps."""
import sqlite3
import pytest

from stubgen_support import Tree, ok
from wrapgen_support import DB_NAME, run_castxml


@pytest.fixture(scope="module")
def xml(tmp_path_factory):
    return run_castxml(tmp_path_factory.mktemp("repair") / "xml")


@pytest.fixture
def tree(xml, tmp_path):
    tree = Tree(tmp_path, xml).wrap()
    ok(tree.stubgen())
    return tree


def stamp_times(tree):
    return {m: (tree.out / f"{m}.stamp").stat().st_mtime_ns for m in ("Base", "Figures")}


@pytest.mark.parametrize("damage", ["deleted", "garbage"])
def test_lost_database_is_repaired_in_one_run_with_identical_stubs(tree, damage):
    before = tree.stubs()
    for suffix in ("", "-wal", "-shm"):
        (tree.db / (DB_NAME + suffix)).unlink(missing_ok=True)
    if damage == "garbage":
        (tree.db / DB_NAME).write_bytes(b"not a database at all" * 50)
    result = ok(tree.stubgen())
    assert b"regenerated lost rows of module(s) Base, Figures" in result.stderr
    assert tree.stubs() == before, "stubs must be byte-identical and untouched"
    assert len(tree.keys()) == 7


def test_rows_of_one_module_deleted_regenerates_only_that_module(tree):
    with sqlite3.connect(tree.db / DB_NAME) as connection:
        connection.execute("DELETE FROM records WHERE module = 'Figures'")
    # A rerun of a module's wrapgen recreates its .i files: tells which modules ran.
    (tree.out / "Circles.i").unlink()
    (tree.out / "Shapes.i").unlink()
    before = tree.stubs()
    result = ok(tree.stubgen())
    stderr = result.stderr.decode()
    assert "regenerated lost rows of module(s) Figures by" in stderr, stderr
    assert (tree.out / "Circles.i").exists()
    assert not (tree.out / "Shapes.i").exists(), "Base's wrapgen must not rerun"
    assert "Circle.Circles" in tree.keys()
    assert tree.stubs() == before


def test_without_a_stamp_it_fails_naming_the_submodules(tree):
    with sqlite3.connect(tree.db / DB_NAME) as connection:
        connection.execute("DELETE FROM records WHERE module = 'Base'")
    before = tree.stubs()
    result = tree.stubgen(stamps=["Figures"])
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert "records of submodule(s) Shapes, Points are missing from the database and could not be regenerated" in stderr
    assert f"no stamp given to stubgen (--stamp/--stamp-list) records the wrapgen command that writes '{tree.out / 'Shapes.index.txt'}'" in stderr
    assert (tree.out / "Figures.stamp").exists() and (tree.out / "Base.stamp").exists()
    assert tree.stubs() == before


def test_failing_wrapgen_removes_exactly_that_modules_stamp(tree):
    with sqlite3.connect(tree.db / DB_NAME) as connection:
        connection.execute("DELETE FROM records")
    tree.xml["Circles"].rename(tree.xml["Circles"].with_suffix(".moved"))
    try:
        before = tree.stubs()
        result = tree.stubgen()
    finally:
        tree.xml["Circles"].with_suffix(".moved").rename(tree.xml["Circles"])
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert "records of submodule(s) Circles are missing from the database and could not be regenerated (module(s) Figures)" in stderr, stderr
    assert "module Figures: '" in stderr and "failed with exit status 1" in stderr and "cannot open" in stderr
    assert f"removed stamp(s) {tree.out / 'Figures.stamp'}" in stderr
    assert not (tree.out / "Figures.stamp").exists()
    assert (tree.out / "Base.stamp").exists(), "Base was regenerated: its stamp stays"
    assert "PointD.Points" in tree.keys()
    assert tree.stubs() == before


def test_check_never_repairs(tree):
    with sqlite3.connect(tree.db / DB_NAME) as connection:
        connection.execute("DELETE FROM records WHERE module = 'Figures'")
    times = stamp_times(tree)
    result = tree.stubgen("--check")
    assert result.returncode == 1
    assert "records of submodule(s) Circles are missing" in result.stderr.decode()
    assert stamp_times(tree) == times


def test_version_1_stamp_says_to_rebuild(tree):
    """Stamp format 2 lists the manifests a module writes; a format-1 stamp (no manifest lines)
    is refused with the file named and the advice to delete it and rebuild."""
    with sqlite3.connect(tree.db / DB_NAME) as connection:
        connection.execute("DELETE FROM records WHERE module = 'Base'")
    stamp = tree.out / "Base.stamp"
    lines = stamp.read_text().splitlines()
    stamp.write_text("\n".join(["swiftwrap-stamp 1"] + [l for l in lines[1:] if not l.startswith("manifest ")]) + "\n")
    before = tree.stubs()
    result = tree.stubgen()
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert f"{stamp}:1: stamp format 'swiftwrap-stamp 1'" in stderr, stderr
    assert "delete the stamp and rebuild" in stderr
    assert tree.stubs() == before
