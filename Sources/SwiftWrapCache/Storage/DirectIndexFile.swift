import Glibc
import SwiftWrapCore

/// The direct index file of one key: newest entry first, at most `limit` entries, each with its
/// own checksum so a lookup verifies and parses only the entries it tries (usually the first: an
/// entry file of 16 entries for a 641-file TU is 2 MB).
///
///     swiftwrap-manifest 3
///     entry <object key>
///     stored <seconds since the epoch>
///     key <kind> <value>           (what the direct key was derived from, for --inspect/--explain)
///     file <sha256> <stat|-> <stored path>
///     dir <present <stat>|absent|unsettled> <stored path>
///     probe <name>/<name>/…        (the names that must stay absent from that directory)
///     end <sha256 of the entry's bytes from its "entry" line up to this line>
///     entry …
enum DirectIndexFile {
    static let header = "swiftwrap-manifest 3"
    static let limit = 16

    static func render(_ entries: [DirectIndexEntry]) -> [UInt8] {
        var bytes = Array((header + "\n").utf8)
        for entry in entries.prefix(limit) {
            var text = "entry \(entry.objectKey.hex)\n"
            if entry.storedAt != 0 { text += "stored \(entry.storedAt)\n" }
            for k in entry.keyInputs { text += "key \(LineEscaping.escape(k))\n" }
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

    /// The entry file `existing` with `entry` added at the front: an older entry with the same object
    /// and the same file contents is dropped, and `render` keeps the newest `limit`. A damaged or
    /// missing file starts afresh.
    static func adding(_ entry: DirectIndexEntry, to existing: [UInt8]?, path: String) -> [UInt8] {
        var entries = existing.flatMap { try? parse($0, path: path, keyInputs: true) } ?? []
        entries.removeAll { $0.objectKey == entry.objectKey && $0.files.map(\.digest) == entry.files.map(\.digest) }
        entries.insert(entry, at: 0)
        return render(entries)
    }

    /// Parses every entry; any damage (truncation, bad checksum, unknown line) is `corruptEntry`.
    static func parse(_ bytes: [UInt8], path: String, keyInputs: Bool = false) throws(CacheError) -> [DirectIndexEntry] {
        var entries: [DirectIndexEntry] = []
        try forEachEntry(bytes, path: path, keyInputs: keyInputs) { (entry) throws(CacheError) in
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
    /// `keyInputs`: also collect the `key` lines (lookups skip them).
    static func forEachEntry(_ bytes: [UInt8], path: String, keyInputs: Bool = false,
                             rejectFile: (DirectIndexEntry.File) -> String? = { _ in nil },
                             rejected: (String) -> Void = { _ in },
                             _ body: (DirectIndexEntry) throws(CacheError) -> Bool) throws(CacheError) {
        var failure: CacheError?
        bytes.withUnsafeBufferPointer { buffer in
            do throws(CacheError) {
                try forEachEntry(buffer, path: path, keyInputs: keyInputs, rejectFile: rejectFile, rejected: rejected, body)
            } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private static func forEachEntry(_ bytes: UnsafeBufferPointer<UInt8>, path: String, keyInputs: Bool,
                                     rejectFile: (DirectIndexEntry.File) -> String?, rejected: (String) -> Void,
                                     _ body: (DirectIndexEntry) throws(CacheError) -> Bool) throws(CacheError) {
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
            let entry: DirectIndexEntry
            switch try parseEntry(text, corrupt, keyInputs, rejectFile) {
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
        case parsed(DirectIndexEntry)
        case rejected(String)
    }

    /// One entry's lines, from `entry <key>` to the line before `end`.
    private static func parseEntry(_ text: ByteParsing.Bytes, _ corrupt: (String) -> CacheError, _ keyInputs: Bool,
                                   _ rejectFile: (DirectIndexEntry.File) -> String?) throws(CacheError) -> Parsed {
        var lines = ByteParsing.Lines(text)
        guard let head = lines.next() else { throw corrupt("empty entry") }
        var headFields = ByteParsing.Fields(head)
        guard ByteParsing.equals(headFields.next(), "entry"), let key = ByteParsing.digest(headFields.next()) else {
            throw corrupt("bad entry line")
        }
        var entry = DirectIndexEntry(objectKey: key, files: [], probes: [])
        while let line = lines.next() {
            var fields = ByteParsing.Fields(line)
            let word = fields.next()
            switch word.first {
            case UInt8(ascii: "k") where ByteParsing.equals(word, "key"):
                guard keyInputs else { continue }
                guard let value = ByteParsing.text(fields.rest()) else { throw corrupt("bad key line") }
                entry.keyInputs.append(value)
            case UInt8(ascii: "s") where ByteParsing.equals(word, "stored"):
                guard keyInputs else { continue }
                guard let seconds = Int64(String(decoding: fields.next(), as: UTF8.self)) else { throw corrupt("bad stored line") }
                entry.storedAt = seconds
            case UInt8(ascii: "f") where ByteParsing.equals(word, "file"):
                guard let digest = ByteParsing.digest(fields.next()) else { throw corrupt("bad file line") }
                let statField = fields.next()
                let untrusted = ByteParsing.equals(statField, "-")
                let stat = untrusted ? nil : ByteParsing.stat(statField)
                guard stat != nil || untrusted, let stored = ByteParsing.text(fields.rest()) else {
                    throw corrupt("bad file line")
                }
                let file = DirectIndexEntry.File(stored: stored, digest: digest, stat: stat)
                if let why = rejectFile(file) { return .rejected(why) }
                entry.files.append(file)
            case UInt8(ascii: "d") where ByteParsing.equals(word, "dir"):
                let kind = fields.next()
                let state: DirectIndexEntry.DirectoryState
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
