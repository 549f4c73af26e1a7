import Glibc
import SwiftWrapCore

/// The record database shared by every wrapgen job of a build tree: one SQLite file in WAL mode.
/// Each module's rows are replaced in one `BEGIN IMMEDIATE` transaction, so a reader sees a
/// module's old rows or its new rows, never a mixture. A file that is not a database of this
/// schema version is moved aside and recreated (the note says so).
public final class RecordStore {
    /// Bumped whenever the schema changes (a table or column, or a record kind old readers cannot
    /// decode); part of the file name and of `PRAGMA user_version`, so an older wrapgen or stubgen
    /// keeps its own file. 2: module-level functions and constants (`kind` function/constant).
    public static let schemaVersion: Int32 = 2
    public static let fileName = "records-v\(schemaVersion).db"
    public let path: String
    /// Things a user should know (a database that was moved aside), for the tool to print.
    public internal(set) var notes: [String] = []
    var connection: SQLiteConnection
    /// The file this connection opened (device, inode): a repair that finds another file at
    /// `path` knows that another process has already replaced the damaged one.
    var identity: FileStat?
    /// A module's rows as `warmed` read them, for the next `replaceModule` of that module.
    var remembered: RememberedRows?

    /// The notes not taken yet (a repair may add one at any query), for a caller that reports as it goes.
    public func takeNotes() -> [String] {
        defer { notes = [] }
        return notes
    }

    public static func path(inDirectory directory: String) -> String {
        Path.join(directory, fileName)
    }

    /// Opens or creates `<directory>/records-v<schemaVersion>.db`, in WAL mode, with the current schema.
    /// A new file is created under the repair lock, after `-wal`/`-shm` files that a lost
    /// database left behind are removed (SQLite would apply such a log to the new file).
    public init(directory: String) throws(RecordStoreError) {
        path = RecordStore.path(inDirectory: directory)
        do { try FileSystem.createDirectories(directory) } catch {
            throw RecordStoreError(path: path, operation: "create its directory", code: 0, message: error.description,
                                   systemErrno: error.errno?.code == EEXIST ? ENOTDIR : error.errno?.code ?? 0)
        }
        let creating = !FileSystem.exists(path)
        let lock = creating ? try RecordStore.repairLock(path) : nil
        defer { lock?.unlock() }
        if creating { try RecordStore.removeOrphanedLogs(path) }
        connection = try SQLiteConnection(path: path)
        identity = try? FileStat.of(path)
        do {
            try prepareSchema()
        } catch let error as RecordStoreError where SQLiteConnection.isCorrupt(error.code) {
            try recover(reason: error.message, locked: lock != nil)
        } catch let error as SchemaMismatch {
            try recover(reason: error.reason, locked: lock != nil)
        } catch let error as RecordStoreError {
            throw error
        } catch {
            throw RecordStoreError(path: path, operation: "open", code: 0, message: "\(error)")
        }
    }

    /// A store over a connection already open on `path`, the file `identity` (RecordStore+Warm.swift).
    init(openedAt path: String, connection: SQLiteConnection, identity: FileStat) {
        self.path = path
        self.connection = connection
        self.identity = identity
    }

    struct SchemaMismatch: Error { let reason: String }

    /// Verifies WAL mode and the schema version; creates the schema in an empty file.
    func prepareSchema() throws {
        let mode = try connection.retrying { () throws(RecordStoreError) in
            try connection.query("PRAGMA journal_mode=WAL").first?.first ?? nil
        }
        guard mode?.lowercased() == "wal" else {
            throw RecordStoreError(path: path, operation: "enable WAL mode", code: 0,
                                   message: "journal_mode is '\(mode ?? "?")' (WAL needs a local file system with shared memory)")
        }
        try connection.execute("PRAGMA synchronous=NORMAL")
        if try currentVersion() == RecordStore.schemaVersion { return }
        // Under the write lock: another process may have created the schema meanwhile.
        let version = try connection.transaction { () throws(RecordStoreError) -> Int32 in
            let version = try currentVersion()
            guard version == 0, try tableNames().isEmpty else { return version }
            for statement in RecordStore.schema { try connection.execute(statement) }
            try connection.execute("PRAGMA user_version=\(RecordStore.schemaVersion)")
            return RecordStore.schemaVersion
        }
        if version != RecordStore.schemaVersion {
            throw SchemaMismatch(reason: version == 0
                ? "it holds tables of another program" : "its schema version is \(version), this wrapgen writes \(RecordStore.schemaVersion)")
        }
    }

    func currentVersion() throws(RecordStoreError) -> Int32 {
        let rows = try connection.query("PRAGMA user_version")
        return Int32(rows.first?.first.flatMap { $0 } ?? "0") ?? 0
    }

    private func tableNames() throws(RecordStoreError) -> [String] {
        try connection.query("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").compactMap { $0.first ?? nil }
    }
}
