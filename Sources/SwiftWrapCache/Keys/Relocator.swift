import Glibc
import SwiftWrapCore

/// Makes keys and stored bytes independent of where a tree lives (ccache's base_dir, extended to
/// outputs and anchored at the source and build directories).
///
/// Anchors: an absolute, normalised path below the build directory (`SWIFTWRAP_CACHE_BUILD_DIR`) is
/// keyed, stored and replayed relative to the build directory, one below the source directory
/// (`SWIFTWRAP_CACHE_SOURCE_DIR`) relative to the source directory (the innermost anchor wins when one
/// contains the other), and any other one below the base directory (`SWIFTWRAP_CACHE_BASE_DIR`)
/// relative to the working directory. So two build trees of one source tree share entries whatever
/// their depth, another checkout shares them too, and restored bytes name the current tree's files.
///
/// In stored bytes (XML, replayed messages, preprocessed text) such a path is written as
/// `NUL <anchor> <relative path> NUL`, where `<anchor>` is one byte: `S` (source), `B` (build) or `C`
/// (working directory). NUL never occurs in XML or compiler messages, so the markers are
/// unambiguous; on restore each becomes `normalize(<anchor directory>/<relative path>)`. Only paths
/// that are already normalised are relocated, so the restored spelling is exactly what castxml would
/// print in the new tree.
public struct Relocator: Sendable {
    /// Normalised absolute base directory, or nil when relocation to the working directory is off.
    public let base: String?
    public let workingDirectory: String
    /// Normalised absolute anchors, or nil when unset.
    public let sourceDirectory: String?
    public let buildDirectory: String?
    /// The anchored directories with their tags, innermost (longest) first.
    private let anchors: [(tag: UInt8, directory: String)]

    /// Marks a key token that was rewritten relative to the working directory, so a path spelled
    /// relative never shares a key with one spelled absolute (castxml writes each as spelled).
    static let keyMarker = "\u{1}rel:"
    static let tagWorking = UInt8(ascii: "C"), tagSource = UInt8(ascii: "S"), tagBuild = UInt8(ascii: "B")

    public init(base: String?, workingDirectory: String, sourceDirectory: String? = nil, buildDirectory: String? = nil) {
        self.workingDirectory = workingDirectory
        self.base = Relocator.usable(base)
        self.sourceDirectory = Relocator.usable(sourceDirectory)
        self.buildDirectory = Relocator.usable(buildDirectory)
        var anchors: [(tag: UInt8, directory: String)] = []
        if let b = self.buildDirectory { anchors.append((Relocator.tagBuild, b)) }
        if let s = self.sourceDirectory { anchors.append((Relocator.tagSource, s)) }
        if anchors.count == 2, anchors[1].directory.utf8.count > anchors[0].directory.utf8.count { anchors.swapAt(0, 1) }
        self.anchors = anchors
    }

    /// A directory relocation can use: absolute, not `/`, and free of bytes that XML escapes (the
    /// stored text would not match it).
    private static func usable(_ directory: String?) -> String? {
        guard let directory, !directory.isEmpty, Path.isAbsolute(directory) else { return nil }
        let normalized = Path.normalize(directory)
        return normalized == "/" || normalized.contains(where: { "&<>\"'".contains($0) }) ? nil : normalized
    }

    /// Whether any path is relocated at all.
    public var isActive: Bool { base != nil || !anchors.isEmpty }

    /// Which anchors are set, for the keys: an entry recorded relative to an anchor is only looked up
    /// by calls that have that anchor.
    var anchorSignature: String {
        (sourceDirectory == nil ? "" : "S") + (buildDirectory == nil ? "" : "B")
    }

    /// The directories whose paths are relocated, each once.
    private var directories: [String] {
        var result = anchors.map(\.directory)
        if let base, !result.contains(base) { result.append(base) }
        return result
    }

    /// How `absolute` is relocated: its anchor tag and its path relative to that anchor, or nil.
    /// (The cheap prefix tests first: this runs for every argument of every call.)
    func relocation(of absolute: String) -> (tag: UInt8, relative: String)? {
        for anchor in anchors where Path.isWithin(absolute, directory: anchor.directory) {
            guard Path.isNormalized(absolute) else { return nil }
            return (anchor.tag, Path.relative(from: anchor.directory, to: absolute))
        }
        if let base, Path.isWithin(absolute, directory: base), Path.isNormalized(absolute) {
            return (Relocator.tagWorking, Path.relative(from: workingDirectory, to: absolute))
        }
        return nil
    }

    /// The directory an anchor tag stands for in this tree.
    func directory(of tag: UInt8) -> String? {
        switch tag {
        case Relocator.tagWorking: return workingDirectory
        case Relocator.tagSource: return sourceDirectory
        case Relocator.tagBuild: return buildDirectory
        default: return nil
        }
    }

