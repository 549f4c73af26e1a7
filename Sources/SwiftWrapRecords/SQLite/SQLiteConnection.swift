import CSQLite
import Glibc
import SwiftWrapCore

/// A thin wrapper over one sqlite3 connection: statements, binding, stepping, retry on busy.
/// The only file besides RecordStore+*.swift that imports CSQLite.
final class SQLiteConnection {
    let path: String
    private(set) var handle: OpaquePointer?

    /// Opens (creating if needed) `path`. Throws for a file SQLite cannot open at all.
    init(path: String, create: Bool = true) throws(RecordStoreError) {
        self.path = path
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        if code != SQLITE_OK {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw RecordStoreError(path: path, operation: "open", code: code, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    func close() {
        sqlite3_close_v2(handle)
        handle = nil
    }

    func error(_ operation: String, _ code: Int32) -> RecordStoreError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        return RecordStoreError(path: path, operation: operation, code: code, message: message)
    }

    static func isBusy(_ code: Int32) -> Bool {
        let primary = code & 0xff
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED
    }

    static func isCorrupt(_ code: Int32) -> Bool {
        let primary = code & 0xff
        return primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT
    }

    func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs SQL without results; retried while the database is busy, up to `retryFor` seconds.
    func execute(_ sql: String, retryFor seconds: Double = 0) throws(RecordStoreError) {
        let deadline = monotonicSeconds() + seconds
        while true {
            let code = sqlite3_exec(handle, sql, nil, nil, nil)
            if code == SQLITE_OK { return }
            if SQLiteConnection.isBusy(code) && monotonicSeconds() < deadline {
                usleep(20_000 + UInt32.random(in: 0..<30_000))
                continue
            }
            throw error("run '\(sql.prefix(60))'", code)
        }
    }

    /// The rows of a query as text columns.
    func query(_ sql: String, _ parameters: [String] = []) throws(RecordStoreError) -> [[String?]] {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        try bind(statement, parameters)
        var rows: [[String?]] = []
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else { throw error("query", code) }
            var row: [String?] = []
            for column in 0..<sqlite3_column_count(statement) {
                row.append(sqlite3_column_text(statement, column).map { String(cString: $0) })
            }
            rows.append(row)
        }
    }

    func prepare(_ sql: String) throws(RecordStoreError) -> OpaquePointer {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error("prepare '\(sql.prefix(60))'", code) }
        return statement
    }

    func bind(_ statement: OpaquePointer, _ parameters: [String]) throws(RecordStoreError) {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (index, value) in parameters.enumerated() {
            let code = sqlite3_bind_text(statement, Int32(index + 1), value, -1, swiftwrap_sqlite_transient())
            if code != SQLITE_OK { throw error("bind", code) }
        }
    }

    /// Steps a statement that returns no rows.
    func run(_ statement: OpaquePointer, _ parameters: [String]) throws(RecordStoreError) {
        try bind(statement, parameters)
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else { throw error("write", code) }
    }

    func finalize(_ statement: OpaquePointer) { sqlite3_finalize(statement) }
}

func monotonicSeconds() -> Double {
    Double(Timestamp.monotonic().totalNanoseconds) / 1e9
}
