import Glibc
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

/// The direct index file of one key: newest entry first, at most `limit` entries, each with its
/// own checksum so a lookup verifies and parses only the entries it tries (usually the first: a
/// manifest of 16 entries for a 641-file TU is 2 MB).
///
///     swiftwrap-manifest 2
///     entry <object key>
///     file <sha256> <stat|-> <stored path>
///     dir <present <stat>|absent|unsettled> <stored path>
///     probe <name>/<name>/…        (the names that must stay absent from that directory)
///     end <sha256 of the entry's bytes from its "entry" line up to this line>
///     entry …
enum DirectManifest {
    static let header = "swiftwrap-manifest 2"
    static let limit = 16

    static func render(_ entries: [ManifestEntry]) -> [UInt8] {
        var bytes = Array((header + "\n").utf8)
        for entry in entries.prefix(limit) {
            var text = "entry \(entry.objectKey.hex)\n"
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
            let body = Array(text.utf8)
            bytes += body
            bytes += Array("end \(SHA256.hash(body).hex)\n".utf8)
        }
        return bytes
    }

    /// Parses every entry; any damage (truncation, bad checksum, unknown line) is `corruptEntry`.
    static func parse(_ bytes: [UInt8], path: String) throws(CacheError) -> [ManifestEntry] {
        var entries: [ManifestEntry] = []
        try forEachEntry(bytes, path: path) { (entry) throws(CacheError) in
            entries.append(entry)
            return false
        }
        return entries
    }

