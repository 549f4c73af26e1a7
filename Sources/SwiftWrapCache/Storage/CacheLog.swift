import Glibc
import SwiftWrapCore

/// `SWIFTWRAP_CACHE_LOG`: one line per invocation, appended with O_APPEND so concurrent writers
/// do not interleave within a line.
final class CacheLog {
    let path: String?
    var directKey: Digest?
    var objectKey: Digest?
    /// Wall time of the full castxml run and of the `castxml -E` run, when they ran: the rest of
    /// `us` is the cache's own cost, measured in the same invocation.
    var castxmlMicros: Int64?
    var preprocessMicros: Int64?
    private var notes: [String] = []
    /// Messages for the user (the executable prints them on stderr): one per cause per process.
    private(set) var warnings: [String] = []

    init(path: String?) { self.path = path }

    func note(_ text: String) { notes.append(text) }
    var lastNote: String? { notes.last }

    func warn(_ text: String) {
        note(text)
        if !warnings.contains(text) { warnings.append(text) }
    }

    func record(result: CacheResult, reason: String?, elapsedSince start: Timestamp) {
        guard let path else { return }
        let micros = Timestamp.nanoseconds(since: start) / 1000
        var line = "castxml-cache pid=\(getpid()) result=\(result.rawValue)"
        if let directKey { line += " direct=\(directKey.hex)" }
        if let objectKey { line += " object=\(objectKey.hex)" }
        line += " us=\(micros)"
        if let castxmlMicros { line += " castxml_us=\(castxmlMicros)" }
        if let preprocessMicros { line += " preprocess_us=\(preprocessMicros)" }
        line += " cwd=\(LineEscaping.escape(FileSystem.currentDirectory()))"
        if let reason { line += " reason=\"\(LineEscaping.escape(reason))\"" }
        for n in notes { line += " note=\"\(LineEscaping.escape(n))\"" }
        line += "\n"
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return }
        try? FileSystem.writeAll(fd: fd, Array(line.utf8), path: path)
        close(fd)
    }
}
