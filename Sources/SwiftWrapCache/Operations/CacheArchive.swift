import Glibc
import SwiftWrapCore

/// `--export FILE [--used-since AGE]` and `--import FILE`: the entries a build used, carried between
/// machines (a CI cache) in one versioned file (docs/cache-format.md, "Archive"):
///
///     swiftwrap-cache-archive 1
///     object <object key> <byte count>        then that many bytes (an object file) and "\n"
///     entry-file <direct key> <byte count>    then that many bytes (an entry file) and "\n"
///     end <item count> <SHA-256 of every byte before this line>
///
/// Objects come first, so an import adds entries only for objects it has. Nothing machine-local goes
/// in: no inode cache, output memos, tool-identity memos, statistics or locks, and the entries' file
/// and directory stats (device and inode numbers of this machine) are written as unknown, so the
/// importing machine checks those files by content.
public enum CacheArchive {
    static let header = "swiftwrap-cache-archive 1"

    public struct ImportCounts: Sendable, CustomStringConvertible {
        public var objectsAdded = 0, objectsPresent = 0, objectsRejected = 0
        public var entryFilesMerged = 0, entriesAdded = 0, entryFilesRejected = 0
        public var description: String {
            "imported \(objectsAdded) objects (\(objectsPresent) already present, \(objectsRejected) damaged and skipped) and \(entriesAdded) entries into \(entryFilesMerged) entry files (\(entryFilesRejected) damaged entry files skipped)"
        }
    }

    /// Writes the archive atomically; returns a summary ("N objects, M entries").
    public static func export(root: LocalCacheRoot, to file: String, usedSince age: String?) throws(CacheOperationError) -> String {
        var cutoff: Int64 = .min
        if let age {
            guard let seconds = ExportAge.seconds(age) else { throw .usage("invalid --used-since '\(age)': expected \(ExportAge.expected)") }
            cutoff = Timestamp.now().seconds - seconds
        }
        let items: [StoredItem]
        do { items = try root.list() } catch { throw .cache(error) }
        var objects: [Digest: StoredItem] = [:]
        for item in items { if case .object(let key) = item.item, Verify.objectIsWhole(key, root: root) { objects[key] = item } }
        var entryFiles: [(Digest, [DirectIndexEntry])] = []
        var used = Set<Digest>()
        for item in items {
            guard case .entryFile(let direct) = item.item else { continue }
            let fileUsed = item.lastUse.seconds >= cutoff
            let kept = Inspect.parse(direct, root: root).filter { entry in
                guard let object = objects[entry.objectKey] else { return false }
                return fileUsed || object.lastUse.seconds >= cutoff
            }
            guard !kept.isEmpty else { continue }
            entryFiles.append((direct, kept.map(portable)))
            for entry in kept { used.insert(entry.objectKey) }
        }
        do {
            let writer = try AtomicWriter(destination: file)
            var sum = SHA256()
            func put(_ bytes: [UInt8], _ sum: inout SHA256) throws(FileError) {
                sum.update(bytes)
                try writer.write(bytes)
            }
            try put(Array((header + "\n").utf8), &sum)
            var count = 0
            for key in used.sorted() {
                let bytes = try FileSystem.read(root.name(of: .object(key)))
                try put(Array("object \(key.hex) \(bytes.count)\n".utf8) + bytes + [0x0a], &sum)
                count += 1
            }
            var entries = 0
            for (direct, kept) in entryFiles.sorted(by: { $0.0 < $1.0 }) {
                let bytes = DirectIndexFile.render(kept)
                try put(Array("entry-file \(direct.hex) \(bytes.count)\n".utf8) + bytes + [0x0a], &sum)
                count += 1
                entries += kept.count
            }
            try writer.write(Array("end \(count) \(sum.finalize().hex)\n".utf8))
            try writer.publish()
            return "\(used.count) objects and \(entries) entries (\(entryFiles.count) entry files)"
        } catch {
            throw .cache(error.cache)
        }
    }

    /// An entry without this machine's stats: files are checked by content, probe directories by name.
    private static func portable(_ entry: DirectIndexEntry) -> DirectIndexEntry {
        var copy = entry
        for i in copy.files.indices { copy.files[i].stat = nil }
        for i in copy.probes.indices where copy.probes[i].state != .absent { copy.probes[i].state = .unsettled }
        return copy
    }
}

