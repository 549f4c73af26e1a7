import SwiftWrapCore

/// Makes keys and stored bytes independent of where a tree lives (ccache's base_dir, extended to
/// outputs). Absolute paths below the base directory are keyed relative to the working directory;
/// in stored bytes the base directory is replaced by a marker that cannot occur in XML or in
/// ordinary compiler messages (a NUL byte) and put back as the current tree's base on restore.
public struct Relocator: Sendable {
    /// Normalised absolute base directory, or nil when relocation is off.
    public let base: String?
    public let workingDirectory: String

    /// Marks a key token that was rewritten, so a path spelled relative never shares a key with one
    /// spelled absolute (castxml writes each as spelled).
    static let keyMarker = "\u{1}rel:"
    static let storedMarker: [UInt8] = [0, 0x42, 0x41, 0x53, 0x45, 0]  // "\0BASE\0"

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

    /// A token for a key: an absolute path below the base (alone or after an option prefix such as
    /// `-I`) becomes a marked path relative to the working directory.
    public func keyToken(_ token: String) -> String {
        guard let base, let range = token.firstRange(of: base) else { return token }
        let prefix = token[..<range.lowerBound]
        let after = token[range.upperBound...]
        guard after.isEmpty || after.hasPrefix("/") else { return token }
        guard prefix.isEmpty || (prefix.hasPrefix("-") && !prefix.contains("/")) else { return token }
        let absolute = Path.normalize(String(token[range.lowerBound...]))
        return String(prefix) + Relocator.keyMarker + Path.relative(from: workingDirectory, to: absolute)
    }

    /// The position of the working directory relative to the base, part of every key when relocating.
    public var workingDirectoryFromBase: String? {
        guard let base else { return nil }
        return Path.relative(from: base, to: workingDirectory)
    }

    /// A path as stored in a manifest: `B:<tail>` below the base, `A:<abs>` or `R:<relative>` otherwise.
    public func storedPath(_ path: String) -> String {
        if Path.isAbsolute(path) {
            let normalized = Path.normalize(path)
            if let base, Path.isWithin(normalized, directory: base), normalized != base {
                return "B:" + String(normalized.dropFirst(base.count + 1))
            }
            return "A:" + path
        }
        return "R:" + path
    }

    /// The inverse of `storedPath` for the current tree; nil if the stored form needs a base and none is set.
    public func resolve(storedPath stored: String) -> String? {
        let body = String(stored.dropFirst(2))
        if stored.hasPrefix("B:") {
            guard let base else { return nil }
            return base + "/" + body
        }
        return body
    }

    /// Replaces each occurrence of `<base>/` that starts a path with the stored marker.
    public func encode(_ bytes: [UInt8]) -> [UInt8] {
        guard let base else { return bytes }
        let needle = Array((base + "/").utf8)
        return Relocator.replace(in: bytes, needle: needle, with: Relocator.storedMarker, boundaryCheck: true)
    }

    /// Puts the current tree's base back where the marker stands.
    public func decode(_ bytes: [UInt8]) -> [UInt8]? {
        guard Relocator.contains(bytes, Relocator.storedMarker) else { return bytes }
        guard let base else { return nil }
        return Relocator.replace(in: bytes, needle: Relocator.storedMarker, with: Array((base + "/").utf8), boundaryCheck: false)
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { hay in needle.withUnsafeBytes { n in Bytes.find(n, in: hay) != nil } }
    }

    /// Replaces occurrences using memmem (fast on multi-megabyte XML). With `boundaryCheck`, a match
    /// preceded by a character that can continue a path (`[A-Za-z0-9._/-]`) is left alone.
    static func replace(in bytes: [UInt8], needle: [UInt8], with replacement: [UInt8], boundaryCheck: Bool) -> [UInt8] {
        var out: [UInt8] = []
        var copied = false
        bytes.withUnsafeBytes { hay in
            needle.withUnsafeBytes { n in
                var cursor = 0
                while cursor < hay.count, let offset = Bytes.find(n, in: hay, from: cursor) {
                    if boundaryCheck, offset > 0, isPathByte(hay[offset - 1]) {
                        if !copied { out.reserveCapacity(bytes.count); copied = true }
                        out.append(contentsOf: hay[cursor...offset])
                        cursor = offset + 1
                        continue
                    }
                    if !copied { out.reserveCapacity(bytes.count); copied = true }
                    out.append(contentsOf: hay[cursor..<offset])
                    out.append(contentsOf: replacement)
                    cursor = offset + n.count
                }
                if copied { out.append(contentsOf: hay[cursor...]) }
            }
        }
        return copied ? out : bytes
    }

    private static func isPathByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
            || b == 0x2e || b == 0x5f || b == 0x2f || b == 0x2d
    }

    /// Undoes `encode` over a stream of chunks, so a restored multi-megabyte XML never has to be
    /// held in memory. The marker starts with a NUL byte, which valid XML never contains, so a
    /// `memchr` finds every candidate; a marker split across two chunks is carried over.
    final class StreamDecoder {
        private let replacement: [UInt8]
        private var carry: [UInt8] = []

        init(base: String) { replacement = Array((base + "/").utf8) }

        func feed(_ chunk: UnsafeRawBufferPointer,
                  _ emit: (UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) {
            let marker = Relocator.storedMarker
            var i = 0
            if !carry.isEmpty {
                let take = min(marker.count - carry.count, chunk.count)
                carry.append(contentsOf: chunk[0..<take])
                i = take
                if carry.count < marker.count { return }
                try emitBytes(carry == marker ? replacement : carry, emit)
                carry = []
            }
            guard let base = chunk.baseAddress else { return }
            while i < chunk.count {
                guard let hit = memchr(base + i, 0, chunk.count - i) else {
                    try emit(UnsafeRawBufferPointer(rebasing: chunk[i...]))
                    return
                }
                let p = base.distance(to: UnsafeRawPointer(hit))
                if p > i { try emit(UnsafeRawBufferPointer(rebasing: chunk[i..<p])) }
                if p + marker.count <= chunk.count {
                    if marker.withUnsafeBytes({ memcmp($0.baseAddress!, base + p, marker.count) == 0 }) {
                        try emitBytes(replacement, emit)
                        i = p + marker.count
                    } else {
                        try emit(UnsafeRawBufferPointer(rebasing: chunk[p..<(p + 1)]))
                        i = p + 1
                    }
                } else {
                    carry = Array(chunk[p...])
                    return
                }
            }
        }

        func finish(_ emit: (UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) {
            if !carry.isEmpty { try emitBytes(carry, emit) }
            carry = []
        }

        private func emitBytes(_ bytes: [UInt8], _ emit: (UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) {
            var failure: FileError?
            bytes.withUnsafeBytes { raw in
                do throws(FileError) { try emit(raw) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }
}
