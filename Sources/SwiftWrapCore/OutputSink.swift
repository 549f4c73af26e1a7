/// Publishes a file that arrives in chunks, with the atomic writer's guarantees and without
/// holding the whole content in memory: while the chunks equal the existing file (compared
/// through a read-only mapping) nothing is written; at the first difference the equal prefix
/// and the rest go to a temporary file that is renamed into place at the end.
public final class OutputSink {
    public let destination: String
    private var existing: UnsafeMutableRawPointer?
    private var existingSize = 0
    private var offset = 0
    private var matching: Bool
    private var writer: AtomicWriter?

    public init(destination: String) {
        self.destination = destination
        let fd = open(destination, O_RDONLY | O_CLOEXEC)
        var raw = stat()
        if fd >= 0, fstat(fd, &raw) == 0, FileStat(raw).isRegularFile, raw.st_size > 0,
           let map = mmap(nil, Int(raw.st_size), PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED {
            existing = map
            existingSize = Int(raw.st_size)
        }
        if fd >= 0 { close(fd) }
        matching = existing != nil || (fd >= 0 && raw.st_size == 0)
    }

    deinit {
        unmap()
        writer?.abort()
    }

    private func unmap() {
        if let existing { munmap(existing, existingSize) }
        existing = nil
    }

    private func startWriting() throws(FileError) {
        let w = try AtomicWriter(destination: destination)
        if offset > 0, let existing {
            try w.write(UnsafeRawBufferPointer(start: existing, count: offset))
        }
        writer = w
        matching = false
    }

    public func write(_ chunk: UnsafeRawBufferPointer) throws(FileError) {
        guard chunk.count > 0 else { return }
        if matching {
            if offset + chunk.count <= existingSize, let existing,
               memcmp(existing + offset, chunk.baseAddress!, chunk.count) == 0 {
                offset += chunk.count
                return
            }
            try startWriting()
        } else if writer == nil {
            try startWriting()
        }
        try writer!.write(chunk)
        offset += chunk.count
    }

    @discardableResult
    public func finish(ifUnchanged policy: UnchangedPolicy = .keep) throws(FileError) -> WriteOutcome {
        if matching && offset == existingSize {
            unmap()
            if policy == .touch {
                try FileSystem.touch(destination)
                return .touched
            }
            return .unchanged
        }
        if writer == nil { try startWriting() }
        unmap()
        let w = writer!
        writer = nil
        try w.publish()
        return .written
    }
}
