import Glibc
import SwiftWrapCore

/// Disk usage as the size cap counts it: a regular file's size rounded up to whole 4 KiB blocks
/// (an empty file counts 0; directories and temporary files of running stores are not counted).
public enum DiskUsage {
    public static let block: Int64 = 4096

    public static func rounded(_ size: Int64) -> Int64 { (max(0, size) + block - 1) / block * block }

    /// The rounded size of the file at `path`, nil when there is none.
    static func of(_ path: String) -> Int64? {
        var raw = stat()
        guard lstat(path, &raw) == 0, (raw.st_mode & S_IFMT) == S_IFREG else { return nil }
        return rounded(Int64(raw.st_size))
    }
}

/// The running counters of a root's items, kept in `v2/usage`: the disk usage of every entry file
/// and object, how many of each, and how many stores happened since the last age eviction. Every
/// change of an item (store, eviction, removal of a damaged item, clear) happens while holding the
/// lock of this file and updates the counters in the same breath, so they stay exact without a
/// scan. A root that has no usage file yet (new, or written by an older version) is scanned once,
/// under the lock, to initialise it. Hits never touch it.
///
///     item bytes<TAB>0000000000000000000
///     entry files<TAB>…
///     objects<TAB>…
///     stores since eviction<TAB>…
///
/// Fixed-width lines rewritten in place, like the statistics shards.
final class UsageLedger {
    struct Counts: Equatable, Sendable {
        var itemBytes: Int64 = 0
        var entryFiles = 0
        var objects = 0
        var storesSinceEviction = 0
    }

    let root: LocalCacheRoot
    private let lock: FileLock
    var counts: Counts

    /// Takes the lock (waiting for other holders) and reads the counters, initialising them by one
    /// scan of the items when the root has none yet.
    init(root: LocalCacheRoot) throws(CacheError) {
        self.root = root
        do { lock = try FileLock(path: root.usagePath) } catch { throw error.cache }
        let bytes: [UInt8]
        do { bytes = try FileSystem.readAll(fd: lock.descriptor, path: root.usagePath) } catch { throw error.cache }
        if let parsed = UsageLedger.parse(bytes) {
            counts = parsed
        } else {
            counts = Counts()
            for stored in try root.list() { change(stored.item, from: nil, to: DiskUsage.rounded(stored.size)) }
            // Unknown history: let the next `--evict DAYS` run once.
            counts.storesSinceEviction = 1
            save()
        }
    }

    deinit { lock.unlock() }

    /// Accounts for `item` going from `before` to `after` rounded bytes (nil: absent).
    func change(_ item: StorageItem, from before: Int64?, to after: Int64?) {
        counts.itemBytes += (after ?? 0) - (before ?? 0)
        let delta = (after != nil ? 1 : 0) - (before != nil ? 1 : 0)
        switch item {
        case .entryFile: counts.entryFiles += delta
        case .object: counts.objects += delta
        }
    }

    func save() {
        let text = Array(UsageLedger.render(counts).utf8)
        _ = text.withUnsafeBytes { pwrite(lock.descriptor, $0.baseAddress, $0.count, 0) }
    }

    func unlock() { lock.unlock() }

    static let names = ["item bytes", "entry files", "objects", "stores since eviction"]

    static func render(_ c: Counts) -> String {
        let values = [c.itemBytes, Int64(c.entryFiles), Int64(c.objects), Int64(c.storesSinceEviction)]
        var text = ""
        for (name, value) in zip(names, values) {
            let digits = String(max(0, value))
            text += name + "\t" + String(repeating: "0", count: max(0, 19 - digits.count)) + digits + "\n"
        }
        return text
    }

    /// Nil when the file is absent, empty or damaged (then the caller rescans).
    static func parse(_ bytes: [UInt8]) -> Counts? {
        var values: [String: Int64] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2, let value = Int64(parts[1]) else { return nil }
            values[String(parts[0])] = value
        }
        guard names.allSatisfy({ values[$0] != nil }) else { return nil }
        return Counts(itemBytes: values["item bytes"]!, entryFiles: Int(values["entry files"]!),
                      objects: Int(values["objects"]!), storesSinceEviction: Int(values["stores since eviction"]!))
    }
}
