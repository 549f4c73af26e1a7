"""stubgen outputs: deterministic bytes, no rewrite on a no-op run, stale stubs deleted, --check,
--prune with a second project in the database, records of another project imported from its
package, depfile, and bad input."""
import os
import sqlite3
import time

import pytest

from conftest import run, tool
from stubgen_support import ORDER, STUBS, Tree, ok
from wrapgen_support import DB_NAME, module_args, run_castxml, wrapgen


@pytest.fixture(scope="module")
def xml(tmp_path_factory):
    return run_castxml(tmp_path_factory.mktemp("stubgen") / "xml")


@pytest.fixture
def tree(xml, tmp_path):
    return Tree(tmp_path, xml).wrap()


def test_two_runs_give_identical_bytes_whatever_the_hash_seed(xml, tmp_path):
    first, second = Tree(tmp_path / "a", xml).wrap(), Tree(tmp_path / "b", xml).wrap()
    env = dict(os.environ)
    env.pop("SWIFT_DETERMINISTIC_HASHING", None)
    ok(first.stubgen(env=env))
    ok(second.stubgen(env=dict(env, SWIFT_DETERMINISTIC_HASHING="1")))
    a, b = first.stubs(), second.stubs()
    assert sorted(a) == sorted(STUBS + ["py.typed"])
    assert {n: v[0] for n, v in a.items()} == {n: v[0] for n, v in b.items()}


def test_no_op_run_touches_nothing(tree):
    ok(tree.stubgen("--depfile", tree.root / "stubs.d"))
    before = tree.stubs()
    depfile = (tree.root / "stubs.d").stat().st_mtime_ns
    time.sleep(0.05)
    ok(tree.stubgen("--depfile", tree.root / "stubs.d"))
    assert tree.stubs() == before
    assert (tree.root / "stubs.d").stat().st_mtime_ns == depfile
    assert not [p for p in tree.pkg.iterdir() if p.name.startswith(".")], "temporary files left behind"


def test_only_changed_stubs_are_rewritten(tree):
    ok(tree.stubgen())
    before = tree.stubs()
    (tree.pkg / "Points.pyi").write_text("stale\n")
    time.sleep(0.05)
    ok(tree.stubgen())
    after = tree.stubs()
    assert after["Points.pyi"][0] == before["Points.pyi"][0]
    assert {n: v for n, v in after.items() if n != "Points.pyi"} == {n: v for n, v in before.items() if n != "Points.pyi"}


def test_stubs_nothing_generates_are_deleted(tree):
    ok(tree.stubgen())
    (tree.pkg / "Removed.pyi").write_text("class Gone: ...\n")
    (tree.pkg / "Removed.py").write_text("")  # not a stub: left alone
    ok(tree.stubgen(manifests=["Shapes", "Points"]))
    assert sorted(p.name for p in tree.pkg.glob("*.pyi")) == ["Points.pyi", "Shapes.pyi", "__init__.pyi"]
    assert (tree.pkg / "Removed.py").exists()
    assert "Circles" not in (tree.pkg / "__init__.pyi").read_text()


def test_check_passes_on_fresh_stubs_and_fails_with_a_diff_on_a_stale_one(tree):
    ok(tree.stubgen())
    ok(tree.stubgen("--check"))
    stale = (tree.pkg / "Circles.pyi").read_text().replace("def Area(self) -> float", "def Area(self) -> int")
    (tree.pkg / "Circles.pyi").write_text(stale)
    (tree.pkg / "Extra.pyi").write_text("x: int\n")
    before = tree.stubs()
    result = tree.stubgen("--check")
    assert result.returncode == 1
    diff = result.stdout.decode()
    assert f"--- {tree.pkg / 'Circles.pyi'}\n+++ {tree.pkg / 'Circles.pyi'} (generated)\n" in diff
    assert "-    def Area(self) -> int: ...\n+    def Area(self) -> float: ...\n" in diff
    assert f"--- {tree.pkg / 'Extra.pyi'}\n" in diff and "-x: int\n" in diff
    assert b"2 stub file(s) differ" in result.stderr
    assert tree.stubs() == before, "--check must write nothing"


