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
        var names: [String]
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
///     probe <name>
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
                for name in d.names { text += "probe \(LineEscaping.escape(name))\n" }
            }
            text += "end\n"
        }
        var bytes = Array(text.utf8)
        bytes += Array("sum \(SHA256.hash(bytes).hex)\n".utf8)
        return bytes
    }

    /// Parses a manifest; any damage (truncation, bad checksum, unknown line) is `corruptEntry`.
    static func parse(_ bytes: [UInt8], path: String) throws(CacheError) -> [ManifestEntry] {
        func corrupt(_ why: String) -> CacheError { .corruptEntry(path: path, reason: why) }
        guard bytes.count > 70, bytes.last == 0x0a else { throw corrupt("truncated") }
        var sumStart = bytes.count - 2
        while sumStart > 0 && bytes[sumStart - 1] != 0x0a { sumStart -= 1 }
        let sumLine = String(decoding: bytes[sumStart..<(bytes.count - 1)], as: UTF8.self)
        guard sumLine.hasPrefix("sum "), let sum = Digest(hex: sumLine.dropFirst(4)) else { throw corrupt("no checksum line") }
        guard SHA256.hash(Array(bytes[0..<sumStart])) == sum else { throw corrupt("checksum mismatch") }

        var entries: [ManifestEntry] = []
        var current: ManifestEntry?
        var first = true
        for rawLine in bytes[0..<sumStart].split(separator: 0x0a, omittingEmptySubsequences: false) {
            let line = String(decoding: rawLine, as: UTF8.self)
            if first { guard line == header else { throw corrupt("unknown header") }; first = false; continue }
            if line.isEmpty { continue }
            let parts = line.split(separator: " ", maxSplits: 1)
            let word = parts[0], rest = parts.count > 1 ? parts[1] : ""
            switch word {
            case "entry":
                guard current == nil, let key = Digest(hex: rest) else { throw corrupt("bad entry line") }
                current = ManifestEntry(objectKey: key, files: [], probes: [])
            case "file":
                let f = rest.split(separator: " ", maxSplits: 2)
                guard f.count == 3, let digest = Digest(hex: f[0]), let stored = LineEscaping.unescape(f[2]) else { throw corrupt("bad file line") }
                let stat = f[1] == "-" ? nil : StatCodec.decode(f[1])
                guard f[1] == "-" || stat != nil else { throw corrupt("bad stat") }
                current?.files.append(.init(stored: stored, digest: digest, stat: stat))
            case "dir":
                let f = rest.split(separator: " ", maxSplits: 2)
                let state: ManifestEntry.DirectoryState, storedField: Substring
                if f.first == "present", f.count == 3, let s = StatCodec.decode(f[1]) { state = .present(s); storedField = f[2] }
                else if f.first == "absent" || f.first == "unsettled", f.count >= 2 {
                    state = f[0] == "absent" ? .absent : .unsettled
                    storedField = rest.split(separator: " ", maxSplits: 1)[1]
                } else { throw corrupt("bad dir line") }
                guard let stored = LineEscaping.unescape(storedField) else { throw corrupt("bad dir path") }
                current?.probes.append(.init(stored: stored, state: state, names: []))
            case "probe":
                guard let name = LineEscaping.unescape(rest), current?.probes.isEmpty == false else { throw corrupt("bad probe line") }
                current!.probes[current!.probes.count - 1].names.append(name)
            case "end":
                guard let entry = current else { throw corrupt("stray end") }
                entries.append(entry)
                current = nil
            default:
                throw corrupt("unknown line '\(word)'")
            }
        }
        guard current == nil else { throw corrupt("unterminated entry") }
        return entries
    }
}
