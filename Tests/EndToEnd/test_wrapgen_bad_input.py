"""Bad input: a clear error naming the file (and line), exit 1, and nothing changed."""
import sqlite3

import pytest

from wrapgen_support import DB_NAME, generate_all, module_args, rows, run_castxml, snapshot, wrapgen


@pytest.fixture(scope="module")
def xml(tmp_path_factory):
    return run_castxml(tmp_path_factory.mktemp("bad") / "xml")


@pytest.fixture
def good(xml, tmp_path):
    """A tree after a successful run, and a copy of the Points XML to spoil."""
    out, db = tmp_path / "out", tmp_path / "db"
    generate_all(xml, out, db)
    spoiled = dict(xml)
    spoiled["Points"] = tmp_path / "Points.xml"
    spoiled["Points"].write_bytes(xml["Points"].read_bytes())
    return out, db, spoiled


def assert_fails_changing_nothing(out, db, args, *expected):
    before_files, before_rows = snapshot(out), rows(db)
    result = wrapgen(args)
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    for text in expected:
        assert text in stderr, stderr
    assert snapshot(out) == before_files
    assert rows(db) == before_rows
    return stderr


def test_truncated_xml(good):
    out, db, xml = good
    data = xml["Points"].read_bytes()
    xml["Points"].write_bytes(data[: len(data) // 2])
    stderr = assert_fails_changing_nothing(out, db, module_args("Base", xml, out, db), f"{xml['Points']}:", "malformed XML")


def test_malformed_xml_names_line_and_column(good):
    out, db, xml = good
    lines = xml["Points"].read_text().splitlines()
    lines[4] = lines[4].replace("/>", ">")  # an unclosed element
    xml["Points"].write_text("\n".join(lines) + "\n")
    stderr = assert_fails_changing_nothing(out, db, module_args("Base", xml, out, db), f"{xml['Points']}:")
    location = stderr.split(f"{xml['Points']}:")[1].split(":")
    assert location[0].isdigit() and location[1].isdigit(), stderr


def test_missing_file(good, tmp_path):
    out, db, xml = good
    xml["Points"] = tmp_path / "nowhere.xml"
    assert_fails_changing_nothing(out, db, module_args("Base", xml, out, db), str(tmp_path / "nowhere.xml"), "cannot open")


def test_unknown_major_format_version(good):
    out, db, xml = good
    xml["Points"].write_text(xml["Points"].read_text().replace('<CastXML format="1.', '<CastXML format="2.', 1))
    assert_fails_changing_nothing(out, db, module_args("Base", xml, out, db), f"{xml['Points']}:2:",
                                  "unsupported CastXML format '2.")


def test_later_minor_version_is_accepted(good):
    out, db, xml = good
    xml["Points"].write_text(xml["Points"].read_text().replace('<CastXML format="1.', '<CastXML format="1.9', 1))
    result = wrapgen(module_args("Base", xml, out, db))
    assert result.returncode == 0, result.stderr.decode()


def test_typedef_to_unknown_id(good):
    out, db, xml = good
    text = xml["Points"].read_text()
    line = next(i for i, l in enumerate(text.splitlines(), 1) if '<Typedef' in l and 'name="PointD"' in l)
    xml["Points"].write_text(text.replace('name="PointD" type="', 'name="PointD" type="_999', 1))
    assert_fails_changing_nothing(out, db, module_args("Base", xml, out, db), f"{xml['Points']}:{line}:",
                                  "type '_999", "of typedef 'PointD'", "names no element of this file")


def test_same_wrapped_name_in_two_submodules(good):
    out, db, xml = good
    xml["Points"].write_text(xml["Points"].read_text().replace('name="PointI"', 'name="Shape"', 1))
    assert_fails_changing_nothing(out, db, module_args("Base", xml, out, db),
                                  "wrapped name 'Shape' is declared by two submodules", "Shapes (", "Points (",
                                  "Shapes.cxx:", "Points.cxx:")


def test_database_that_cannot_be_opened(good, tmp_path):
    out, _, xml = good
    blocked = tmp_path / "blocked"
    (blocked / DB_NAME).mkdir(parents=True)  # a directory where the database file should be
    before = snapshot(out)
    result = wrapgen(module_args("Base", xml, out, blocked))
    assert result.returncode == 1
    assert f"record database '{blocked / DB_NAME}'" in result.stderr.decode()
    assert snapshot(out) == before


@pytest.mark.parametrize("damage", ["garbage", "foreign", "older"])
def test_unusable_database_is_moved_aside_and_recreated(good, damage):
    out, db, xml = good
    path = db / DB_NAME
    for suffix in ("", "-wal", "-shm"):
        (db / (DB_NAME + suffix)).unlink(missing_ok=True)
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    else:
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE other (x)")
            if damage == "older":
                connection.execute("PRAGMA user_version=0")
                connection.execute("DROP TABLE other")
                connection.execute("CREATE TABLE pkl_data (key TEXT PRIMARY KEY, data BLOB)")
    result = wrapgen(module_args("Base", xml, out, db))
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr
    assert "was unusable" in stderr and "moved it to" in stderr
    assert [r[1] for r in rows(db)] == ["Color.Shapes", "PointD.Points", "PointI.Points", "Registry.Shapes", "Shape.Shapes", "Unit.Shapes"]
    assert list(db.glob(DB_NAME + ".broken-*"))


def test_newer_schema_version_is_moved_aside(good):
    out, db, xml = good
    with sqlite3.connect(db / DB_NAME) as connection:
        connection.execute("PRAGMA user_version=7")
    result = wrapgen(module_args("Base", xml, out, db))
    assert result.returncode == 0
    assert "schema version is 7" in result.stderr.decode()
    assert len(rows(db)) == 6


def test_usage_errors_exit_64(tmp_path):
    assert wrapgen(["--owner", "x", "--database-dir", str(tmp_path), "--output-dir", str(tmp_path),
                    "--submodule", "A=a.xml"]).returncode == 64
    result = wrapgen(["--module", "M", "--owner", "x", "--database-dir", str(tmp_path), "--output-dir", str(tmp_path),
                      "--submodule", "A=a.xml", "--submodule", "A=b.xml"])
    assert result.returncode == 64 and b"given twice" in result.stderr
    result = wrapgen(["--module", "M", "--owner", "x", "--database-dir", str(tmp_path), "--output-dir", str(tmp_path),
                      "--submodule", "A=a.xml", "--include", "B=b.h"])
    assert result.returncode == 64 and b"no --submodule named 'B'" in result.stderr
