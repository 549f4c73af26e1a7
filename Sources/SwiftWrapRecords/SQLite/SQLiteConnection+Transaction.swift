import Glibc
import SwiftWrapCore

/// The busy policy, in one place: SQLite waits up to `busyTimeoutMilliseconds` for a lock by
/// itself; when it still reports busy or locked, `retrying` tries again after a short random
/// pause until `retrySeconds` have passed. Every write goes through `transaction`.
extension SQLiteConnection {
    static let busyTimeoutMilliseconds: Int32 = 60_000
    static let retrySeconds = 300.0

    /// Runs `body`, again while SQLite reports busy or locked, up to `retrySeconds`.
    @discardableResult
    func retrying<T>(_ body: () throws(RecordStoreError) -> T) throws(RecordStoreError) -> T {
        let deadline = monotonicSeconds() + SQLiteConnection.retrySeconds
        while true {
            do { return try body() } catch {
                guard SQLiteConnection.isBusy(error.code), monotonicSeconds() < deadline else { throw error }
                usleep(20_000 + UInt32.random(in: 0..<50_000))
            }
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` … `COMMIT` transaction (begin and commit retried
    /// while busy); rolls back and rethrows when anything fails.
    @discardableResult
    func transaction<T>(_ body: () throws(RecordStoreError) -> T) throws(RecordStoreError) -> T {
        try retrying { () throws(RecordStoreError) in try execute("BEGIN IMMEDIATE") }
        do {
            let result = try body()
            try retrying { () throws(RecordStoreError) in try execute("COMMIT") }
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}

func monotonicSeconds() -> Double {
    Double(Timestamp.monotonic().totalNanoseconds) / 1e9
}
