import SwiftWrapCore

/// One row to store: the record and its JSON.
public struct StoredRecord: Sendable {
    public var record: ClassRecord
    public var json: String
    public init(record: ClassRecord, json: String) {
        self.record = record
        self.json = json
    }
}

/// Why `replaceModule` changed nothing.
public enum ModuleWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    case store(RecordStoreError)
    /// Another module of the same owner has rows in this submodule: record keys (`<Class>.<submodule>`)
    /// would collide and the two modules would take each other's rows.
    case submoduleTaken(database: String, owner: String, submodule: String, module: String, otherModule: String)
    /// The caller's `beforeChange` step failed (wrapgen: removing the old stamp).
    case beforeChange(FileError)

    public var description: String {
        switch self {
        case .store(let error): return error.description
        case .beforeChange(let error):
            return "\(error) (the old stamp must go before the module's rows change); nothing was written"
        case let .submoduleTaken(database, owner, submodule, module, other):
            return "submodule '\(submodule)' of module '\(module)' is already declared by module '\(other)' of project '\(owner)' (record database '\(database)'); submodule names must be unique within a project: rename one of them. If you moved '\(submodule)' from '\(other)' to '\(module)', rebuild '\(other)' first; if '\(other)' was renamed or removed, its rows are stale: delete the database (the build recreates it). Nothing was written"
        }
    }
}

extension RecordStore {
    /// Replaces all rows of (`owner`, `module`) with `rows` in one `BEGIN IMMEDIATE` transaction.
    ///
    /// Inside the transaction, before any row changes: a submodule of `submodules` that another module
    /// of `owner` has rows in is refused (`submoduleTaken`: parallel jobs serialise on the write lock,
    /// so none can race past the check); and when the module's stored digest differs from `digest`,
    /// `beforeChange` runs (wrapgen removes the module's old stamp there), and its failure leaves the
    /// database untouched. `submodules` defaults to those of `rows`. Returns true when the digest changed.
    @discardableResult
    public func replaceModule(owner: String, module: String, submodules: [String]? = nil, rows: [StoredRecord], digest: String,
                              beforeChange: () throws(FileError) -> Void = {}) throws(ModuleWriteError) -> Bool {
        let submodules = submodules ?? Array(Set(rows.map(\.record.submodule))).sorted()
        do {
            return try writeModule(owner: owner, module: module, submodules: submodules, rows: rows, digest: digest,
                                   beforeChange: beforeChange)
        } catch .store(let error) where SQLiteConnection.isCorrupt(error.code) {
            do throws(RecordStoreError) { try recover(reason: error.message) } catch { throw .store(error) }
            return try writeModule(owner: owner, module: module, submodules: submodules, rows: rows, digest: digest,
                                   beforeChange: beforeChange)
        }
    }

    private func writeModule(owner: String, module: String, submodules: [String], rows: [StoredRecord], digest: String,
                             beforeChange: () throws(FileError) -> Void) throws(ModuleWriteError) -> Bool {
        var refusal: ModuleWriteError?
        let changed: Bool
        do throws(RecordStoreError) {
            changed = try connection.transaction { () throws(RecordStoreError) -> Bool in
                // The checks come first: a refusal returns before any change, so the commit is empty.
                if let (submodule, other) = try otherModule(owner: owner, module: module, submodules: submodules) {
                    refusal = .submoduleTaken(database: path, owner: owner, submodule: submodule, module: module, otherModule: other)
                    return false
                }
                let stored = try connection.query("SELECT digest FROM modules WHERE owner = ?1 AND module = ?2", [owner, module])
                let changed = stored.first?.first.flatMap { $0 } != digest
                if changed {
                    do throws(FileError) { try beforeChange() } catch {
                        refusal = .beforeChange(error)
                        return false
                    }
                }
                try insert(owner: owner, module: module, rows: rows, digest: digest)
                return changed
            }
        } catch { throw .store(error) }
        if let refusal { throw refusal }
        return changed
    }

    /// The first submodule of `submodules` that another module of `owner` has rows in, with that module.
    private func otherModule(owner: String, module: String, submodules: [String]) throws(RecordStoreError) -> (String, String)? {
        guard !submodules.isEmpty else { return nil }
        let placeholders = (0..<submodules.count).map { "?\($0 + 3)" }.joined(separator: ", ")
        // A key is `<Python name>.<submodule>`, both identifiers: the submodule is what follows the
        // key's one `.`, so the (owner, module) index answers this without reading the rows.
        let found = try connection.query("""
            SELECT substr(key, instr(key, '.') + 1) AS submodule, module FROM records
            WHERE owner = ?1 AND module <> ?2 AND substr(key, instr(key, '.') + 1) IN (\(placeholders))
            ORDER BY submodule, module LIMIT 1
            """, [owner, module] + submodules)
        guard let row = found.first, let submodule = row[0], let other = row[1] else { return nil }
        return (submodule, other)
    }

    /// Makes the module's rows equal to `rows`, touching only what differs: a row whose columns are
    /// all equal is not rewritten, so a rerun that changes nothing writes no page (no WAL growth, no
    /// checkpoint work for the parallel jobs sharing the database).
    ///
    /// Every row is compared even when the digest is unchanged: the comparison reads the module's
    /// pages, so a damaged page of its rows is found here (and the file set aside and rebuilt) rather
    /// than by a later stubgen run that needs every module again.
    ///
    /// When `warmed` read the module's rows and no other connection has committed since, the
    /// comparison is done on those rows in memory (same result, byte for byte) and only the rows
    /// that differ go to SQLite.
    private func insert(owner: String, module: String, rows: [StoredRecord], digest: String) throws(RecordStoreError) {
        let known = try takeRemembered(owner: owner, module: module)
        var stale: Set<String>
        if let known {
            stale = Set(known.keys)
        } else {
            stale = Set(try connection.query("SELECT key FROM records WHERE owner = ?1 AND module = ?2", [owner, module])
                .compactMap { $0.first ?? nil })
        }
        for row in rows { stale.remove(row.record.key) }
        let delete = try connection.prepare("DELETE FROM records WHERE owner = ?1 AND key = ?2")
        for key in stale.sorted() { try delete.run([owner, key]) }
        // A key another module of this owner holds moves to this module (INSERT OR REPLACE did the same).
        let upsert = try connection.prepare("""
            INSERT INTO records (owner, key, module, submodule, python_name, cpp_type, kind, data)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (owner, key) DO UPDATE SET module = excluded.module, submodule = excluded.submodule,
                python_name = excluded.python_name, cpp_type = excluded.cpp_type, kind = excluded.kind, data = excluded.data
            WHERE module IS NOT excluded.module OR submodule IS NOT excluded.submodule
                OR python_name IS NOT excluded.python_name OR cpp_type IS NOT excluded.cpp_type
                OR kind IS NOT excluded.kind OR data IS NOT excluded.data
            """)
        for row in rows.sorted(by: { $0.record.key < $1.record.key }) {
            let r = row.record
            let columns = [module, r.submodule, r.pythonName, r.cppType, r.kind, row.json]
            if let stored = known?[r.key], sameBytes(stored, columns) { continue }
            try upsert.run([owner, r.key] + columns)
        }
        try connection.prepare("""
            INSERT INTO modules (owner, module, digest, record_count) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (owner, module) DO UPDATE SET digest = excluded.digest, record_count = excluded.record_count
            WHERE digest IS NOT excluded.digest OR record_count IS NOT excluded.record_count
            """).run([owner, module, digest, String(rows.count)])
    }
}
