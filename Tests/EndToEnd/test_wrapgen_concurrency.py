"""96 wrapgen processes started at once on one database: all succeed, every row is there, and a
reader never sees a module half-written."""
import sqlite3
import subprocess
import threading
import time

from conftest import tool
from wrapgen_support import DB_NAME, run_castxml

JOBS = 96


def test_many_parallel_modules_on_one_database(tmp_path):
    xml = run_castxml(tmp_path / "xml")
    db, out = tmp_path / "db", tmp_path / "out"
    commands = [[tool("wrapgen"), "--module", f"M{i}", "--owner", "example", "--database-dir", str(db),
                 "--output-dir", str(out), "--submodule", f"P{i}={xml['Points']}", "--submodule", f"S{i}={xml['Shapes']}",
                 "--include", f"P{i}=point.h"] for i in range(JOBS)]
    partial, seen_sizes, stop = [], set(), threading.Event()

    def reader():
        while not stop.is_set():
            try:
                with sqlite3.connect(db / DB_NAME, timeout=60) as connection:
                    counts = connection.execute("SELECT module, COUNT(*) FROM records GROUP BY module").fetchall()
            except sqlite3.OperationalError:
                time.sleep(0.01)
                continue
            for module, count in counts:
                seen_sizes.add(count)
                if count != 6:
                    partial.append((module, count))
            time.sleep(0.005)

    started = time.monotonic()
    processes = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands]
    thread = threading.Thread(target=reader)
    thread.start()
    results = [(p.wait(), p.stderr.read().decode()) for p in processes]
    stop.set()
    thread.join()
    elapsed = time.monotonic() - started
    failures = [r for r in results if r[0] != 0]
    assert not failures, failures[:3]
    assert not any("busy" in r[1].lower() or "locked" in r[1].lower() for r in results)
    with sqlite3.connect(db / DB_NAME) as connection:
        per_module = dict(connection.execute("SELECT module, COUNT(*) FROM records GROUP BY module").fetchall())
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert per_module == {f"M{i}": 6 for i in range(JOBS)}
    assert not partial, partial[:5]
    assert seen_sizes <= {6}
    assert all((out / f"M{i}.stamp").exists() for i in range(JOBS))
    assert elapsed < 60, elapsed


def test_parallel_jobs_on_a_damaged_database_move_it_aside_once(tmp_path):
    xml = run_castxml(tmp_path / "xml")
    db, out = tmp_path / "db", tmp_path / "out"
    db.mkdir()
    (db / DB_NAME).write_bytes(b"garbage, not SQLite " * 200)
    commands = [[tool("wrapgen"), "--module", f"M{i}", "--owner", "example", "--database-dir", str(db),
                 "--output-dir", str(out), "--submodule", f"P{i}={xml['Points']}"] for i in range(24)]
    processes = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands]
    results = [(p.wait(), p.stderr.read().decode()) for p in processes]
    assert all(code == 0 for code, _ in results), [r for r in results if r[0]][:3]
    assert len(list(db.glob(DB_NAME + ".broken-*"))) == 1
    with sqlite3.connect(db / DB_NAME) as connection:
        assert connection.execute("SELECT COUNT(DISTINCT module), COUNT(*) FROM records").fetchone() == (24, 48)