    /// Verifies and parses one entry at a time, newest first, and hands it to `body` until `body`
    /// returns true. Damage is `corruptEntry` when the loop reaches it (entries before it were
    /// whole). Works on raw bytes with `memchr`/`memmem`: this runs on every cache hit.
    ///
    /// `rejectFile` is asked about each `file` line as it is parsed: a reason stops that entry there
    /// (reported to `rejected`, its checksum never computed: skipping an entry needs no trust in it),
    /// so a lookup that passes over older entries parses each only up to its first changed file.
    static func forEachEntry(_ bytes: [UInt8], path: String,
                             rejectFile: (ManifestEntry.File) -> String? = { _ in nil },
                             rejected: (String) -> Void = { _ in },
                             _ body: (ManifestEntry) throws(CacheError) -> Bool) throws(CacheError) {
        var failure: CacheError?
        bytes.withUnsafeBufferPointer { buffer in
            do throws(CacheError) {
                try forEachEntry(buffer, path: path, rejectFile: rejectFile, rejected: rejected, body)
            } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private static func forEachEntry(_ bytes: UnsafeBufferPointer<UInt8>, path: String,
                                     rejectFile: (ManifestEntry.File) -> String?, rejected: (String) -> Void,
                                     _ body: (ManifestEntry) throws(CacheError) -> Bool) throws(CacheError) {
        func corrupt(_ why: String) -> CacheError { .corruptEntry(path: path, reason: why) }
        var lines = ByteParsing.Lines(bytes)
        guard let first = lines.next(), ByteParsing.equals(first, header), bytes.last == 0x0a else {
            throw corrupt("unknown header or truncated")
        }
        let endMarker: [UInt8] = Array("\nend ".utf8)
        var position = lines.position
        while position < bytes.count {
            // The entry runs to its "end <sum>" line.
            guard let hit = endMarker.withUnsafeBytes({ Bytes.find($0, in: UnsafeRawBufferPointer(bytes), from: position) }) else {
                throw corrupt("unterminated entry")
            }
            let entryEnd = hit + 1
            let lineEnd = ByteParsing.find(0x0a, in: bytes, from: entryEnd)
            guard lineEnd < bytes.count,
                  let sum = ByteParsing.digest(ByteParsing.slice(bytes, entryEnd + 4, lineEnd)) else { throw corrupt("bad end line") }
            let text = ByteParsing.slice(bytes, position, entryEnd)
            position = lineEnd + 1
            let entry: ManifestEntry
            switch try parseEntry(text, corrupt, rejectFile) {
            case .rejected(let why):
                rejected(why)
                continue
            case .parsed(let parsed):
                entry = parsed
            }
            var h = SHA256()
            h.update(UnsafeRawBufferPointer(text))
            guard h.finalize() == sum else { throw corrupt("checksum mismatch") }
            if try body(entry) { return }
        }
    }

    private enum Parsed {
        case parsed(ManifestEntry)
        case rejected(String)
    }

    /// One entry's lines, from `entry <key>` to the line before `end`.
    private static func parseEntry(_ text: ByteParsing.Bytes, _ corrupt: (String) -> CacheError,
                                   _ rejectFile: (ManifestEntry.File) -> String?) throws(CacheError) -> Parsed {
        var lines = ByteParsing.Lines(text)
        guard let head = lines.next() else { throw corrupt("empty entry") }
        var headFields = ByteParsing.Fields(head)
        guard ByteParsing.equals(headFields.next(), "entry"), let key = ByteParsing.digest(headFields.next()) else {
            throw corrupt("bad entry line")
        }
        var entry = ManifestEntry(objectKey: key, files: [], probes: [])
        while let line = lines.next() {
            var fields = ByteParsing.Fields(line)
            let word = fields.next()
            switch word.first {
            case UInt8(ascii: "f") where ByteParsing.equals(word, "file"):
                guard let digest = ByteParsing.digest(fields.next()) else { throw corrupt("bad file line") }
                let statField = fields.next()
                let untrusted = ByteParsing.equals(statField, "-")
                let stat = untrusted ? nil : ByteParsing.stat(statField)
                guard stat != nil || untrusted, let stored = ByteParsing.text(fields.rest()) else {
                    throw corrupt("bad file line")
                }
                let file = ManifestEntry.File(stored: stored, digest: digest, stat: stat)
                if let why = rejectFile(file) { return .rejected(why) }
                entry.files.append(file)
            case UInt8(ascii: "d") where ByteParsing.equals(word, "dir"):
                let kind = fields.next()
                let state: ManifestEntry.DirectoryState
                if ByteParsing.equals(kind, "present"), let s = ByteParsing.stat(fields.next()) { state = .present(s) }
                else if ByteParsing.equals(kind, "absent") { state = .absent }
                else if ByteParsing.equals(kind, "unsettled") { state = .unsettled }
                else { throw corrupt("bad dir line") }
                guard let stored = ByteParsing.text(fields.rest()) else { throw corrupt("bad dir path") }
                entry.probes.append(.init(stored: stored, state: state, packedNames: ""))
            case UInt8(ascii: "p") where ByteParsing.equals(word, "probe"):
                guard let names = ByteParsing.text(fields.rest()), entry.probes.last?.packedNames == "" else {
                    throw corrupt("bad probe line")
                }
                entry.probes[entry.probes.count - 1].packedNames = names
            default:
                throw corrupt("unknown line '\(String(decoding: word, as: UTF8.self))'")
            }
        }
        return .parsed(entry)
    }
}

/// Byte-level field parsing for the cache's text formats, over borrowed bytes (no copies, no
/// per-line allocations: these formats are read on every cache hit).
enum ByteParsing {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// `bytes[from..<to]` as a buffer of its own (indices from 0).
    static func slice(_ bytes: Bytes, _ from: Int, _ to: Int) -> Bytes {
        guard let base = bytes.baseAddress, to > from else { return Bytes(start: nil, count: 0) }
        return Bytes(start: base + from, count: to - from)
    }

    static func equals(_ bytes: Bytes, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        guard let base = bytes.baseAddress else { return bytes.isEmpty }
        return memcmp(base, text.utf8Start, bytes.count) == 0
    }

    static func equals(_ bytes: Bytes, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            utf8.count == bytes.count && (bytes.isEmpty || memcmp(bytes.baseAddress!, utf8.baseAddress!, bytes.count) == 0)
        }
    }

    /// Index of the first `byte` at or after `from`, or `bytes.count`.
    static func find(_ byte: UInt8, in bytes: Bytes, from: Int) -> Int {
        guard from < bytes.count, let base = bytes.baseAddress,
              let hit = memchr(base + from, Int32(byte), bytes.count - from) else { return bytes.count }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
    }

    /// Newline-separated lines (without their newline).
    struct Lines {
        let bytes: Bytes
        var position = 0
        init(_ bytes: Bytes) { self.bytes = bytes }
        mutating func next() -> Bytes? {
            guard position < bytes.count else { return nil }
            let end = ByteParsing.find(0x0a, in: bytes, from: position)
            defer { position = end + 1 }
            return ByteParsing.slice(bytes, position, end)
        }
    }

    /// Space-separated fields of one line; `rest()` returns everything after the fields taken so far.
    struct Fields {
        let line: Bytes
        var position = 0
        init(_ line: Bytes) { self.line = line }
        mutating func next() -> Bytes {
            let end = ByteParsing.find(0x20, in: line, from: position)
            defer { position = min(end + 1, line.count) }
            return ByteParsing.slice(line, position, end)
        }
        func rest() -> Bytes { ByteParsing.slice(line, position, line.count) }
    }

    static func digest(_ hex: Bytes) -> Digest? {
        guard hex.count == 64 else { return nil }
        var out = [UInt8](repeating: 0, count: 32)
        for k in 0..<32 {
            guard let hi = nibble(hex[2 * k]), let lo = nibble(hex[2 * k + 1]) else { return nil }
            out[k] = hi << 4 | lo
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
    static func stat(_ token: Bytes) -> FileStat? {
        var numbers: (Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64) = (0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var value: Int64 = 0, digits = 0
        func store() -> Bool {
            guard digits > 0, digits <= 18, count < 8 else { return false }
            withUnsafeMutableBytes(of: &numbers) { $0.storeBytes(of: value, toByteOffset: count * 8, as: Int64.self) }
            count += 1
            value = 0
            digits = 0
            return true
        }
        for c in token {
            if c >= 0x30 && c <= 0x39 {
                value = value &* 10 &+ Int64(c - 0x30)
                digits += 1
            } else if c == 0x2c || c == 0x2e {
                guard store() else { return nil }
            } else {
                return nil
            }
        }
        guard store(), count == 8 else { return nil }
        return FileStat(device: UInt64(numbers.0), inode: UInt64(numbers.1), size: numbers.2,
                        mtime: Timestamp(seconds: numbers.3, nanoseconds: numbers.4),
                        ctime: Timestamp(seconds: numbers.5, nanoseconds: numbers.6), mode: UInt32(truncatingIfNeeded: numbers.7))
    }

    /// The self-check of a line in the cache's small text files (inode cache, output memo): the
    /// first 8 hex digits of the SHA-256 of the rest of the line. A torn or damaged line fails it.
    static func lineCheck(_ body: UnsafeRawBufferPointer) -> String {
        var h = SHA256()
        h.update(body)
        return String(h.finalize().hex.prefix(8))
    }

    /// UTF-8 text with `%XX` escapes undone (only when a `%` is present).
    static func text(_ bytes: Bytes) -> String? {
        guard !bytes.isEmpty else { return nil }
        let string = String(decoding: bytes, as: UTF8.self)
        return find(0x25, in: bytes, from: 0) < bytes.count ? LineEscaping.unescape(string[...]) : string
    }
}