    private static func keyMarker(_ tag: UInt8) -> String {
        switch tag {
        case tagSource: return "\u{1}src:"
        case tagBuild: return "\u{1}bld:"
        default: return keyMarker
        }
    }

    /// A token for a key: an absolute path below an anchor or the base (alone or after an option
    /// prefix such as `-I`, which holds no `/`) becomes a marked path relative to its anchor. The
    /// path can only start at the token's first `/`; one search over the bytes finds it.
    public func keyToken(_ token: String) -> String {
        guard isActive, let slash = token.utf8.firstIndex(of: UInt8(ascii: "/")) else { return token }
        let prefix = token[..<slash]
        guard prefix.isEmpty || prefix.utf8.first == UInt8(ascii: "-"),
              let (tag, relative) = relocation(of: String(token[slash...])) else { return token }
        return String(prefix) + Relocator.keyMarker(tag) + relative
    }

    /// A path as stored in a direct-index entry: `S:`/`B:`/`C:<relative to the source directory,
    /// build directory or working directory>` when relocated, `A:<abs>` or `R:<relative>` otherwise.
    public func storedPath(_ path: String) -> String {
        if Path.isAbsolute(path) {
            guard let (tag, relative) = relocation(of: path) else { return "A:" + path }
            return String(UnicodeScalar(tag)) + ":" + relative
        }
        return "R:" + path
    }

    /// The inverse of `storedPath` for the current tree (nil: the entry needs an anchor this call lacks).
    public func resolve(storedPath stored: String) -> String? {
        let body = String(stored.dropFirst(2))
        if stored.hasPrefix("A:") || stored.hasPrefix("R:") { return body }
        guard let first = stored.utf8.first, stored.utf8.dropFirst().first == UInt8(ascii: ":"),
              let directory = directory(of: first) else { return nil }
        return Path.normalize(directory + "/" + body)
    }

    /// Replaces each normalised absolute path below an anchor or the base with its marked relative form.
    public func encode(_ bytes: [UInt8]) -> [UInt8] {
        let needles = directories.map { Array(($0 + "/").utf8) }
        guard !needles.isEmpty else { return bytes }
        var out: [UInt8] = []
        var copied = false
        bytes.withUnsafeBytes { hay in
            // The next offset of each needle at or after `from` (Int.max: none left), searched again
            // only once the scan has passed it.
            var next = [Int](repeating: -1, count: needles.count)
            var cursor = 0, from = 0
            while from < hay.count {
                var offset = Int.max
                for i in needles.indices {
                    if next[i] != Int.max, next[i] < from {
                        next[i] = needles[i].withUnsafeBytes { Bytes.find($0, in: hay, from: from) } ?? Int.max
                    }
                    offset = min(offset, next[i])
                }
                if offset == Int.max { break }
                var end = offset + 1
                while end < hay.count, !Relocator.endsPath(hay[end]) { end += 1 }
                let path = String(decoding: UnsafeRawBufferPointer(rebasing: hay[offset..<end]), as: UTF8.self)
                let atBoundary = offset == 0 || !Relocator.isPathByte(hay[offset - 1])
                guard atBoundary, let (tag, relative) = relocation(of: path) else {
                    from = offset + 1
                    continue
                }
                if !copied { out.reserveCapacity(bytes.count); copied = true }
                out.append(contentsOf: hay[cursor..<offset])
                out.append(0)
                out.append(tag)
                out.append(contentsOf: relative.utf8)
                out.append(0)
                cursor = end
                from = end
            }
            if copied { out.append(contentsOf: hay[cursor...]) }
        }
        return copied ? out : bytes
    }

    /// Puts the current tree's paths back where the markers stand.
    public func decode(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0) else { return bytes }
        var out: [UInt8] = []
        let decoder = StreamDecoder(relocator: self)
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
        private let relocator: Relocator
        /// Bytes of an unfinished marker (starting after its opening NUL), or nil outside a marker.
        private var pending: [UInt8]?

        init(relocator: Relocator) { self.relocator = relocator }

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
            // The anchor byte, then the path relative to it (an anchor this call lacks cannot occur:
            // the keys cover which anchors are set; the working directory stands in all the same).
            let directory = relative.first.flatMap { relocator.directory(of: $0) } ?? relocator.workingDirectory
            let path = Array(Path.normalize(directory + "/" + String(decoding: relative.dropFirst(), as: UTF8.self)).utf8)
            var failure: FileError?
            path.withUnsafeBytes { raw in
                do throws(FileError) { try emit(raw) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }
}
