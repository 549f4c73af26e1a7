import Glibc

/// A nanosecond timestamp as the kernel reports it.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int64
    public var nanoseconds: Int64
    public init(seconds: Int64, nanoseconds: Int64) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }
    public init(_ spec: timespec) {
        self.init(seconds: Int64(spec.tv_sec), nanoseconds: Int64(spec.tv_nsec))
    }
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(spec)
    }
    /// Monotonic clock, for measuring durations.
    public static func monotonic() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Timestamp(spec)
    }
    public var totalNanoseconds: Int64 { seconds &* 1_000_000_000 &+ nanoseconds }
    /// Nanoseconds of the monotonic clock since `start` (a `monotonic()` reading).
    public static func nanoseconds(since start: Timestamp) -> Int64 { monotonic().totalNanoseconds - start.totalNanoseconds }
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
    public var description: String { "\(seconds).\(nanoseconds)" }
}

/// The identity of one version of a file: if any field differs, the content may differ.
/// This is the key of every hash memo (device, inode, size, mtime, ctime).
public struct FileStat: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var mtime: Timestamp
    public var ctime: Timestamp
    public var mode: UInt32

    /// Whether both describe the same file (device and inode), whatever its content.
    public func isSameFile(as other: FileStat) -> Bool { device == other.device && inode == other.inode }

    public init(device: UInt64, inode: UInt64, size: Int64, mtime: Timestamp, ctime: Timestamp, mode: UInt32) {
        self.device = device
        self.inode = inode
        self.size = size
        self.mtime = mtime
        self.ctime = ctime
        self.mode = mode
    }

    public init(_ raw: stat) {
        #if canImport(Darwin)
        let m = Timestamp(raw.st_mtimespec), c = Timestamp(raw.st_ctimespec)
        #else
        let m = Timestamp(raw.st_mtim), c = Timestamp(raw.st_ctim)
        #endif
        self.init(device: UInt64(raw.st_dev), inode: UInt64(raw.st_ino), size: Int64(raw.st_size),
                  mtime: m, ctime: c, mode: UInt32(raw.st_mode))
    }

    public var isDirectory: Bool { (mode & UInt32(S_IFMT)) == UInt32(S_IFDIR) }
    public var isRegularFile: Bool { (mode & UInt32(S_IFMT)) == UInt32(S_IFREG) }

    /// A stat taken now can vouch for the content only if the file was last changed before `start`:
    /// a file modified in the same instant as the run could change again without any stat field moving.
    public func isSettled(before start: Timestamp) -> Bool {
        mtime < start && ctime < start
    }

    /// `stat(2)` following symlinks. Throws `FileError` (check `isNotFound`).
    public static func of(_ path: String) throws(FileError) -> FileStat {
        var raw = stat()
        guard LosslessText.withCPath(path, { stat($0, &raw) }) == 0 else { throw .current(.stat, path) }
        return FileStat(raw)
    }

    /// `stat(2)` (or `lstat(2)` when `followingLinks` is false) that returns nil for a missing file
    /// and throws for other errors.
    public static func ifExists(_ path: String, followingLinks: Bool = true) throws(FileError) -> FileStat? {
        var raw = stat()
        if LosslessText.withCPath(path, { followingLinks ? stat($0, &raw) : lstat($0, &raw) }) == 0 { return FileStat(raw) }
        let error = FileError.current(.stat, path)
        if error.isNotFound { return nil }
        throw error
    }
}
