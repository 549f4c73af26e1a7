
/// One row to store: the record and its JSON.
public struct StoredRecord: Sendable {
    public var record: ClassRecord
    public var json: String
    public init(record: ClassRecord, json: String) {
        self.record = record
        self.json = json
    }
}

extension RecordStore {
    /// Replaces all rows of (`owner`, `module`) with `rows` in one `BEGIN IMMEDIATE` transaction.
    public func replaceModule(owner: String, module: String, rows: [StoredRecord], digest: String) throws(RecordStoreError) {
        do {
            try writeModule(owner: owner, module: module, rows: rows, digest: digest)
        } catch where SQLiteConnection.isCorrupt(error.code) {
            try recover(reason: error.message)
            try writeModule(owner: owner, module: module, rows: rows, digest: digest)
        }
    }

    private func writeModule(owner: String, module: String, rows: [StoredRecord], digest: String) throws(RecordStoreError) {
        try RecordStore.retrying { () throws(RecordStoreError) in try connection.execute("BEGIN IMMEDIATE") }
        do {
            let delete = try connection.prepare("DELETE FROM records WHERE owner = ?1 AND module = ?2")
            defer { connection.finalize(delete) }
            try connection.run(delete, [owner, module])
            let insert = try connection.prepare("""
                INSERT OR REPLACE INTO records (owner, key, module, submodule, python_name, cpp_type, kind, data)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                """)
            defer { connection.finalize(insert) }
            for row in rows.sorted(by: { $0.record.key < $1.record.key }) {
                let r = row.record
                try connection.run(insert, [owner, r.key, module, r.submodule, r.pythonName, r.cppType, r.kind, row.json])
            }
            let summary = try connection.prepare("INSERT OR REPLACE INTO modules (owner, module, digest, record_count) VALUES (?1, ?2, ?3, ?4)")
            defer { connection.finalize(summary) }
            try connection.run(summary, [owner, module, digest, String(rows.count)])
            try connection.execute("COMMIT", retryFor: RecordStore.retrySeconds)
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// (key, JSON) of one module's rows, sorted by key.
    public func rows(owner: String, module: String) throws(RecordStoreError) -> [(key: String, json: String)] {
        try connection.query("SELECT key, data FROM records WHERE owner = ?1 AND module = ?2 ORDER BY key", [owner, module])
            .map { (key: $0[0] ?? "", json: $0[1] ?? "") }
    }
}
