import Glibc
import SwiftWrapCore

/// Publishes a file that arrives in chunks, with the atomic writer's guarantees and without
/// holding the whole content in memory: while the chunks equal the existing file (read alongside
/// in the same chunk sizes, into one reused buffer) nothing is written; at the first difference
/// the equal prefix is copied and the rest goes to a temporary file that is renamed into place.
final class OutputSink {
    let destination: String
    private var existing: Int32 = -1
    private var existingSize = 0
    private var offset = 0
    private var matching = false
    private var writer: AtomicWriter?
    private var buffer: UnsafeMutableRawBufferPointer

    init(destination: String) {
        self.destination = destination
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 64)
        let fd = open(destination, O_RDONLY | O_CLOEXEC)
        var raw = stat()
        if fd >= 0, fstat(fd, &raw) == 0, FileStat(raw).isRegularFile {
            existing = fd
            existingSize = Int(raw.st_size)
            matching = true
        } else if fd >= 0 {
            close(fd)
        }
    }

    deinit {
        if existing >= 0 { close(existing) }
        buffer.deallocate()
        writer?.abort()
    }

    /// Reads exactly `count` bytes of the existing file at `at` into the buffer; false if it cannot.
    private func readExisting(at: Int, count: Int) -> Bool {
        var done = 0
        while done < count {
            let n = pread(existing, buffer.baseAddress! + done, count - done, off_t(at + done))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    private func startWriting() throws(FileError) {
        let w = try AtomicWriter(destination: destination)
        var copied = 0
        while copied < offset {
            let count = min(buffer.count, offset - copied)
            guard readExisting(at: copied, count: count) else { throw FileError(.read, destination, errno: .current) }
            try w.write(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            copied += count
        }
        writer = w
        matching = false
    }

    func write(_ chunk: UnsafeRawBufferPointer) throws(FileError) {
        guard chunk.count > 0 else { return }
        if matching {
            var compared = 0
            var same = offset + chunk.count <= existingSize
            while same && compared < chunk.count {
                let count = min(buffer.count, chunk.count - compared)
                same = readExisting(at: offset + compared, count: count)
                    && memcmp(buffer.baseAddress!, chunk.baseAddress! + compared, count) == 0
                compared += count
            }
            if same {
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
    func finish(ifUnchanged policy: UnchangedPolicy = .keep) throws(FileError) -> WriteOutcome {
        if matching && offset == existingSize {
            if policy == .touch {
                try FileSystem.touch(destination)
                return .touched
            }
            return .unchanged
        }
        if writer == nil { try startWriting() }
        let w = writer!
        writer = nil
        try w.publish()
        return .written
    }
}
