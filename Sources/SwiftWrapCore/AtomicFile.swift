import Glibc

/// What an atomic write did to the destination.
public enum WriteOutcome: Equatable, Sendable {
    /// New bytes were published (the file did not exist or its content differed).
    case written
    /// The file already held exactly these bytes and was left alone (mtime kept).
    case unchanged
    /// The file already held these bytes; only its mtime was refreshed.
    case touched
}

/// What to do when the destination already holds the same bytes.
public enum UnchangedPolicy: Sendable {
    /// Leave the file untouched, so build tools with `restat` skip downstream work.
    case keep
    /// Refresh the mtime (for generators that do not restat outputs).
    case touch
}

/// The one atomic-write helper of the package: bytes go to a temporary file in the destination's
/// directory, then `rename(2)` publishes them. A reader sees the old file or the new one, never a
/// partial file, and a killed writer leaves at most a hidden temporary file behind.
public final class AtomicWriter {
    public let destination: String
    public let temporaryPath: String
    private var fd: Int32
    private var finished = false

    /// Opens a temporary file beside `destination` (`.<name>.tmp.XXXXXX`), creating the directory if needed.
    public init(destination: String) throws(FileError) {
        self.destination = destination
        let directory = Path.directory(of: destination)
        let pattern = Array("\(directory)/.\(Path.fileName(of: destination)).tmp.XXXXXX".utf8CString)
        var template = pattern
        var descriptor = mkstemp(&template)
        if descriptor < 0 && errno == ENOENT {
            try FileSystem.createDirectories(directory)
            template = pattern
            descriptor = mkstemp(&template)
        }
        guard descriptor >= 0 else { throw .current(.open, destination) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        self.fd = descriptor
        self.temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        // mkstemp creates 0600; published files get the usual 0666 & ~umask.
        _ = fchmod(descriptor, 0o666 & ~AtomicWriter.processUmask)
    }

    deinit { abort() }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileError) {
        try FileSystem.writeAll(fd: fd, bytes, path: temporaryPath)
    }

    public func write(_ bytes: [UInt8]) throws(FileError) {
        try FileSystem.writeAll(fd: fd, bytes, path: temporaryPath)
    }

    /// Publishes the temporary file unless the destination already holds the same bytes.
    @discardableResult
    public func commit(ifUnchanged policy: UnchangedPolicy = .keep) throws(FileError) -> WriteOutcome {
        precondition(!finished, "AtomicWriter committed twice")
        if close(fd) != 0 {
            let error = FileError.current(.write, temporaryPath)
            fd = -1
            abort()
            throw error
        }
        fd = -1
        if try AtomicWriter.filesHaveSameBytes(temporaryPath, destination) {
            abort()
            if policy == .touch {
                try FileSystem.touch(destination)
                return .touched
            }
            return .unchanged
        }
        guard rename(temporaryPath, destination) == 0 else {
            let error = FileError.current(.rename, destination)
            abort()
            throw error
        }
        finished = true
        return .written
    }

    /// Publishes the temporary file without comparing it to the destination (the caller knows it differs).
    public func publish() throws(FileError) {
        precondition(!finished, "AtomicWriter committed twice")
        let closed = close(fd) == 0
        fd = -1
        guard closed, rename(temporaryPath, destination) == 0 else {
            let error = FileError.current(closed ? .rename : .write, destination)
            abort()
            throw error
        }
        finished = true
    }

    /// Discards the temporary file. Safe to call more than once.
    public func abort() {
        if finished { return }
        finished = true
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporaryPath)
    }

    /// Writes `bytes` to `path` atomically; an identical existing file is left alone (or touched).
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String,
                             ifUnchanged policy: UnchangedPolicy = .keep) throws(FileError) -> WriteOutcome {
        if try fileHasBytes(path, bytes) {
            if policy == .touch {
                try FileSystem.touch(path)
                return .touched
            }
            return .unchanged
        }
        let writer = try AtomicWriter(destination: path)
        try writer.write(bytes)
        return try writer.commit(ifUnchanged: policy)
    }

    @discardableResult
    public static func write(_ text: String, to path: String,
                             ifUnchanged policy: UnchangedPolicy = .keep) throws(FileError) -> WriteOutcome {
        try write(Array(text.utf8), to: path, ifUnchanged: policy)
    }

    /// True when `path` exists and holds exactly `bytes` (compared through a read-only mapping,
    /// so a multi-megabyte output costs no copy).
    static func fileHasBytes(_ path: String, _ bytes: [UInt8]) throws(FileError) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var raw = stat()
        guard fstat(fd, &raw) == 0, FileStat(raw).isRegularFile, Int(raw.st_size) == bytes.count else { return false }
        if bytes.isEmpty { return true }
        guard let map = mmap(nil, bytes.count, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else {
            return (try? FileSystem.read(path)) == bytes
        }
        defer { munmap(map, bytes.count) }
        return bytes.withUnsafeBytes { memcmp($0.baseAddress!, map, bytes.count) == 0 }
    }

    /// True when both files exist with identical content (compared in chunks, never loaded whole).
    static func filesHaveSameBytes(_ a: String, _ b: String) throws(FileError) -> Bool {
        guard let sa = try FileStat.ifExists(a), let sb = try FileStat.ifExists(b),
              sa.isRegularFile, sb.isRegularFile, sa.size == sb.size else { return false }
        let fa = open(a, O_RDONLY | O_CLOEXEC), fb = open(b, O_RDONLY | O_CLOEXEC)
        defer { if fa >= 0 { close(fa) }; if fb >= 0 { close(fb) } }
        guard fa >= 0, fb >= 0 else { return false }
        let chunk = 1 << 18
        var bufferA = [UInt8](repeating: 0, count: chunk), bufferB = [UInt8](repeating: 0, count: chunk)
        while true {
            let na = readFully(fa, &bufferA), nb = readFully(fb, &bufferB)
            if na < 0 || nb < 0 || na != nb { return false }
            if na == 0 { return true }
            let same = bufferA.withUnsafeBytes { pa in
                bufferB.withUnsafeBytes { pb in memcmp(pa.baseAddress!, pb.baseAddress!, na) == 0 }
            }
            if !same { return false }
        }
    }

    private static func readFully(_ fd: Int32, _ buffer: inout [UInt8]) -> Int {
        var used = 0
        while used < buffer.count {
            let n = buffer.withUnsafeMutableBytes { sysRead(fd, $0.baseAddress! + used, $0.count - used) }
            if n < 0 { if errno == EINTR { continue }; return -1 }
            if n == 0 { break }
            used += n
        }
        return used
    }

    /// The process umask, read once.
    static let processUmask: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()
}
