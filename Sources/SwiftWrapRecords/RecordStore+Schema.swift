extension RecordStore {
    /// Schema version 2: the tables of version 1; new record kinds in `data` (docs/database.md describes every column and the JSON in `data`).
    static let schema = [
        """
        CREATE TABLE IF NOT EXISTS records (
            owner TEXT NOT NULL,
            key TEXT NOT NULL,
            module TEXT NOT NULL,
            submodule TEXT NOT NULL,
            python_name TEXT NOT NULL,
            cpp_type TEXT NOT NULL,
            kind TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (owner, key)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX IF NOT EXISTS records_by_module ON records (owner, module)",
        """
        CREATE TABLE IF NOT EXISTS modules (
            owner TEXT NOT NULL,
            module TEXT NOT NULL,
            digest TEXT NOT NULL,
            record_count INTEGER NOT NULL,
            PRIMARY KEY (owner, module)
        ) WITHOUT ROWID
        """,
    ]
}
