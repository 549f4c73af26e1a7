"""wrapgen outputs: deterministic bytes, no rewrite of unchanged files, stamp, depfile, warnings."""
import os
import time

import pytest

from stamp_format import parse_stamp
from wrapgen_support import DB_NAME, generate_all, module_args, rows, run_castxml, snapshot, wrapgen


@pytest.fixture(scope="module")
def xml(tmp_path_factory):
    return run_castxml(tmp_path_factory.mktemp("outputs") / "xml")


@pytest.mark.parametrize("hashing", [None, "1"])
def test_two_runs_are_byte_identical_whatever_the_hash_seed(xml, tmp_path, hashing):
    env = dict(os.environ)
    env.pop("SWIFT_DETERMINISTIC_HASHING", None)
    generate_all(xml, tmp_path / "a", tmp_path / "dba", env=env)
    if hashing:
        env["SWIFT_DETERMINISTIC_HASHING"] = hashing
    generate_all(xml, tmp_path / "b", tmp_path / "dbb", env=env)
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    generated = [n for n in a if n.endswith((".i", ".idx", ".index.txt"))]
    assert len(generated) == 9
    for name in generated:
        assert a[name][0] == b[name][0], name
    assert rows(tmp_path / "dba") == rows(tmp_path / "dbb")


def test_second_run_rewrites_nothing(xml, tmp_path):
    generate_all(xml, tmp_path / "out", tmp_path / "db")
    before = snapshot(tmp_path / "out")
    time.sleep(0.05)
    generate_all(xml, tmp_path / "out", tmp_path / "db")
    after = snapshot(tmp_path / "out")
    assert sorted(before) == ["Base.stamp", "Circles.i", "Circles.idx", "Circles.index.txt", "Figures.stamp",
                              "Points.i", "Points.idx", "Points.index.txt", "Shapes.i", "Shapes.idx", "Shapes.index.txt"]
    for name, (data, mtime) in before.items():
        assert after[name] == (data, mtime), f"{name} was rewritten"


def test_stamp_is_written_last_and_identifies_the_commit(xml, tmp_path):
    out = tmp_path / "out"
    generate_all(xml, out, tmp_path / "db")
    stamp = parse_stamp((out / "Base.stamp").read_text())
    assert stamp["module"] == "Base" and stamp["owner"] == "example" and stamp["records"] == "6"
    assert stamp["cwd"] == os.getcwd()
    assert stamp["args"][1:] == module_args("Base", xml, out, tmp_path / "db")
    assert stamp["manifests"] == [str((out / f"{sub}.index.txt").resolve()) for sub in ("Shapes", "Points")]
    import sqlite3
    with sqlite3.connect(tmp_path / "db" / DB_NAME) as connection:
        digest, count = connection.execute("SELECT digest, record_count FROM modules WHERE module='Base'").fetchone()
    assert digest == stamp["digest"] and count == 6
    outputs = [p for p in out.iterdir() if p.suffix in (".i", ".idx", ".txt") and p.stem.split(".")[0] in ("Shapes", "Points")]
    assert all(p.stat().st_mtime_ns <= (out / "Base.stamp").stat().st_mtime_ns for p in outputs)


def test_depfile_lists_every_xml_and_idx_read(xml, tmp_path):
    out, db = tmp_path / "out", tmp_path / "db"
    generate_all(xml, out, db)
    result = wrapgen(module_args("Figures", xml, out, db) + ["--depfile", str(tmp_path / "Figures.d")])
    assert result.returncode == 0, result.stderr.decode()
    text = (tmp_path / "Figures.d").read_text()
    assert text.startswith(f"{out / 'Figures.stamp'}:")
    for path in (xml["Circles"], out / "Shapes.idx", out / "Points.idx"):
        assert str(path) in text


def test_warnings_as_errors_writes_nothing(xml, tmp_path):
    out, db = tmp_path / "out", tmp_path / "db"
    result = wrapgen(module_args("Base", xml, out, db) + ["--warnings-as-errors"])
    assert result.returncode == 1
    assert b"warning: 'PointD::Visit' has an argument type wrapgen does not support" in result.stderr
    assert b"treated as errors" in result.stderr
    assert not out.exists() and not db.exists()


def test_owners_never_touch_each_others_rows(xml, tmp_path):
    out, db = tmp_path / "out", tmp_path / "db"
    generate_all(xml, out, db)
    other = wrapgen(module_args("Base", xml, tmp_path / "other", db, owner="other"))
    assert other.returncode == 0, other.stderr.decode()
    keys = [(r[0], r[1]) for r in rows(db)]
    assert ("example", "PointD.Points") in keys and ("other", "PointD.Points") in keys
    again = wrapgen(module_args("Base", xml, tmp_path / "other", db, owner="other"))
    assert again.returncode == 0
    assert len([k for k in keys if k[0] == "example"]) == 7


def test_package_and_wrappers_namespace_options(xml, tmp_path):
    out, db = tmp_path / "out", tmp_path / "db"
    result = wrapgen(module_args("Base", xml, out, db) + ["--package", "geopkg"])
    assert result.returncode == 0, result.stderr.decode()
    assert (out / "Points.i").read_text().splitlines()[2].startswith('%module(package="geopkg"')
    assert all('"package":"geopkg"' in r[7] for r in rows(db))
    # The parent namespace holds no typedefs: the module has no records, and empty manifests.
    result = wrapgen(module_args("Base", xml, out, db) + ["--wrappers-namespace", "_wrapping_"])
    assert result.returncode == 0, result.stderr.decode()
    assert (out / "Points.index.txt").read_text() == "" and rows(db) == []
    result = wrapgen(module_args("Base", xml, out, db) + ["--wrappers-namespace", "nope::wrappers"])
    assert result.returncode == 1
    assert f"{xml['Shapes']}: no namespace 'nope::wrappers'".encode() in result.stderr


def test_response_file_gives_the_same_outputs_and_the_stamp_keeps_it(xml, tmp_path):
    """`wrapgen @FILE` (one argument per line) is what the CMake module runs; the stamp records the
    command as given, so a repair rerun reads the same response file."""
    direct, via_file = tmp_path / "direct", tmp_path / "rsp"
    base_args = module_args("Base", xml, direct, tmp_path / "dba")
    assert wrapgen(base_args).returncode == 0
    response = tmp_path / "Base.wrapgen.rsp"
    quoted = ['"' + a.replace("\\", "\\\\").replace('"', '\\"') + '"' for a in module_args("Base", xml, via_file, tmp_path / "dbb")]
    response.write_text("\n".join(quoted) + "\n")
    result = wrapgen([f"@{response}"])
    assert result.returncode == 0, result.stderr
    a, b = snapshot(direct), snapshot(via_file)
    for name in ("Shapes.i", "Shapes.idx", "Shapes.index.txt", "Points.i"):
        assert a[name][0] == b[name][0], name
    stamp = parse_stamp((via_file / "Base.stamp").read_text())
    assert stamp["args"][-1] == f"@{response}"
    assert stamp["manifests"] == [str((via_file / f"{sub}.index.txt").resolve()) for sub in ("Shapes", "Points")]
    missing = wrapgen([f"@{tmp_path / 'nope.rsp'}"])
    assert missing.returncode == 64 and b"nope.rsp" in missing.stderr
