import SwiftWrapCore

/// One way a direct key was satisfied before: the files castxml read (with content hashes and the
/// stats that vouch for them) and the include-path probes that must still fail, grouped by the
/// directory whose listing would change if a shadowing header appeared.
struct ManifestEntry: Equatable {
    struct File: Equatable {
        var stored: String  // Relocator.storedPath form
        var digest: Digest
        var stat: FileStat?  // nil: changed too recently to vouch for the hash
    }

    enum DirectoryState: Equatable {
        case present(FileStat)
        case absent
        case unsettled
    }

    struct ProbeDirectory: Equatable {
        var stored: String
        var state: DirectoryState
        /// File names joined by `/` (which no file name contains): split only when the directory changed.
        var packedNames: String

        init(stored: String, state: DirectoryState, names: [String]) {
            self.init(stored: stored, state: state, packedNames: names.joined(separator: "/"))
        }

        init(stored: String, state: DirectoryState, packedNames: String) {
            self.stored = stored
            self.state = state
            self.packedNames = packedNames
        }

        var names: [String] { packedNames.split(separator: "/").map(String.init) }
    }

    var objectKey: Digest
    var files: [File]
    var probes: [ProbeDirectory]
}

/// The direct index file of one key: newest entry first, at most `limit` entries, checksummed.
///
///     swiftwrap-manifest 1
///     entry <object key>
///     file <sha256> <stat|-> <stored path>
///     dir <present <stat>|absent|unsettled> <stored path>
///     probe <name>/<name>/…        (the names that must stay absent from that directory)
///     end
///     …
///     sum <sha256 of every byte before this line>
enum DirectManifest {
    static let header = "swiftwrap-manifest 1"
    static let limit = 16

    static func render(_ entries: [ManifestEntry]) -> [UInt8] {
        var text = header + "\n"
        for entry in entries.prefix(limit) {
            text += "entry \(entry.objectKey.hex)\n"
            for f in entry.files {
                text += "file \(f.digest.hex) \(f.stat.map(StatCodec.encode) ?? "-") \(LineEscaping.escape(f.stored))\n"
            }
            for d in entry.probes {
                let state: String
                switch d.state {
                case .present(let s): state = "present " + StatCodec.encode(s)
                case .absent: state = "absent"
                case .unsettled: state = "unsettled"
                }
                text += "dir \(state) \(LineEscaping.escape(d.stored))\n"
                text += "probe \(LineEscaping.escape(d.packedNames))\n"
            }
            text += "end\n"
        }
        var bytes = Array(text.utf8)
        bytes += Array("sum \(SHA256.hash(bytes).hex)\n".utf8)
        return bytes
    }

