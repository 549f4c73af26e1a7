import Glibc
import SwiftWrapCore

extension CacheArchive {
    /// Verifies the whole archive (header, end line, checksum) before touching the cache, then each
    /// item: an object is written to a temporary file, read through as a lookup would and published
    /// only when no whole object of that key is present already; an entry file is parsed in full and
    /// merged into the local one under the key's lock (an entry the cache already has stays; the
    /// result keeps the newest 16 entries by time stored, and only entries whose object is present).
    public static func importArchive(_ file: String, into root: LocalCacheRoot) throws(CacheOperationError) -> ImportCounts {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(file) } catch { throw .cache(error.cache) }
        let items = try parseArchive(bytes, path: file)
        do { try root.prepare() } catch { throw .cache(error.cache) }
        var counts = ImportCounts()
        for item in items where !item.isEntryFile { importObject(item, bytes: bytes, root: root, counts: &counts) }
        for item in items where item.isEntryFile { try importEntryFile(item, bytes: bytes, root: root, counts: &counts) }
        return counts
    }

    struct ArchiveItem {
        let isEntryFile: Bool
        let key: Digest
        let range: Range<Int>
    }

    static func parseArchive(_ bytes: [UInt8], path: String) throws(CacheOperationError) -> [ArchiveItem] {
        func bad(_ why: String) -> CacheOperationError { .badArchive(path: path, reason: why) }
        func line(at start: Int) -> (String, Int)? {
            guard let end = bytes[start...].firstIndex(of: 0x0a) else { return nil }
            return (String(decoding: bytes[start..<end], as: UTF8.self), end + 1)
        }
        guard let (first, afterHeader) = line(at: 0), first == header else {
            throw bad("it does not start with '\(header)' (another version, or not an archive)")
        }
        var items: [ArchiveItem] = []
        var position = afterHeader
        while true {
            guard position < bytes.count, let (text, next) = line(at: position) else { throw bad("truncated: no end line") }
            let fields = text.split(separator: " ")
            if fields.first == "end" {
                guard fields.count == 3, Int(fields[1]) == items.count, next == bytes.count else { throw bad("bad end line") }
                let sum = SHA256.hash(Array(bytes[0..<position])).hex
                guard sum == fields[2] else { throw bad("checksum mismatch (damaged or truncated)") }
                return items
            }
            guard fields.count == 3, fields[0] == "object" || fields[0] == "entry-file",
                  let key = Digest(hex: fields[1]), let size = Int(fields[2]), size >= 0,
                  next + size < bytes.count, bytes[next + size] == 0x0a else {
                throw bad("bad item line at byte \(position)")
            }
            items.append(ArchiveItem(isEntryFile: fields[0] == "entry-file", key: key, range: next..<(next + size)))
            position = next + size + 1
        }
    }

    private static func importObject(_ item: ArchiveItem, bytes: [UInt8], root: LocalCacheRoot, counts: inout ImportCounts) {
        if Verify.objectIsWhole(item.key, root: root) {
            counts.objectsPresent += 1
            return
        }
        do throws(FileError) {
            let writer = try AtomicWriter(destination: root.name(of: .object(item.key)))
            try writer.write(Array(bytes[item.range]))
            let fd = open(writer.temporaryPath, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw FileError.current(.open, writer.temporaryPath) }
            let opened = ObjectFile.OpenFile(fd)
            let whole: Bool
            if let reader = try? ObjectFile.reader(opened, size: item.range.count, path: writer.temporaryPath) {
                whole = (try? reader.streamXML { (_) throws(CacheError) in }) != nil
            } else {
                whole = false
            }
            guard whole else {
                writer.abort()
                counts.objectsRejected += 1
                return
            }
            try writer.publish()
            counts.objectsAdded += 1
        } catch {
            counts.objectsRejected += 1
        }
    }

    private static func importEntryFile(_ item: ArchiveItem, bytes: [UInt8], root: LocalCacheRoot,
                                        counts: inout ImportCounts) throws(CacheOperationError) {
        let name = root.name(of: .entryFile(directKey: item.key))
        guard let incoming = try? DirectIndexFile.parse(Array(bytes[item.range]), path: name, keyInputs: true) else {
            counts.entryFilesRejected += 1
            return
        }
        do throws(CacheError) {
            let lock = try root.lock(directKey: item.key)
            defer { lock.unlock() }
            let local = Inspect.parse(item.key, root: root)
            var merged = local
            var added = 0
            for entry in incoming where FileSystem.exists(root.name(of: .object(entry.objectKey))) {
                let same = { (e: DirectIndexEntry) in e.objectKey == entry.objectKey && e.files.map(\.digest) == entry.files.map(\.digest) }
                if merged.contains(where: same) { continue }
                merged.append(entry)
                added += 1
            }
            guard added > 0 else { return }
            // Newest first by time stored (a stable sort keeps the local order among equal times).
            let ordered = merged.enumerated().sorted { a, b in
                a.element.storedAt != b.element.storedAt ? a.element.storedAt > b.element.storedAt : a.offset < b.offset
            }.map(\.element)
            try root.writeEntryFile(directKey: item.key, DirectIndexFile.render(ordered))
            counts.entryFilesMerged += 1
            counts.entriesAdded += min(added, DirectIndexFile.limit)
        } catch {
            throw .cache(error)
        }
    }
}
