import Glibc
import SwiftWrapCore

extension RecordStore {
    /// Moves a corrupt or foreign database aside and starts a new one. Serialised between
    /// processes by a lock file, and re-checked under the lock: a process that arrives after
    /// another one repaired the file uses the repaired file instead of moving it again.
    func recover(reason: String) throws(RecordStoreError) {
        let lockPath = path + ".lock"
        let lock: FileLock
        do { lock = try FileLock(path: lockPath) } catch {
            throw RecordStoreError(path: path, operation: "lock for repair", code: 0, message: "\(error)")
        }
        defer { lock.unlock() }

        connection.close()
        connection = try SQLiteConnection(path: path)
        if (try? prepareSchema()) != nil { return }
        connection.close()

        let aside = path + ".broken-\(Timestamp.now().seconds)-\(getpid())"
        guard rename(path, aside) == 0 else {
            throw RecordStoreError(path: path, operation: "move the damaged database aside", code: 0, message: "\(Errno.current)")
        }
        for suffix in ["-wal", "-shm"] {
            if FileSystem.exists(path + suffix) { _ = rename(path + suffix, aside + suffix) }
        }
        notes.append("record database '\(path)' was unusable (\(reason)); moved it to '\(aside)' and started a new one. Other modules' rows are restored by rerunning their wrapgen jobs (stubgen's repair does this).")
        connection = try SQLiteConnection(path: path)
        do { try prepareSchema() } catch let error as RecordStoreError { throw error } catch {
            throw RecordStoreError(path: path, operation: "create the schema", code: 0, message: "\(error)")
        }
    }
}