def test_check_diff_matches_diff_u(tree):
    ok(tree.stubgen())
    path = tree.pkg / "Points.pyi"
    generated = path.read_text()
    lines = generated.splitlines(keepends=True)
    edited = lines[:3] + ["# inserted\n"] + lines[3:10] + lines[12:20] + ["changed\n"] + lines[21:]
    path.write_text("".join(edited))
    (tree.root / "generated.pyi").write_text(generated)
    ours = tree.stubgen("--check").stdout.decode()
    theirs = run(["diff", "-u", path, tree.root / "generated.pyi"]).stdout.decode()
    strip = lambda text: [l for l in text.splitlines() if not l.startswith(("---", "+++"))]
    assert strip(ours) == strip(theirs)


def test_prune_keeps_a_second_projects_rows(tree):
    other = wrapgen(module_args("Base", tree.xml, tree.root / "other", tree.db, owner="other"))
    ok(other)
    with sqlite3.connect(tree.db / DB_NAME) as connection:
        connection.execute("INSERT INTO records SELECT owner, 'Old.Gone', 'Gone', 'Gone', 'Old', cpp_type, kind, data "
                           "FROM records WHERE owner = 'example' AND key = 'Shape.Shapes'")
    other_before = tree.keys("other")
    result = ok(tree.stubgen("--prune"))
    assert b"pruned 1 row(s)" in result.stderr
    assert "Old.Gone" not in tree.keys()
    assert len(tree.keys()) == 7
    assert tree.keys("other") == other_before == ["Color.Shapes", "PointD.Points", "PointI.Points", "Registry.Shapes", "Shape.Shapes", "Unit.Shapes"]


def test_prune_refuses_when_a_manifest_is_missing(tree):
    (tree.out / "Circles.index.txt").unlink()
    before = tree.keys()
    result = tree.stubgen("--prune")
    assert result.returncode == 1
    assert f"{tree.out / 'Circles.index.txt'}: manifest is missing".encode() in result.stderr
    assert tree.keys() == before


def test_records_of_another_project_are_imported_from_its_package(tree):
    ext = Tree(tree.root / "ext", tree.xml, owner="ext")
    args = ["--module", "Figures", "--owner", "ext", "--package", "extpkg", "--database-dir", tree.db,
            "--output-dir", ext.out, "--submodule", f"Circles={tree.xml['Circles']}", "--include", "Circles=circle.h",
            "--import-idx", tree.out / "Shapes.idx", "--import-idx", tree.out / "Points.idx"]
    ok(wrapgen(args))
    result = ok(run([tool("stubgen"), "--database-dir", tree.db, "--output-dir", ext.pkg, "--owner", "ext",
                     "--manifest", ext.out / "Circles.index.txt"]))
    text = (ext.pkg / "Circles.pyi").read_text()
    assert "from example.Points import PointD\nfrom example.Shapes import Shape\n" in text, text
    assert "class Circle(Shape):" in text
    assert (ext.pkg / "__init__.pyi").read_text().endswith("from .Circles import *\n")


def test_depfile_names_manifests_stamps_and_database(tree):
    ok(tree.stubgen("--depfile", tree.root / "stubs.d"))
    text = (tree.root / "stubs.d").read_text()
    assert text.startswith(f"{tree.pkg / 'Shapes.pyi'}:")
    for path in [tree.out / f"{s}.index.txt" for s in ORDER] + [tree.out / "Base.stamp", tree.db / DB_NAME]:
        assert f"  {path}" in text


