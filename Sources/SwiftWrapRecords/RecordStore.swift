import Glibc
import SwiftWrapCore

/// The record database shared by every wrapgen job of a build tree: one SQLite file in WAL mode.
/// Each module's rows are replaced in one `BEGIN IMMEDIATE` transaction, so a reader sees a
/// module's old rows or its new rows, never a mixture. A file that is not a database of this
/// schema version is moved aside and recreated (the note says so).
public final class RecordStore {
    /// Bumped whenever the schema changes; part of the file name and of `PRAGMA user_version`.
    public static let schemaVersion: Int32 = 1
    public static let fileName = "records-v\(schemaVersion).db"
    /// How long a writer waits for the database lock (SQLite busy timeout), then retries.
    public static let busyTimeoutMilliseconds: Int32 = 60_000
    static let retrySeconds = 300.0

    public let path: String
    /// Things a user should know (a database that was moved aside), for the tool to print.
    public internal(set) var notes: [String] = []
    var connection: SQLiteConnection

    public static func path(inDirectory directory: String) -> String {
        Path.join(directory, fileName)
    }

    /// Opens or creates `<directory>/records-v1.db`, in WAL mode, with the current schema.
    public init(directory: String) throws(RecordStoreError) {
        path = RecordStore.path(inDirectory: directory)
        do { try FileSystem.createDirectories(directory) } catch {
            throw RecordStoreError(path: path, operation: "create its directory", code: 0, message: error.description)
        }
        connection = try RecordStore.connect(path)
        do {
            try prepareSchema()
        } catch let error as RecordStoreError where SQLiteConnection.isCorrupt(error.code) {
            try recover(reason: error.message)
        } catch let error as SchemaMismatch {
            try recover(reason: error.reason)
        } catch let error as RecordStoreError {
            throw error
        } catch {
            throw RecordStoreError(path: path, operation: "open", code: 0, message: "\(error)")
        }
    }

    static func connect(_ path: String) throws(RecordStoreError) -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path)
        connection.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
        return connection
    }

    struct SchemaMismatch: Error { let reason: String }

    /// Verifies WAL mode and the schema version; creates the schema in an empty file.
    func prepareSchema() throws {
        let mode = try RecordStore.retrying { () throws(RecordStoreError) in
            try connection.query("PRAGMA journal_mode=WAL").first?.first ?? nil
        }
        guard mode?.lowercased() == "wal" else {
            throw RecordStoreError(path: path, operation: "enable WAL mode", code: 0,
                                   message: "journal_mode is '\(mode ?? "?")' (WAL needs a local file system with shared memory)")
        }
        try connection.execute("PRAGMA synchronous=NORMAL")
        if try currentVersion() == RecordStore.schemaVersion { return }
        try RecordStore.retrying { () throws(RecordStoreError) in try connection.execute("BEGIN IMMEDIATE") }
        do {
            let version = try currentVersion()
            if try version == 0 && tableNames().isEmpty {
                for statement in RecordStore.schema { try connection.execute(statement) }
                try connection.execute("PRAGMA user_version=\(RecordStore.schemaVersion)")
                try connection.execute("COMMIT")
                return
            }
            try? connection.execute("ROLLBACK")
            if version != RecordStore.schemaVersion {
                throw SchemaMismatch(reason: version == 0
                    ? "it holds tables of another program" : "its schema version is \(version), this wrapgen writes \(RecordStore.schemaVersion)")
            }
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    private func currentVersion() throws(RecordStoreError) -> Int32 {
        let rows = try connection.query("PRAGMA user_version")
        return Int32(rows.first?.first.flatMap { $0 } ?? "0") ?? 0
    }

    private func tableNames() throws(RecordStoreError) -> [String] {
        try connection.query("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").compactMap { $0.first ?? nil }
    }

    /// Retries `body` while SQLite reports busy or locked (beyond its own busy timeout).
    @discardableResult
    static func retrying<T>(_ body: () throws(RecordStoreError) -> T) throws(RecordStoreError) -> T {
        let deadline = monotonicSeconds() + retrySeconds
        while true {
            do { return try body() } catch {
                guard SQLiteConnection.isBusy(error.code), monotonicSeconds() < deadline else { throw error }
                usleep(20_000 + UInt32.random(in: 0..<50_000))
            }
        }
    }
}
