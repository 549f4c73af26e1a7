import Glibc
import SwiftWrapCore

extension RecordStore {
    /// The database of `directory`, opened, with `module`'s rows read, for a
    /// `replaceModule(owner:module:…)` of that module soon after; or nil.
    ///
    /// wrapgen calls this on a second thread while it builds the records. The write transaction
    /// then compares the new rows with the ones read here, in memory, when no other connection has
    /// committed since (`PRAGMA data_version` unchanged), instead of reading and comparing them in
    /// SQLite: ~3 ms less on the critical path of the ITK wrapping translation unit
    /// (docs/benchmarks.md). Every page of the module's rows is still read, here, so a damaged one
    /// is still found: the read fails, this returns nil, and the writer's own comparison meets it.
    ///
    /// It changes nothing: where `init(directory:)` would create, convert, set aside or rebuild
    /// the file (no database yet, not in WAL mode, another schema version, a damaged page, any
    /// error), it returns nil, and the writer opens the database the usual way, which reports.
    public static func warmed(directory: String, owner: String, module: String) -> RecordStore? {
        let path = RecordStore.path(inDirectory: directory)
        // The file's identity before and after the open: the same, so the connection has that file.
        guard let before = try? FileStat.of(path), let connection = try? SQLiteConnection(path: path, create: false),
              let after = try? FileStat.of(path), before.isSameFile(as: after) else { return nil }
        let store = RecordStore(openedAt: path, connection: connection, identity: after)
        do throws(RecordStoreError) {
            guard try connection.query("PRAGMA journal_mode").first?.first??.lowercased() == "wal",
                  try store.currentVersion() == schemaVersion else { return nil }
            try connection.execute("PRAGMA synchronous=NORMAL")
            // One read transaction: the rows and the data version describe the same snapshot.
            try connection.execute("BEGIN")
            defer { try? connection.execute("COMMIT") }
            let rows = try connection.query("""
                SELECT key, module, submodule, python_name, cpp_type, kind, data FROM records
                WHERE owner = ?1 AND module = ?2
                """, [owner, module])
            guard let version = try store.dataVersion() else { return nil }
            var columns: [String: [String?]] = [:]
            for row in rows {
                guard let key = row[0] else { return nil }
                columns[key] = Array(row.dropFirst())
            }
            // SQLite's page cache goes: the rows are in `columns` now (peak RSS, docs/benchmarks.md).
            try connection.execute("PRAGMA shrink_memory")
            store.remembered = RememberedRows(owner: owner, module: module, dataVersion: version,
                                              ownChanges: connection.totalChanges, columns: columns)
        } catch {
            return nil
        }
        return store
    }

    /// Whether the file at `path` is still the one this store opened: another process that found
    /// the database damaged may have set it aside and created a new one since (wrapgen then opens
    /// the database again rather than write into the old file).
    public var isStillTheFileAtItsPath: Bool {
        guard let identity, let current = try? FileStat.of(path) else { return false }
        return current.isSameFile(as: identity)
    }

    /// The remembered rows of `module`, if they are still the database's (no other connection has
    /// committed, and this one has changed no row, since they were read): taken once, inside the
    /// write transaction, where no other connection can commit until it ends.
    func takeRemembered(owner: String, module: String) throws(RecordStoreError) -> [String: [String?]]? {
        guard let remembered, remembered.owner == owner, remembered.module == module else { return nil }
        self.remembered = nil
        guard try dataVersion() == remembered.dataVersion, connection.totalChanges == remembered.ownChanges else { return nil }
        return remembered.columns
    }
}

extension RecordStore {
    /// `PRAGMA data_version`: changes when another connection commits.
    fileprivate func dataVersion() throws(RecordStoreError) -> String? {
        try connection.query("PRAGMA data_version").first?.first ?? nil
    }
}

/// A module's rows as one read transaction saw them: key → module, submodule, python_name,
/// cpp_type, kind, data; with the connection's data version and own change count at that read.
struct RememberedRows {
    var owner: String
    var module: String
    var dataVersion: String
    var ownChanges: Int64
    var columns: [String: [String?]]
}

/// Whether the columns a row would be written with are byte for byte those stored (SQLite's
/// `IS NOT` compares bytes; Swift's `==` would call canonically equivalent strings equal).
func sameBytes(_ stored: [String?], _ new: [String]) -> Bool {
    guard stored.count == new.count else { return false }
    for (old, value) in zip(stored, new) {
        guard let old, old.utf8.count == value.utf8.count else { return false }
        var (a, b) = (old, value)
        let equal = a.withUTF8 { x in b.withUTF8 { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
        if !equal { return false }
    }
    return true
}
