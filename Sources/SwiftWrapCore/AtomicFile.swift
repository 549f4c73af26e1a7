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
    ///
    /// What already stands at `path` decides how (`Existing`): a regular file is replaced by a
    /// temporary file renamed over it; a character device, FIFO or other special file is written in
    /// place (no temporary file, no rename, no comparison: `-o /dev/null` must never replace the
    /// device); a symbolic link is followed and its final target published to the same way, so the
    /// link itself survives. A regular file costs no more system calls than before (one `open`).
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String,
                             ifUnchanged policy: UnchangedPolicy = .keep) throws(FileError) -> WriteOutcome {
        var destination = path
        for _ in 0..<AtomicWriter.maximumLinkHops {
            switch try existing(destination, comparedWith: bytes) {
            case .sameBytes:
                if policy == .touch {
                    try FileSystem.touch(destination)
                    return .touched
                }
                return .unchanged
            case .special(let kind):
                try writeInPlace(bytes, to: destination, kind: kind)
                return .written
            case .symbolicLink:
                destination = try linkTarget(destination)
                continue
            case .absentOrDifferent:
                let writer = try AtomicWriter(destination: destination)
                try writer.write(bytes)
                return try writer.commit(ifUnchanged: policy)
            }
        }
        throw FileError(.open, path, errno: Errno(ELOOP))
    }

    @discardableResult
    public static func write(_ text: String, to path: String,
                             ifUnchanged policy: UnchangedPolicy = .keep) throws(FileError) -> WriteOutcome {
        try write(Array(text.utf8), to: path, ifUnchanged: policy)
    }

    /// The same limit as the kernel's for following symbolic links.
    static let maximumLinkHops = 40

    /// What stands at an output path, as far as publishing is concerned.
    enum Existing: Equatable {
        /// A regular file with exactly the bytes to write.
        case sameBytes
        /// Nothing, an unreadable file or a regular file with other bytes: publish by rename.
        case absentOrDifferent
        /// A symbolic link (not followed yet).
        case symbolicLink
        /// A character or block device, a FIFO or a socket: written in place (the name, for messages).
        case special(String)
    }

    /// Looks at `path` without following a final symbolic link, with the one `open` a regular file
    /// needs anyway for the comparison. `O_NONBLOCK` keeps a FIFO without writers from blocking the
    /// open, `O_NOCTTY` keeps a terminal from becoming the controlling one.
    static func existing(_ path: String, comparedWith bytes: [UInt8]) throws(FileError) -> Existing {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else {
            switch errno {
            case ELOOP: return .symbolicLink
            case ENXIO: return .special("socket")   // open(2) of a socket
            default: return .absentOrDifferent
            }
        }
        defer { close(fd) }
        var raw = stat()
        guard fstat(fd, &raw) == 0 else { return .absentOrDifferent }
        let info = FileStat(raw)
        if info.isDirectory { throw FileError(.write, path, detail: "it is a directory, not a file") }
        guard info.isRegularFile else { return .special(specialKind(info.mode)) }
        return sameBytes(fd: fd, size: Int(raw.st_size), path: path, bytes) ? .sameBytes : .absentOrDifferent
    }

    private static func specialKind(_ mode: UInt32) -> String {
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFCHR): return "character device"
        case UInt32(S_IFBLK): return "block device"
        case UInt32(S_IFIFO): return "FIFO"
        case UInt32(S_IFSOCK): return "socket"
        default: return "special file"
        }
    }

    /// Writes into an existing device or FIFO as `echo > path` would, but never blocks on a FIFO
    /// that nobody reads (that is an error, not a hang).
    static func writeInPlace(_ bytes: [UInt8], to path: String, kind: String) throws(FileError) {
        if kind == "socket" {
            throw FileError(.write, path, detail: "it is a socket, which cannot be written as a file; give a file path")
        }
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else {
            if errno == ENXIO {
                throw FileError(.open, path, errno: Errno(ENXIO), detail: "the \(kind) has no reader; start the reader first or give a file path")
            }
            throw .current(.open, path)
        }
        defer { close(fd) }
        // Back to blocking writes: a slow reader is waited for, not reported as EAGAIN.
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        try FileSystem.writeAll(fd: fd, bytes, path: path)
    }

    /// The path a symbolic link points at (relative targets taken from the link's directory).
    static func linkTarget(_ link: String) throws(FileError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(link, &buffer, buffer.count - 1)
        guard count >= 0 else { throw .current(.open, link) }
        buffer[count] = 0
        let target = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return Path.isAbsolute(target) ? target : Path.join(Path.directory(of: link), target)
    }

    /// True when the open regular file `fd` (of `size` bytes) holds exactly `bytes`, compared through a
    /// read-only mapping, so a multi-megabyte output costs no copy.
    private static func sameBytes(fd: Int32, size: Int, path: String, _ bytes: [UInt8]) -> Bool {
        guard size == bytes.count else { return false }
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

    /// Removes the hidden temporary files (`.<name>.tmp.XXXXXX`) that killed runs left beside
    /// `destinations`, when they are regular files older than `age` seconds: a live writer's temporary
    /// file is younger. Only temporaries of these names are touched (a tool cleans up its own).
    /// Best effort: what cannot be listed or removed is left alone. Returns the paths removed.
    @discardableResult
    public static func removeStaleTemporaries(of destinations: [String], olderThan age: Int64 = 3600) -> [String] {
        var namesByDirectory: [String: Set<String>] = [:]
        for path in destinations { namesByDirectory[Path.directory(of: path), default: []].insert(Path.fileName(of: path)) }
        let cutoff = Timestamp.now().seconds - age
        var removed: [String] = []
        for (directory, names) in namesByDirectory.sorted(by: { $0.key < $1.key }) {
            FileSystem.forEachName(in: directory) { entry in
                guard let owner = temporaryOwner(entry), names.contains(owner) else { return }
                let path = Path.join(directory, entry)
                var raw = stat()
                guard lstat(path, &raw) == 0, FileStat(raw).isRegularFile, FileStat(raw).mtime.seconds < cutoff else { return }
                if unlink(path) == 0 { removed.append(path) }
            }
        }
        return removed.sorted()
    }

    /// `name` of a temporary file named `.<name>.tmp.XXXXXX` (mkstemp's six characters), else nil.
    static func temporaryOwner(_ entry: String) -> String? {
        let bytes = Array(entry.utf8)
        let suffix = Array(".tmp.".utf8)
        guard bytes.count > 1 + suffix.count + 6, bytes[0] == UInt8(ascii: "."),
              Array(bytes[(bytes.count - 6 - suffix.count)..<(bytes.count - 6)]) == suffix else { return nil }
        return String(decoding: bytes[1..<(bytes.count - 6 - suffix.count)], as: UTF8.self)
    }

    /// The process umask, read once.
    static let processUmask: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()
}
