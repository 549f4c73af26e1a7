import Glibc

/// A record database that cannot be used. Names the database file and what went wrong; the usual
/// causes (a full disk, a read-only directory, a file where the directory should be) are said in
/// plain words with what to do, other failures with SQLite's own message and code.
public struct RecordStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let code: Int32
    public let message: String
    /// The `errno` behind the failure, when SQLite or the file system reported one (0: none).
    public let systemErrno: Int32

    public init(path: String, operation: String, code: Int32, message: String, systemErrno: Int32 = 0) {
        self.path = path
        self.operation = operation
        self.code = code
        self.message = message
        self.systemErrno = systemErrno
    }

    /// The causes a user can act on without knowing SQLite.
    public enum Cause: Equatable, Sendable {
        case noSpace, readOnly, notADirectory
    }

    public var cause: Cause? {
        let primary = code & 0xff
        // Only failures of the file system (SQLite's READONLY, IOERR, FULL, CANTOPEN, or ours: 0).
        guard [0, 8, 10, 13, 14].contains(primary) else { return nil }
        if systemErrno == ENOSPC || systemErrno == EDQUOT || primary == 13 /* SQLITE_FULL */ { return .noSpace }
        if systemErrno == ENOTDIR { return .notADirectory }
        if systemErrno == EROFS || systemErrno == EACCES || systemErrno == EPERM || primary == 8 /* SQLITE_READONLY */ {
            return .readOnly
        }
        return nil
    }

    public var description: String {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        switch cause {
        case .noSpace:
            return "record database '\(path)': cannot \(operation): no space left on the device that holds it; free some space (or give another --database-dir, SWIFTWRAP_DATABASE_DIR in CMake) and rebuild"
        case .readOnly:
            return "record database '\(path)': cannot \(operation): the directory '\(directory)' or the database in it is read-only (read-only file system or permissions); make it writable (or give another --database-dir, SWIFTWRAP_DATABASE_DIR in CMake) and rebuild"
        case .notADirectory:
            return "record database '\(path)': cannot \(operation): '\(directory)' (or a directory above it) is a file, not a directory; remove or rename that file (or give another --database-dir, SWIFTWRAP_DATABASE_DIR in CMake) and rebuild"
        case nil:
            return "record database '\(path)': cannot \(operation): \(message) (SQLite code \(code))"
        }
    }
}
