"""SwiftWrapCache helper for installed packages: copies one owner's rows between record databases.

    swiftwrap_records.py export <database> <snapshot> <owner>   write a snapshot holding only <owner>'s rows
    swiftwrap_records.py seed <snapshot> <database>             put a snapshot's rows into <database>

`export` runs at install time (an installed package ships its rows so that projects extending it from
the install tree can write stubs that import its classes); `seed` runs before stubgen in such a
project. Both go through SQLite's own API, so a database in WAL mode is read completely. Every file
is written under a temporary name in its directory and renamed, so a failure leaves no partial
file; a failure is one line on stderr (what, and what to do) and exit status 1.
"""
import os
import sqlite3
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

TABLES = ("records", "modules")


class Failure(Exception):
    pass


def open_read_only(path: str) -> sqlite3.Connection:
    """Opens an existing database without ever creating one (a lost database stays lost, not empty)."""
    if not Path(path).is_file():
        raise Failure(f"record database '{path}' does not exist (deleted, or the project was never built); "
                      "run the build (ninja), which rebuilds it, then install again")
    return sqlite3.connect(f"file:{quote(os.path.abspath(path))}?mode=ro", uri=True, timeout=60)


def write_atomically(target: Path, fill) -> None:
    """Calls fill(temporary path) for a new file in target's directory, then renames it to target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.tmp.")
    os.close(handle)
    try:
        os.unlink(temporary)  # SQLite creates it; leftover journals are named after it
        fill(temporary)
        os.replace(temporary, target)
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            try:
                os.unlink(temporary + suffix)
            except FileNotFoundError:
                pass


def export(database: str, snapshot: str, owner: str) -> None:
    with open_read_only(database) as source:
        count = source.execute("SELECT COUNT(*) FROM records WHERE owner = ?", (owner,)).fetchone()[0]
        if count == 0:
            raise Failure(f"record database '{database}' holds no rows of '{owner}' (lost and not rebuilt yet?); "
                          "run the build (ninja), then install again")

        def fill(temporary: str) -> None:
            copy = sqlite3.connect(temporary)
            try:
                source.backup(copy)
                for table in TABLES:
                    copy.execute(f"DELETE FROM {table} WHERE owner != ?", (owner,))
                copy.commit()
                copy.execute("PRAGMA journal_mode=DELETE")
                copy.execute("VACUUM")
            finally:
                copy.close()
        write_atomically(Path(snapshot), fill)


def seed(snapshot: str, database: str) -> None:
    if not Path(database).exists():
        # Logs of a lost database must never be applied to the new file.
        for suffix in ("-wal", "-shm"):
            Path(database + suffix).unlink(missing_ok=True)
        # A whole copy keeps the header (schema version) that wrapgen and stubgen check.
        with open_read_only(snapshot) as source:
            def fill(temporary: str) -> None:
                copy = sqlite3.connect(temporary)
                try:
                    source.backup(copy)
                finally:
                    copy.close()
            write_atomically(Path(database), fill)
        return
    with sqlite3.connect(database, timeout=60) as target:
        target.execute("ATTACH DATABASE ? AS seed", (snapshot,))
        existing = {name for (name,) in target.execute("SELECT name FROM main.sqlite_master")}
        for name, sql in target.execute("SELECT name, sql FROM seed.sqlite_master WHERE sql IS NOT NULL").fetchall():
            if name not in existing:
                target.execute(sql)
        for table in TABLES:
            owners = [o for (o,) in target.execute(f"SELECT DISTINCT owner FROM seed.{table}")]
            for owner in owners:
                target.execute(f"DELETE FROM main.{table} WHERE owner = ?", (owner,))
            target.execute(f"INSERT INTO main.{table} SELECT * FROM seed.{table}")
        target.commit()
        target.execute("DETACH DATABASE seed")


def main(argv: list) -> int:
    try:
        if len(argv) == 4 and argv[0] == "export":
            export(argv[1], argv[2], argv[3])
        elif len(argv) == 3 and argv[0] == "seed":
            seed(argv[1], argv[2])
        else:
            sys.stderr.write(__doc__)
            return 64
    except Failure as failure:
        sys.stderr.write(f"swiftwrap_records.py: {failure}\n")
        return 1
    except (sqlite3.Error, OSError) as error:
        sys.stderr.write(f"swiftwrap_records.py {argv[0]}: {' '.join(argv[1:])}: {error}; "
                         "rebuild the project (ninja), then retry\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
