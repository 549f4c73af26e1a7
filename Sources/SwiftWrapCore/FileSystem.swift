import Glibc

/// Small file-system operations on paths, without Foundation.
public enum FileSystem {
    /// Reads a whole file. Throws `FileError` naming the path.
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        let fd = LosslessText.withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw .current(.open, path) }
        defer { close(fd) }
        return try readAll(fd: fd, path: path)
    }

    /// Reads a whole file as UTF-8 text (invalid sequences are repaired).
    public static func readText(_ path: String) throws(FileError) -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    /// Reads until end of file from an open descriptor.
    public static func readAll(fd: Int32, path: String) throws(FileError) -> [UInt8] {
        var raw = stat()
        return try readAll(fd: fd, path: path, sizeHint: fstat(fd, &raw) == 0 ? Int(raw.st_size) : 0)
    }

    /// Reads until end of file from an open descriptor whose size the caller already took (`fstat`).
    public static func readAll(fd: Int32, path: String, sizeHint hint: Int) throws(FileError) -> [UInt8] {
        var result: [UInt8] = []
        var capacity = max(hint + 1, 4096)
        while true {
            var failed = false
            // Read into uninitialised capacity: no zero-fill of multi-megabyte buffers.
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = 0
                while count < buffer.count {
                    let n = sysRead(fd, buffer.baseAddress! + count, buffer.count - count)
                    if n < 0 { if errno == EINTR { continue }; failed = true; return }
                    if n == 0 { return }
                    count += n
                }
            }
            if failed { throw .current(.read, path) }
            if result.isEmpty { result = chunk } else { result += chunk }
            if chunk.count < capacity { return result }
            capacity *= 2
        }
    }

    /// Writes every byte to a descriptor, retrying short writes.
    public static func writeAll(fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(FileError) {
        var offset = 0
        while offset < bytes.count {
            let n = sysWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw .current(.write, path)
            }
            offset += n
        }
    }

    public static func writeAll(fd: Int32, _ bytes: [UInt8], path: String) throws(FileError) {
        let failure: FileError? = bytes.withUnsafeBytes { raw -> FileError? in
            do throws(FileError) { try writeAll(fd: fd, raw, path: path); return nil } catch { return error }
        }
        if let failure { throw failure }
    }

    public static func exists(_ path: String) -> Bool {
        LosslessText.withCPath(path) { access($0, F_OK) } == 0
    }

    /// `open(path, flags | O_CREAT | O_CLOEXEC, 0666)`, creating missing parent directories first
    /// if that is why it failed. Returns the descriptor, or -1 with `errno` set.
    public static func openCreating(_ path: String, flags: Int32) -> Int32 {
        let fd = open(path, flags | O_CREAT | O_CLOEXEC, 0o666)
        guard fd < 0 && errno == ENOENT else { return fd }
        try? createDirectories(Path.directory(of: path))
        return open(path, flags | O_CREAT | O_CLOEXEC, 0o666)
    }

    /// `mkdir -p`. Existing directories are fine.
    public static func createDirectories(_ path: String, mode: mode_t = 0o777) throws(FileError) {
        if path.isEmpty || path == "/" { return }
        if mkdir(path, mode) == 0 { return }
        let first = errno
        if first == EEXIST {
            if let info = try FileStat.ifExists(path), info.isDirectory { return }
            throw FileError(.createDirectory, path, errno: Errno(EEXIST))
        }
        guard first == ENOENT else { throw FileError(.createDirectory, path, errno: Errno(first)) }
        try createDirectories(Path.directory(of: path), mode: mode)
        if mkdir(path, mode) != 0 && errno != EEXIST { throw .current(.createDirectory, path) }
    }

    /// Removes a file; a missing file is not an error.
    public static func remove(_ path: String) throws(FileError) {
        if unlink(path) != 0 && errno != ENOENT { throw .current(.remove, path) }
    }

    /// Removes a directory tree; a missing tree is not an error.
    public static func removeTree(_ path: String) throws(FileError) {
        guard let info = try FileStat.ifExists(path, followingLinks: false) else { return }
        if (info.mode & UInt32(S_IFMT)) == UInt32(S_IFDIR) {
            for name in try list(path) { try removeTree(path + "/" + name) }
            if rmdir(path) != 0 && errno != ENOENT { throw .current(.remove, path) }
        } else {
            try remove(path)
        }
    }

    /// Names in a directory as a set (empty when it cannot be listed, e.g. it does not exist).
    public static func names(in path: String) -> Set<String> {
        var names: Set<String> = []
        forEachName(in: path) { names.insert($0) }
        return names
    }

    /// Calls `body` with each name in a directory except `.` and `..`; false when it cannot be listed.
    @discardableResult
    public static func forEachName(in path: String, _ body: (String) -> Void) -> Bool {
        guard let dir = LosslessText.withCPath(path, { opendir($0) }) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            // d_name is a NUL-terminated C string inside a fixed-size array.
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                LosslessText.decode(UnsafeRawBufferPointer(start: raw.baseAddress!, count: strlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self))))
            }
            if name != "." && name != ".." { body(name) }
        }
        return true
    }

    /// Names in a directory (without `.` and `..`), sorted for deterministic behaviour.
    public static func list(_ path: String) throws(FileError) -> [String] {
        var names: [String] = []
        guard forEachName(in: path, { names.append($0) }) else { throw .current(.list, path) }
        return names.sorted()
    }

    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return buffer.withUnsafeBufferPointer { LosslessText.decode(UnsafeRawBufferPointer(start: $0.baseAddress!, count: strlen($0.baseAddress!))) }
    }

    /// `realpath(3)`: nil when the path does not resolve.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = LosslessText.withCPath(path, { realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return LosslessText.decode(UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)))
    }

    /// Sets access and modification time to now.
    public static func touch(_ path: String) throws(FileError) {
        if utimensat(AT_FDCWD, path, nil, 0) != 0 { throw .current(.write, path) }
    }

    /// Looks a program up on `PATH` the way `execvp` would. A name with a slash is returned as is.
    public static func findExecutable(_ name: String, searchPath: String? = Environment.value("PATH")) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for dir in (searchPath ?? "/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (dir.isEmpty ? "." : String(dir)) + "/" + name
            if access(candidate, X_OK) == 0, let info = try? FileStat.of(candidate), info.isRegularFile {
                return candidate
            }
        }
        return nil
    }
}
