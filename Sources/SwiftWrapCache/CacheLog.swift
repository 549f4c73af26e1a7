import SwiftWrapCore

/// `SWIFTWRAP_CACHE_LOG`: one line per invocation, appended with O_APPEND so concurrent writers
/// do not interleave within a line.
struct CacheLog {
    let path: String?
    var directKey: Digest?
    var objectKey: Digest?
    private var notes: [String] = []

    init(path: String?) { self.path = path }

    mutating func note(_ text: String) { notes.append(text) }

    func record(result: CacheResult, reason: String?, elapsedSince start: Timestamp) {
        guard let path else { return }
        let micros = (Timestamp.monotonic().totalNanoseconds - start.totalNanoseconds) / 1000
        var line = "castxml-cache pid=\(getpid()) result=\(result.rawValue)"
        if let directKey { line += " direct=\(directKey.hex)" }
        if let objectKey { line += " object=\(objectKey.hex)" }
        line += " us=\(micros) cwd=\(LineEscaping.escape(FileSystem.currentDirectory()))"
        if let reason { line += " reason=\"\(LineEscaping.escape(reason))\"" }
        for n in notes { line += " note=\"\(LineEscaping.escape(n))\"" }
        line += "\n"
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return }
        try? FileSystem.writeAll(fd: fd, Array(line.utf8), path: path)
        close(fd)
    }
}
