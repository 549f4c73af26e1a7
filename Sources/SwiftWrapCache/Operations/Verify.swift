import SwiftWrapCore

/// `castxml-cache --verify`: reads every entry file and every object of the cache directory in full,
/// as a lookup would (checksums, sizes, decompression), removes the damaged ones, and drops the
/// entries whose object is gone (each entry file is rewritten under its key's lock).
public enum Verify {
    public struct Counts: Sendable, Equatable, CustomStringConvertible {
        public var entryFiles = 0, entries = 0, objects = 0
        public var damagedEntryFiles = 0, damagedObjects = 0, entriesWithoutObject = 0

        public var description: String {
            "checked \(entryFiles) entry files (\(entries) entries) and \(objects) objects; removed \(damagedEntryFiles) damaged entry files and \(damagedObjects) damaged objects; dropped \(entriesWithoutObject) entries whose object is missing"
        }
    }

    /// `progress(done, total)` is called as items are checked (the executable passes one only on a terminal).
    public static func run(root: LocalCacheRoot, progress: ((Int, Int) -> Void)?) throws(CacheOperationError) -> Counts {
        let items: [StoredItem]
        do { items = try root.list() } catch { throw .cache(error) }
        // Objects first, so entries are checked against the objects that survived.
        let ordered = items.filter { if case .object = $0.item { return true } else { return false } }
            + items.filter { if case .entryFile = $0.item { return true } else { return false } }
        var counts = Counts()
        for (index, item) in ordered.enumerated() {
            if index % 16 == 0 { progress?(index, ordered.count) }
            switch item.item {
            case .object(let key):
                counts.objects += 1
                if !objectIsWhole(key, root: root) {
                    try? root.remove(item.item)
                    counts.damagedObjects += 1
                }
            case .entryFile(let direct):
                counts.entryFiles += 1
                try checkEntryFile(direct, root: root, counts: &counts)
            }
        }
        progress?(ordered.count, ordered.count)
        return counts
    }

    /// Reads the object through to its last byte: header, streams, stored bytes, decoding, size.
    static func objectIsWhole(_ key: Digest, root: LocalCacheRoot) -> Bool {
        guard let opened = (try? root.openObject(key)) ?? nil,
              let reader = try? ObjectFile.reader(opened.source, size: opened.size, path: opened.name) else { return false }
        do { try reader.streamXML { (_) throws(CacheError) in } } catch { return false }
        return true
    }

    private static func checkEntryFile(_ direct: Digest, root: LocalCacheRoot, counts: inout Counts) throws(CacheOperationError) {
        let lock: FileLock
        do { lock = try root.lock(directKey: direct) } catch { throw .cache(error) }
        defer { lock.unlock() }
        let item = StorageItem.entryFile(directKey: direct)
        guard let bytes = (try? root.readEntryFile(directKey: direct)) ?? nil else { return }
        let entries: [DirectIndexEntry]
        do { entries = try DirectIndexFile.parse(bytes, path: root.name(of: item), keyInputs: true) } catch {
            try? root.remove(item)
            counts.damagedEntryFiles += 1
            return
        }
        counts.entries += entries.count
        let kept = entries.filter { FileSystem.exists(root.name(of: .object($0.objectKey))) }
        guard kept.count != entries.count else { return }
        counts.entriesWithoutObject += entries.count - kept.count
        do {
            if kept.isEmpty { try root.remove(item) } else { try root.writeEntryFile(directKey: direct, DirectIndexFile.render(kept)) }
        } catch { throw .cache(error) }
    }
}
