import CSQLite
import Glibc
import SwiftWrapCore

/// A thin wrapper over one sqlite3 connection: open, run SQL, prepare statements, read rows.
/// The busy policy and transactions are in SQLiteConnection+Transaction.swift; statements in
/// SQLiteStatement.swift. The files of SQLite/ are the only ones that import CSQLite.
final class SQLiteConnection {
    let path: String
    private(set) var handle: OpaquePointer?

    /// Opens (creating if needed, unless `create` is false) `path`, with the busy timeout of the busy
    /// policy. Throws for a file SQLite cannot open at all.
    init(path: String, create: Bool = true) throws(RecordStoreError) {
        self.path = path
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        if code != SQLITE_OK {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            let systemErrno = db.map { sqlite3_system_errno($0) } ?? 0
            sqlite3_close_v2(db)
            throw RecordStoreError(path: path, operation: "open", code: code, message: message,
                                   systemErrno: SQLiteConnection.fileSystemErrno(code, systemErrno, path: path))
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, SQLiteConnection.busyTimeoutMilliseconds)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Rows this connection has changed since it opened (with `PRAGMA data_version`, which counts
    /// the other connections' commits: whether the database is still as this connection read it).
    var totalChanges: Int64 { sqlite3_total_changes64(handle) }

    func close() {
        sqlite3_close_v2(handle)
        handle = nil
    }

    func error(_ operation: String, _ code: Int32) -> RecordStoreError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        let systemErrno = handle.map { sqlite3_system_errno($0) } ?? 0
        return RecordStoreError(path: path, operation: operation, code: code, message: message,
                                systemErrno: SQLiteConnection.fileSystemErrno(code, systemErrno, path: path))
    }

    /// The errno behind SQLITE_CANTOPEN or SQLITE_READONLY. SQLite does not always keep it (a `-shm`
    /// that cannot be created reports CANTOPEN without one): then the directory is asked directly.
    static func fileSystemErrno(_ code: Int32, _ reported: Int32, path: String) -> Int32 {
        let primary = code & 0xff
        guard primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY, reported == 0 || reported == ENOENT else { return reported }
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        if access(directory, W_OK) != 0 { return errno }
        if FileSystem.exists(path) && access(path, W_OK) != 0 { return errno }
        return reported
    }

    static func isBusy(_ code: Int32) -> Bool {
        let primary = code & 0xff
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED
    }

    static func isCorrupt(_ code: Int32) -> Bool {
        let primary = code & 0xff
        return primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT
    }

    /// Runs SQL without results, once (callers that may meet a busy database use `retrying`).
    func execute(_ sql: String) throws(RecordStoreError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error("run '\(sql.prefix(60))'", code) }
    }

    /// The rows of a query as text columns.
    func query(_ sql: String, _ parameters: [String] = []) throws(RecordStoreError) -> [[String?]] {
        try prepare(sql).rows(parameters)
    }

    /// A prepared statement; it is finalized when the value goes away.
    func prepare(_ sql: String) throws(RecordStoreError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error("prepare '\(sql.prefix(60))'", code) }
        return SQLiteStatement(statement, connection: self)
    }
}
