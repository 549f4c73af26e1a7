import Glibc
import SwiftWrapCore

/// A persistent memo of `FileFacts` keyed by (device, inode, size, mtime, ctime), shared by all
/// invocations (ccache's "inode cache"): a miss or a preprocessed-level lookup re-reads only
/// files whose stat is new. Append-only text, one self-checksummed line per file version:
///
///     <dev,ino,size,mtime,ctime,mode> <sha256> <time macro|-> <has_include names joined by NUL-free '|', or -> <check>
///
/// Appends use O_APPEND with whole lines in one write, so concurrent writers never interleave
/// inside a line; a damaged or torn line fails its check and is ignored. Only stats that were
/// settled before the writer started are recorded. The file is reset when it passes 8 MiB
/// (~55,000 file versions). A reader fully parses only the lines of the inodes it asks for: the
/// others cost a `memchr` and two numbers each, so a full file adds milliseconds, not a tenth of a
/// second, to a miss.
struct InodeCache {
    let path: String
    static let limit = 8 << 20

    init(root: LocalCacheRoot) { path = root.inodeCachePath }

    /// The recorded facts, of every file version or only of those whose inode is in `wanted`.
    func load(inodes wanted: Set<UInt64>? = nil) -> [FileStat: FileFacts] {
        guard let bytes = try? FileSystem.read(path) else { return [:] }
        if bytes.count > InodeCache.limit {
            _ = truncate(path, 0)
            return [:]
        }
        var facts: [FileStat: FileFacts] = [:]
        bytes.withUnsafeBufferPointer { buffer in
            var lines = ByteParsing.Lines(buffer)
            while let line = lines.next() {
                if let wanted, let inode = InodeCache.inode(ofLine: line), !wanted.contains(inode) { continue }
                let space = line.lastIndex(of: 0x20) ?? 0
                guard line.count > 9, space > 0 else { continue }
                let body = ByteParsing.slice(line, 0, space)
                guard ByteParsing.equals(ByteParsing.slice(line, space + 1, line.count), ByteParsing.lineCheck(UnsafeRawBufferPointer(body))) else { continue }
                var fields = ByteParsing.Fields(body)
                guard let stat = ByteParsing.stat(fields.next()), let digest = ByteParsing.digest(fields.next()) else { continue }
                let macro = fields.next(), names = fields.rest()
                facts[stat] = FileFacts(
                    digest: digest,
                    timeMacro: ByteParsing.equals(macro, "-") ? nil : String(decoding: macro, as: UTF8.self),
                    hasIncludeNames: ByteParsing.equals(names, "-") ? [] : String(decoding: names, as: UTF8.self)
                        .split(separator: "|").map(String.init))
            }
        }
        return facts
    }

    /// The inode field of a line (`<dev>,<ino>,…`), read without parsing the rest.
    static func inode(ofLine line: ByteParsing.Bytes) -> UInt64? {
        var i = 0
        while i < line.count, line[i] != 0x2c { i += 1 }
        i += 1
        var value: UInt64 = 0
        var digits = 0
        while i < line.count, line[i] >= 0x30, line[i] <= 0x39, digits < 20 {
            value = value &* 10 &+ UInt64(line[i] - 0x30)
            digits += 1
            i += 1
        }
        return digits > 0 && i < line.count && line[i] == 0x2c ? value : nil
    }

    func append(_ entries: [(FileStat, FileFacts)]) {
        guard !entries.isEmpty else { return }
        var text = ""
        for (stat, f) in entries {
            let names = f.hasIncludeNames.filter { !$0.contains("|") && !$0.contains(" ") && !$0.contains("\n") }
            let body = "\(StatCodec.encode(stat)) \(f.digest.hex) \(f.timeMacro ?? "-") \(names.isEmpty ? "-" : names.joined(separator: "|"))"
            text += body + " " + Array(body.utf8).withUnsafeBytes { ByteParsing.lineCheck($0) } + "\n"
        }
        let fd = FileSystem.openCreating(path, flags: O_WRONLY | O_APPEND)
        guard fd >= 0 else { return }
        try? FileSystem.writeAll(fd: fd, Array(text.utf8), path: path)
        close(fd)
    }
}
