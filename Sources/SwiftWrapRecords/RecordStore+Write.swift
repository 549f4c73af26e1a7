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
        try connection.transaction { () throws(RecordStoreError) in
            try connection.prepare("DELETE FROM records WHERE owner = ?1 AND module = ?2").run([owner, module])
            let insert = try connection.prepare("""
                INSERT OR REPLACE INTO records (owner, key, module, submodule, python_name, cpp_type, kind, data)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                """)
            for row in rows.sorted(by: { $0.record.key < $1.record.key }) {
                let r = row.record
                try insert.run([owner, r.key, module, r.submodule, r.pythonName, r.cppType, r.kind, row.json])
            }
            try connection.prepare("INSERT OR REPLACE INTO modules (owner, module, digest, record_count) VALUES (?1, ?2, ?3, ?4)")
                .run([owner, module, digest, String(rows.count)])
        }
    }
}
