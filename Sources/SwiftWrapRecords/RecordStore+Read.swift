import SwiftWrapCore

/// Bulk reads and pruning, for stubgen. A damaged file found by any of them is set aside and
/// replaced by an empty database (`recoveringCorruption`; the note says so), so the caller sees no
/// rows and restores them (stubgen's repair reruns the modules' wrapgen).
extension RecordStore {
    /// One stored row: owner, key and the record's JSON.
    public struct Row: Sendable, Equatable {
        public var owner: String
        public var key: String
        public var json: String
    }

    /// Every row of `owner`, sorted by key (one query: cheaper than looking keys up one by one).
    public func rows(owner: String) throws(RecordStoreError) -> [Row] {
        try recoveringCorruption { () throws(RecordStoreError) in
            try connection.retrying { () throws(RecordStoreError) in
                try connection.query("SELECT key, data FROM records WHERE owner = ?1 ORDER BY key", [owner])
                    .map { Row(owner: owner, key: $0[0] ?? "", json: $0[1] ?? "") }
            }
        }
    }

    /// The rows of other owners that have one of `keys`, sorted by key then owner.
    public func rows(keys: [String], excludingOwner owner: String) throws(RecordStoreError) -> [Row] {
        try recoveringCorruption { () throws(RecordStoreError) in try foreignRows(keys: keys, excludingOwner: owner) }
    }

    private func foreignRows(keys: [String], excludingOwner owner: String) throws(RecordStoreError) -> [Row] {
        var result: [Row] = []
        let unique = Array(Set(keys)).sorted()
        var start = 0
        while start < unique.count {
            let chunk = Array(unique[start..<min(start + 500, unique.count)])
            start += chunk.count
            let placeholders = (0..<chunk.count).map { "?\($0 + 2)" }.joined(separator: ", ")
            let sql = "SELECT owner, key, data FROM records WHERE owner <> ?1 AND key IN (\(placeholders))"
            let found = try connection.retrying { () throws(RecordStoreError) in try connection.query(sql, [owner] + chunk) }
            result += found.map { Row(owner: $0[0] ?? "", key: $0[1] ?? "", json: $0[2] ?? "") }
        }
        return result.sorted { ($0.key, $0.owner) < ($1.key, $1.owner) }
    }

    /// Per (owner, module): the digest and count wrapgen recorded, and the rows actually present.
    /// Cheap (index only); a change in any of them means some row changed or disappeared.
    public func moduleSummary() throws(RecordStoreError) -> [String] {
        try recoveringCorruption { () throws(RecordStoreError) in try summaryLines() }
    }

    private func summaryLines() throws(RecordStoreError) -> [String] {
        let sql = """
            SELECT m.owner, m.module, m.digest, m.record_count,
                   (SELECT COUNT(*) FROM records r WHERE r.owner = m.owner AND r.module = m.module)
            FROM modules m ORDER BY m.owner, m.module
            """
        let summary = try connection.retrying { () throws(RecordStoreError) in try connection.query(sql) }
        let total = try connection.retrying { () throws(RecordStoreError) in try connection.query("SELECT COUNT(*) FROM records") }
        return summary.map { $0.map { $0 ?? "" }.joined(separator: " ") } + ["total " + (total.first?.first.flatMap { $0 } ?? "0")]
    }

    /// Deletes the rows of `owner` whose key is not in `keeping`, and the module summaries left
    /// without rows. Rows of other owners are never touched. Returns the deleted keys, sorted.
    public func prune(owner: String, keeping: Set<String>) throws(RecordStoreError) -> [String] {
        try recoveringCorruption { () throws(RecordStoreError) in try pruneRows(owner: owner, keeping: keeping) }
    }

    private func pruneRows(owner: String, keeping: Set<String>) throws(RecordStoreError) -> [String] {
        try connection.transaction { () throws(RecordStoreError) -> [String] in
            try connection.execute("CREATE TEMP TABLE IF NOT EXISTS stubgen_live (key TEXT PRIMARY KEY) WITHOUT ROWID")
            try connection.execute("DELETE FROM temp.stubgen_live")
            let insert = try connection.prepare("INSERT OR IGNORE INTO temp.stubgen_live (key) VALUES (?1)")
            for key in keeping.sorted() { try insert.run([key]) }
            let stale = try connection.query(
                "SELECT key FROM records WHERE owner = ?1 AND key NOT IN (SELECT key FROM temp.stubgen_live) ORDER BY key", [owner])
                .compactMap { $0.first ?? nil }
            try connection.prepare("DELETE FROM records WHERE owner = ?1 AND key NOT IN (SELECT key FROM temp.stubgen_live)")
                .run([owner])
            try connection.prepare("""
                DELETE FROM modules WHERE owner = ?1
                  AND NOT EXISTS (SELECT 1 FROM records r WHERE r.owner = modules.owner AND r.module = modules.module)
                """).run([owner])
            try connection.execute("DELETE FROM temp.stubgen_live")
            return stale
        }
    }
}