    /// Parses a manifest; any damage (truncation, bad checksum, unknown line) is `corruptEntry`.
    /// Works on bytes: this runs on every cache hit, over thousands of lines.
    static func parse(_ bytes: [UInt8], path: String) throws(CacheError) -> [ManifestEntry] {
        func corrupt(_ why: String) -> CacheError { .corruptEntry(path: path, reason: why) }
        guard bytes.count > 70, bytes.last == 0x0a else { throw corrupt("truncated") }
        var sumStart = bytes.count - 2
        while sumStart > 0 && bytes[sumStart - 1] != 0x0a { sumStart -= 1 }
        let sumLine = bytes[sumStart..<(bytes.count - 1)]
        guard sumLine.starts(with: Array("sum ".utf8)), let sum = ByteParsing.digest(sumLine.dropFirst(4)) else {
            throw corrupt("no checksum line")
        }
        let body = bytes.withUnsafeBytes { raw -> Digest in
            var h = SHA256()
            h.update(UnsafeRawBufferPointer(rebasing: raw[0..<sumStart]))
            return h.finalize()
        }
        guard body == sum else { throw corrupt("checksum mismatch") }

        var entries: [ManifestEntry] = []
        var current: ManifestEntry?
        var lines = bytes[0..<sumStart].split(separator: 0x0a, omittingEmptySubsequences: true)[...]
        guard let first = lines.popFirst(), first.elementsEqual(header.utf8) else { throw corrupt("unknown header") }
        for line in lines {
            var fields = ByteParsing.Fields(line)
            let word = fields.next()
            switch word.first {
            case UInt8(ascii: "e") where word.elementsEqual("entry".utf8):
                guard current == nil, let key = ByteParsing.digest(fields.next()) else { throw corrupt("bad entry line") }
                current = ManifestEntry(objectKey: key, files: [], probes: [])
            case UInt8(ascii: "e") where word.elementsEqual("end".utf8):
                guard let entry = current else { throw corrupt("stray end") }
                entries.append(entry)
                current = nil
            case UInt8(ascii: "f") where word.elementsEqual("file".utf8):
                guard let digest = ByteParsing.digest(fields.next()) else { throw corrupt("bad file line") }
                let statField = fields.next()
                let stat = statField.elementsEqual("-".utf8) ? nil : ByteParsing.stat(statField)
                guard stat != nil || statField.elementsEqual("-".utf8), let stored = ByteParsing.text(fields.rest()) else {
                    throw corrupt("bad file line")
                }
                current?.files.append(.init(stored: stored, digest: digest, stat: stat))
            case UInt8(ascii: "d") where word.elementsEqual("dir".utf8):
                let kind = fields.next()
                let state: ManifestEntry.DirectoryState
                if kind.elementsEqual("present".utf8), let s = ByteParsing.stat(fields.next()) { state = .present(s) }
                else if kind.elementsEqual("absent".utf8) { state = .absent }
                else if kind.elementsEqual("unsettled".utf8) { state = .unsettled }
                else { throw corrupt("bad dir line") }
                guard let stored = ByteParsing.text(fields.rest()) else { throw corrupt("bad dir path") }
                current?.probes.append(.init(stored: stored, state: state, packedNames: ""))
            case UInt8(ascii: "p") where word.elementsEqual("probe".utf8):
                guard let names = ByteParsing.text(fields.rest()), current?.probes.last?.packedNames == "" else {
                    throw corrupt("bad probe line")
                }
                current!.probes[current!.probes.count - 1].packedNames = names
            default:
                throw corrupt("unknown line '\(String(decoding: word, as: UTF8.self))'")
            }
        }
        guard current == nil else { throw corrupt("unterminated entry") }
        return entries
    }
}

/// Byte-level field parsing for the cache's text formats.
enum ByteParsing {
    /// Space-separated fields of one line; `rest()` returns everything after the fields taken so far.
    struct Fields {
        var remaining: ArraySlice<UInt8>
        init(_ line: ArraySlice<UInt8>) { remaining = line }
        mutating func next() -> ArraySlice<UInt8> {
            guard let space = remaining.firstIndex(of: 0x20) else {
                defer { remaining = remaining[remaining.endIndex...] }
                return remaining
            }
            defer { remaining = remaining[(space + 1)...] }
            return remaining[..<space]
        }
        func rest() -> ArraySlice<UInt8> { remaining }
    }

    static func digest(_ hex: ArraySlice<UInt8>) -> Digest? {
        guard hex.count == 64 else { return nil }
        var out = [UInt8](repeating: 0, count: 32)
        var i = hex.startIndex
        for k in 0..<32 {
            guard let hi = nibble(hex[i]), let lo = nibble(hex[i + 1]) else { return nil }
            out[k] = hi << 4 | lo
            i += 2
        }
        return Digest(bytes: out)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// A stat token `dev,ino,size,ms.mns,cs.cns,mode` (see `StatCodec`).
    static func stat(_ token: ArraySlice<UInt8>) -> FileStat? {
        var numbers: [Int64] = []
        numbers.reserveCapacity(8)
        var value: Int64 = 0, digits = 0
        for c in token {
            if c >= 0x30 && c <= 0x39 {
                value = value &* 10 &+ Int64(c - 0x30)
                digits += 1
            } else if c == 0x2c || c == 0x2e {
                guard digits > 0 else { return nil }
                numbers.append(value)
                value = 0
                digits = 0
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        numbers.append(value)
        guard numbers.count == 8 else { return nil }
        return FileStat(device: UInt64(numbers[0]), inode: UInt64(numbers[1]), size: numbers[2],
                        mtime: Timestamp(seconds: numbers[3], nanoseconds: numbers[4]),
                        ctime: Timestamp(seconds: numbers[5], nanoseconds: numbers[6]), mode: UInt32(numbers[7]))
    }

    /// UTF-8 text with `%XX` escapes undone (only when a `%` is present).
    static func text(_ bytes: ArraySlice<UInt8>) -> String? {
        guard !bytes.isEmpty else { return nil }
        let string = String(decoding: bytes, as: UTF8.self)
        return bytes.contains(0x25) ? LineEscaping.unescape(string[...]) : string
    }
}
