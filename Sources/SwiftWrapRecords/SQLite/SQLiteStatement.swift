import CSQLite

/// One prepared statement, finalized when the value goes away (no statement is finalized by
/// hand). It keeps its connection open while it lives. Parameters are bound as text, `?1` first.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let connection: SQLiteConnection

    init(_ handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Runs a statement that returns no rows.
    func run(_ parameters: [String]) throws(RecordStoreError) {
        try bind(parameters)
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw connection.error("write", code) }
    }

    /// The rows the statement returns, as text columns.
    func rows(_ parameters: [String] = []) throws(RecordStoreError) -> [[String?]] {
        try bind(parameters)
        var rows: [[String?]] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else { throw connection.error("query", code) }
            var row: [String?] = []
            for column in 0..<sqlite3_column_count(handle) {
                row.append(sqlite3_column_text(handle, column).map { String(cString: $0) })
            }
            rows.append(row)
        }
    }

    private func bind(_ parameters: [String]) throws(RecordStoreError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (index, value) in parameters.enumerated() {
            let code = sqlite3_bind_text(handle, Int32(index + 1), value, -1, swiftwrap_sqlite_transient())
            if code != SQLITE_OK { throw connection.error("bind", code) }
        }
    }
}
