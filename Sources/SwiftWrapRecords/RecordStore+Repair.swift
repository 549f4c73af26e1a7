import Glibc
import SwiftWrapCore

extension RecordStore {
    /// Moves a corrupt or foreign database aside and starts a new one. Serialised between
    /// processes by a lock file, and re-checked under the lock: a process that arrives after
    /// another one replaced the file (another inode at `path`) uses the new file instead of moving
    /// it again. Damage found by any query, not only at open, comes here (`recoveringCorruption`).
    func recover(reason: String, locked: Bool = false) throws(RecordStoreError) {
        let lock = locked ? nil : try RecordStore.repairLock(path)
        defer { lock?.unlock() }

        connection.close()
        let current = try? FileStat.of(path)
        // No file at the path, or another file than the one this connection opened.
        let replaced = current.map { current in identity.map { !current.isSameFile(as: $0) } ?? false } ?? true
        if replaced {
            if current == nil { try RecordStore.removeOrphanedLogs(path) }
            connection = try SQLiteConnection(path: path)
            identity = try? FileStat.of(path)
            if (try? prepareSchema()) != nil { return }
            connection.close()
        }

        let aside = path + ".broken-\(Timestamp.now().seconds)-\(getpid())"
        guard rename(path, aside) == 0 else {
            let code = errno
            throw RecordStoreError(path: path, operation: "move the damaged database aside", code: 0,
                                   message: "\(Errno(code))", systemErrno: code)
        }
        for suffix in ["-wal", "-shm"] {
            if FileSystem.exists(path + suffix) { _ = rename(path + suffix, aside + suffix) }
        }
        notes.append("record database '\(path)' was unusable (\(reason)); moved it to '\(aside)' and started a new one. Other modules' rows are restored by rerunning their wrapgen jobs (stubgen's repair does this).")
        connection = try SQLiteConnection(path: path)
        identity = try? FileStat.of(path)
        do { try prepareSchema() } catch let error as RecordStoreError { throw error } catch {
            throw RecordStoreError(path: path, operation: "create the schema", code: 0, message: "\(error)")
        }
    }

    /// Runs `body`; when SQLite reports the file damaged (SQLITE_CORRUPT or SQLITE_NOTADB, found by
    /// any query), sets the file aside like damage found at open and runs `body` once more on the
    /// new database.
    func recoveringCorruption<T>(_ body: () throws(RecordStoreError) -> T) throws(RecordStoreError) -> T {
        do { return try body() } catch where SQLiteConnection.isCorrupt(error.code) {
            try recover(reason: error.message)
            return try body()
        }
    }

    /// The lock that serialises creating and repairing the database file.
    static func repairLock(_ path: String) throws(RecordStoreError) -> FileLock {
        do { return try FileLock(path: path + ".lock") } catch {
            throw RecordStoreError(path: path, operation: "lock for repair", code: 0, message: "\(error)",
                                   systemErrno: error.errno?.code ?? 0)
        }
    }

    /// Removes the `-wal` and `-shm` files of a database that is gone (deleted by hand, or lost
    /// with its directory's contents); called under the repair lock, before a new file is created.
    static func removeOrphanedLogs(_ path: String) throws(RecordStoreError) {
        guard !FileSystem.exists(path) else { return }
        for suffix in ["-wal", "-shm"] where FileSystem.exists(path + suffix) {
            do { try FileSystem.remove(path + suffix) } catch {
                throw RecordStoreError(path: path, operation: "remove the leftover '\(path + suffix)' of a lost database",
                                       code: 0, message: error.description, systemErrno: error.errno?.code ?? 0)
            }
        }
    }
}
