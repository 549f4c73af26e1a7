"""SwiftWrapCache helper for installed packages: copies one owner's rows between record databases.

    swiftwrap_records.py export <database> <snapshot> <owner>   write a snapshot holding only <owner>'s rows
    swiftwrap_records.py seed <snapshot> <database>             put a snapshot's rows into <database>

`export` runs at install time (an installed package ships its rows so that projects extending it from
the install tree can write stubs that import its classes); `seed` runs before stubgen in such a
project. Both go through SQLite's own API, so a database in WAL mode is read completely.
"""
import sqlite3
import sys
from pathlib import Path

TABLES = ("records", "modules")


def export(database: str, snapshot: str, owner: str) -> None:
    target = Path(snapshot)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.unlink(missing_ok=True)
    with sqlite3.connect(database, timeout=60) as source, sqlite3.connect(temporary) as copy:
        source.backup(copy)
        for table in TABLES:
            copy.execute(f"DELETE FROM {table} WHERE owner != ?", (owner,))
        copy.commit()
        copy.execute("PRAGMA journal_mode=DELETE")
    with sqlite3.connect(temporary) as copy:
        copy.execute("VACUUM")
    temporary.replace(target)


def seed(snapshot: str, database: str) -> None:
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    if not Path(database).exists():
        # A whole copy keeps the header (schema version) that wrapgen and stubgen check.
        temporary = Path(database + ".seed.tmp")
        temporary.unlink(missing_ok=True)
        with sqlite3.connect(snapshot) as source, sqlite3.connect(temporary) as copy:
            source.backup(copy)
        temporary.replace(database)
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
    if len(argv) == 4 and argv[0] == "export":
        export(argv[1], argv[2], argv[3])
    elif len(argv) == 3 and argv[0] == "seed":
        seed(argv[1], argv[2])
    else:
        sys.stderr.write(__doc__)
        return 64
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
