import Glibc
import SwiftWrapCore

/// The body of `<prefix>/v<N>/ac/<direct key>` on the remote cache: the direct index entries of one
/// direct key (an entry file, `DirectIndexFile` format) plus, for each object those entries name, the
/// SHA-256 and size of the object's stored bytes, which live at `cas/<sha256>`.
///
///     swiftwrap-remote-ac 1
///     object <object key> <sha256 of the object's bytes> <size>
///     …
///     index <byte count>
///     <entry file bytes, exactly byte count of them>
///
/// Entries carry no file stats (they vouch for nothing on another machine): every file is checked
/// by its content hash. Updated by GET, merge, PUT; the last writer wins and a lost update costs a
/// later miss. A body that does not parse is treated as absent (and counted as a remote error).
struct RemoteIndex: Equatable {
    struct Object: Equatable {
        var key: Digest
        var sha256: Digest
        var size: Int
    }

    static let header = "swiftwrap-remote-ac 1"
    /// The objects the entries name, in the order written.
    var objects: [Object] = []
    /// The entry file (`DirectIndexFile`), newest entry first.
    var entryFile: [UInt8] = []

    func object(_ key: Digest) -> Object? { objects.first { $0.key == key } }

    /// Nil when `bytes` is not a whole remote index.
    static func parse(_ bytes: [UInt8]) -> RemoteIndex? {
        var index = RemoteIndex()
        var start = 0
        var sawHeader = false
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else { return nil }
            let line = String(decoding: bytes[start..<newline], as: UTF8.self)
            start = newline + 1
            if !sawHeader {
                guard line == header else { return nil }
                sawHeader = true
                continue
            }
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            if fields.count == 4, fields[0] == "object", let key = Digest(hex: fields[1]), let sha = Digest(hex: fields[2]),
               let size = Int(fields[3]), size >= 0 {
                index.objects.append(Object(key: key, sha256: sha, size: size))
            } else if fields.count == 2, fields[0] == "index", let count = Int(fields[1]), count >= 0, bytes.count - start == count {
                index.entryFile = Array(bytes[start...])
                return index
            } else {
                return nil
            }
        }
        return nil
    }

    func render() -> [UInt8] {
        var text = RemoteIndex.header + "\n"
        for o in objects { text += "object \(o.key.hex) \(o.sha256.hex) \(o.size)\n" }
        text += "index \(entryFile.count)\n"
        return Array(text.utf8) + entryFile
    }

    /// Every entry (with key inputs), newest first; a damaged entry file gives none.
    func entries(name: String) -> [DirectIndexEntry] {
        (try? DirectIndexFile.parse(entryFile, path: name, keyInputs: true)) ?? []
    }

    /// This index with `entry` at the front, its object described by `object`, its file stats
    /// dropped; entries past the entry file's limit, and object lines no entry names, are dropped.
    func adding(_ entry: DirectIndexEntry, object: Object, name: String) -> RemoteIndex {
        var portable = entry
        for i in portable.files.indices { portable.files[i].stat = nil }
        let known = objects.filter { $0.key != object.key } + [object]
        let merged = DirectIndexFile.adding(portable, to: entryFile.isEmpty ? nil : entryFile, path: name,
                                            keeping: { key in known.contains { $0.key == key } })
        var result = RemoteIndex(objects: [], entryFile: merged)
        let kept = Set(result.entries(name: name).map(\.objectKey))
        result.objects = known.filter { kept.contains($0.key) }
        return result
    }
}
