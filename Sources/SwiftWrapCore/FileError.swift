import Glibc

/// A failed file-system operation, with the path and the operation that failed.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Operation: String, Sendable {
        case open, read, write, stat, rename, remove, createDirectory = "create directory", lock, copy, chmod, list
    }
    public let operation: Operation
    public let path: String
    public let errno: Errno?
    public let detail: String?

    public init(_ operation: Operation, _ path: String, errno: Errno? = nil, detail: String? = nil) {
        self.operation = operation
        self.path = path
        self.errno = errno
        self.detail = detail
    }

    public static func current(_ operation: Operation, _ path: String) -> FileError {
        FileError(operation, path, errno: .current)
    }

    /// True when the file simply does not exist (ENOENT/ENOTDIR).
    public var isNotFound: Bool { errno?.code == ENOENT || errno?.code == ENOTDIR }

    public var description: String {
        var text = "cannot \(operation.rawValue) '\(path)'"
        if let errno { text += ": \(errno)" }
        if let detail { text += ": \(detail)" }
        return text
    }
}
