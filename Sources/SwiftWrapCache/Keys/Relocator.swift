import Glibc
import SwiftWrapCore

/// Makes keys and stored bytes independent of where a tree lives (ccache's base_dir, extended to
/// outputs). An absolute path below the base directory is keyed, stored and replayed *relative to
/// the working directory*, so another checkout or another build tree whose working directory sits
/// at the same place relative to the inputs shares entries, and restored bytes name its own files.
///
/// In stored bytes (XML, replayed messages, preprocessed text) such a path is written as
/// `NUL <relative path> NUL`. NUL never occurs in XML or compiler messages, so the markers are
/// unambiguous; on restore each becomes `normalize(<working directory>/<relative path>)`. Only
/// paths that are already normalised are relocated, so the restored spelling is exactly what
/// castxml would print in the new tree.
public struct Relocator: Sendable {
    /// Normalised absolute base directory, or nil when relocation is off.
    public let base: String?
    public let workingDirectory: String

    /// Marks a key token that was rewritten, so a path spelled relative never shares a key with one
    /// spelled absolute (castxml writes each as spelled).
    static let keyMarker = "\u{1}rel:"

    public init(base: String?, workingDirectory: String) {
        self.workingDirectory = workingDirectory
        if let base, !base.isEmpty, Path.isAbsolute(base) {
            let normalized = Path.normalize(base)
            // A base containing bytes that XML escapes would not match the stored text: relocation off.
            self.base = normalized == "/" || normalized.contains(where: { "&<>\"'".contains($0) }) ? nil : normalized
        } else {
            self.base = nil
        }
    }

    private func relocatable(_ absolute: String) -> Bool {
        guard let base else { return false }
        return Path.isWithin(absolute, directory: base) && Path.isNormalized(absolute)
    }

    /// A token for a key: an absolute path below the base (alone or after an option prefix such as
    /// `-I`) becomes a marked path relative to the working directory.
    public func keyToken(_ token: String) -> String {
        guard let base, let range = token.firstRange(of: base) else { return token }
        let prefix = token[..<range.lowerBound]
        let after = token[range.upperBound...]
        guard after.isEmpty || after.hasPrefix("/") else { return token }
        guard prefix.isEmpty || (prefix.hasPrefix("-") && !prefix.contains("/")) else { return token }
        let absolute = String(token[range.lowerBound...])
        guard relocatable(absolute) else { return token }
        return String(prefix) + Relocator.keyMarker + Path.relative(from: workingDirectory, to: absolute)
    }

    /// A path as stored in a direct-index entry: `C:<relative to cwd>` below the base, `A:<abs>` or `R:<relative>` otherwise.
    public func storedPath(_ path: String) -> String {
        if Path.isAbsolute(path) {
            return relocatable(path) ? "C:" + Path.relative(from: workingDirectory, to: path) : "A:" + path
        }
        return "R:" + path
    }

    /// The inverse of `storedPath` for the current tree.
    public func resolve(storedPath stored: String) -> String? {
        let body = String(stored.dropFirst(2))
        if stored.hasPrefix("C:") { return Path.normalize(workingDirectory + "/" + body) }
        if stored.hasPrefix("A:") || stored.hasPrefix("R:") { return body }
        return nil
    }

    /// Replaces each normalised absolute path below the base with its marked relative form.
    public func encode(_ bytes: [UInt8]) -> [UInt8] {
        guard let base else { return bytes }
        let needle = Array((base + "/").utf8)
        var out: [UInt8] = []
        var copied = false
        bytes.withUnsafeBytes { hay in
            needle.withUnsafeBytes { n in
                var cursor = 0
                while cursor < hay.count, let offset = Bytes.find(n, in: hay, from: cursor) {
                    var end = offset + n.count
                    while end < hay.count, !Relocator.endsPath(hay[end]) { end += 1 }
                    let path = String(decoding: UnsafeRawBufferPointer(rebasing: hay[offset..<end]), as: UTF8.self)
                    let atBoundary = offset == 0 || !Relocator.isPathByte(hay[offset - 1])
                    guard atBoundary, relocatable(path) else {
                        if !copied { out.reserveCapacity(bytes.count); copied = true }
                        out.append(contentsOf: hay[cursor..<(offset + 1)])
                        cursor = offset + 1
                        continue
                    }
                    if !copied { out.reserveCapacity(bytes.count); copied = true }
                    out.append(contentsOf: hay[cursor..<offset])
                    out.append(0)
                    out.append(contentsOf: Path.relative(from: workingDirectory, to: path).utf8)
                    out.append(0)
                    cursor = end
                }
                if copied { out.append(contentsOf: hay[cursor...]) }
            }
        }
        return copied ? out : bytes
    }

    /// Puts the current tree's paths back where the markers stand (works without a base).
    public func decode(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0) else { return bytes }
        var out: [UInt8] = []
        let decoder = StreamDecoder(workingDirectory: workingDirectory)
        bytes.withUnsafeBytes { raw in
            try? decoder.feed(raw) { (piece) throws(FileError) in out.append(contentsOf: piece) }
            try? decoder.finish { (piece) throws(FileError) in out.append(contentsOf: piece) }
        }
        return out
    }

    /// Bytes that end a path in XML attributes, compiler messages and preprocessed text.
    static func endsPath(_ b: UInt8) -> Bool {
        switch b {
        case 0x22, 0x27, 0x3c, 0x3e, 0x26, 0x20, 0x09, 0x0a, 0x0d, 0x3a, 0x2c, 0x3b, 0x28, 0x29, 0x3d, 0x7c, 0x00: return true
        default: return false
        }
    }

    private static func isPathByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
            || b == 0x2e || b == 0x5f || b == 0x2f || b == 0x2d
    }

    /// Undoes `encode` over a stream of chunks, so a restored multi-megabyte XML never has to be
    /// held in memory. A marker split across two chunks is carried over.
    final class StreamDecoder {
        private let workingDirectory: String
        /// Bytes of an unfinished marker (starting after its opening NUL), or nil outside a marker.
        private var pending: [UInt8]?

        init(workingDirectory: String) { self.workingDirectory = workingDirectory }

        func feed(_ chunk: UnsafeRawBufferPointer,
                  _ emit: (UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) {
            guard let base = chunk.baseAddress else { return }
            var i = 0
            while i < chunk.count {
                if pending != nil {
                    guard let close = memchr(base + i, 0, chunk.count - i) else {
                        pending!.append(contentsOf: chunk[i...])
                        return
                    }
                    let p = base.distance(to: UnsafeRawPointer(close))
                    pending!.append(contentsOf: chunk[i..<p])
                    try emitPath(pending!, emit)
                    pending = nil
                    i = p + 1
                    continue
                }
                guard let open = memchr(base + i, 0, chunk.count - i) else {
                    try emit(UnsafeRawBufferPointer(rebasing: chunk[i...]))
                    return
                }
                let p = base.distance(to: UnsafeRawPointer(open))
                if p > i { try emit(UnsafeRawBufferPointer(rebasing: chunk[i..<p])) }
                pending = []
                i = p + 1
            }
        }

        func finish(_ emit: (UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) {
            if let pending { try emitPath(pending, emit) }
            pending = nil
        }

        private func emitPath(_ relative: [UInt8], _ emit: (UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) {
            let path = Array(Path.normalize(workingDirectory + "/" + String(decoding: relative, as: UTF8.self)).utf8)
            var failure: FileError?
            path.withUnsafeBytes { raw in
                do throws(FileError) { try emit(raw) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }
}