def test_list_files_give_the_same_result(tree):
    ok(tree.stubgen())
    before = tree.stubs()
    (tree.root / "manifests.txt").write_text("".join(f"{tree.out / s}.index.txt\n" for s in ORDER))
    (tree.root / "stamps.txt").write_text(f"{tree.out / 'Base.stamp'}\n\n{tree.out / 'Figures.stamp'}\n")
    ok(run([tool("stubgen"), "--database-dir", tree.db, "--output-dir", tree.pkg, "--owner", "example",
            "--manifest-list", tree.root / "manifests.txt", "--stamp-list", tree.root / "stamps.txt"]))
    assert tree.stubs() == before


@pytest.mark.parametrize("damage", ["missing", "malformed", "badname"])
def test_bad_manifest_fails_naming_it_and_writes_nothing(tree, damage):
    ok(tree.stubgen())
    before = tree.stubs()
    manifest = tree.out / "Points.index.txt"
    if damage == "missing":
        manifest.unlink()
        expected = f"{manifest}: manifest is missing"
    elif damage == "malformed":
        manifest.write_text("PointD.Points\nnot a key\n")
        expected = f"{manifest}:2: malformed record key 'not a key'"
    else:
        manifest = tree.out / "Points.txt"
        manifest.write_text("PointD.Points\n")
        expected = f"{manifest}: not a manifest name"
    result = tree.stubgen("--manifest", manifest) if damage == "badname" else tree.stubgen()
    assert result.returncode == 1
    assert expected in result.stderr.decode()
    assert tree.stubs() == before


def test_unreadable_database_fails_naming_it(tree):
    ok(tree.stubgen())
    before = tree.stubs()
    blocked = tree.root / "blocked"
    (blocked / DB_NAME).mkdir(parents=True)
    blocked_tree = Tree(tree.root, tree.xml)
    blocked_tree.db = blocked
    # No stamps: they record the tree's own database, and another --database-dir is refused before any
    # database is opened (test_stubgen_trust.py); here the database itself is what fails.
    result = blocked_tree.stubgen(stamps=())
    assert result.returncode == 1
    assert f"record database '{blocked / DB_NAME}'" in result.stderr.decode()
    assert tree.stubs() == before


def test_record_that_does_not_decode(tree):
    ok(tree.stubgen())
    before = tree.stubs()
    with sqlite3.connect(tree.db / DB_NAME) as connection:
        connection.execute("UPDATE records SET data = '{\"key\": 1}' WHERE key = 'PointI.Points'")
        # Any writer of rows updates the module's digest (stubgen's no-op check relies on it).
        connection.execute("UPDATE modules SET digest = 'changed' WHERE module = 'Base'")
    result = tree.stubgen()
    assert result.returncode == 1
    assert "record 'PointI.Points' of owner 'example'" in result.stderr.decode()
    assert "does not decode" in result.stderr.decode()
    assert tree.stubs() == before


def test_usage_errors_exit_64(tree):
    assert run([tool("stubgen"), "--output-dir", tree.pkg]).returncode == 64
    assert tree.stubgen("--check", "--prune").returncode == 64


def test_no_op_state_is_kept_beside_the_database_and_outputs_are_still_checked(tree):
    ok(tree.stubgen())
    states = list(tree.db.glob("stubgen-example-*.state"))
    assert len(states) == 1
    (tree.pkg / "Points.pyi").unlink()
    ok(tree.stubgen())
    assert (tree.pkg / "Points.pyi").exists(), "a deleted stub must be rewritten although the database did not change"
    (tree.pkg / "py.typed").write_text("changed\n")
    ok(tree.stubgen())
    assert (tree.pkg / "py.typed").read_text() == ""


def test_a_database_directory_without_write_access_for_the_state_is_not_an_error(tree):
    ok(tree.stubgen())
    state = next(tree.db.glob("stubgen-example-*.state"))
    state.unlink()
    state.mkdir()  # the state file cannot be written: the run still succeeds
    (tree.pkg / "Points.pyi").unlink()
    ok(tree.stubgen())
    assert (tree.pkg / "Points.pyi").exists()
