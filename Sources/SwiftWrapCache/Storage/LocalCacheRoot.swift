import Glibc
import SwiftWrapCore

/// A cache directory: the one owner of every path in it, and the `CacheStorage` of castxml-cache.
/// The version directory (`v2`) is the format salt's outer guard: a format change bumps it, so new
/// code never reads old entries.
///
///     <root>/CACHEDIR.TAG
///     <root>/v2/manifests/<k[0..2]>/<k>.mf     direct index: entry file of direct key k
///     <root>/v2/manifests/<k[0..2]>/<k>.lock   single-flight / writer lock of that key
///     <root>/v2/objects/<k[0..2]>/<k>.obj      results: XML + replayed output; mtime = last use
///     <root>/v2/identity/<h>.<kind>            memoised tool identities
///     <root>/v2/stats/<0-f>                    counters, sharded to avoid lock contention
///     <root>/v2/inodes                         file facts by stat (`InodeCache`)
///     <root>/v2/outputs/<h[0..2]>/<h…>         output memos (`OutputMemo`)
///     <root>/v2/usage                          running disk-usage counters of the items (`UsageLedger`)
///     <root>/castxml-cache.conf                configuration file (`max_size = …`; survives version bumps)
public struct LocalCacheRoot: Sendable {
    static let formatVersion = 2
    public let path: String
    var versionRoot: String { path + "/v\(LocalCacheRoot.formatVersion)" }

    public init(path: String) { self.path = path }

    func entryFilePath(_ directKey: Digest) -> String { shard("manifests", directKey) + ".mf" }
    func lockPath(_ directKey: Digest) -> String { shard("manifests", directKey) + ".lock" }
    func objectPath(_ key: Digest) -> String { shard("objects", key) + ".obj" }
    func identityPath(kind: String, name: String) -> String {
        versionRoot + "/identity/" + String(SHA256.hash(name).hex.prefix(32)) + "." + kind
    }
    func statsPath(shard: Int) -> String { versionRoot + "/stats/" + String(shard, radix: 16) }
    var inodeCachePath: String { versionRoot + "/inodes" }
    var usagePath: String { versionRoot + "/usage" }
    /// The root's configuration file (the file layer of the settings), outside the version directory.
    public var configurationPath: String { path + "/castxml-cache.conf" }
    /// The memo file of an output, named by the SHA-256 hex of (absolute output, working directory).
    func outputMemoPath(name: String) -> String { versionRoot + "/outputs/" + name.prefix(2) + "/" + name.dropFirst(2).prefix(30) }

    private func shard(_ kind: String, _ key: Digest) -> String {
        let hex = key.hex
        return versionRoot + "/" + kind + "/" + hex.prefix(2) + "/" + hex
    }

    /// Creates the root with a CACHEDIR.TAG (so backup tools skip it) if it does not exist yet.
    func prepare() throws(FileError) {
        let tag = path + "/CACHEDIR.TAG"
        if FileSystem.exists(tag) { return }
        try FileSystem.createDirectories(path)
        try AtomicWriter.write("Signature: 8a477f597d28d172789f06886806bc55\n# This is a swiftwrap castxml-cache directory.\n", to: tag)
    }

    /// Takes the lock of a direct key (single flight of a miss, and the entry file's writer lock).
    func lock(directKey: Digest) throws(CacheError) -> FileLock {
        do { return try FileLock(path: lockPath(directKey)) } catch { throw error.cache }
    }

    func path(of item: StorageItem) -> String {
        switch item {
        case .entryFile(let key): return entryFilePath(key)
        case .object(let key): return objectPath(key)
        }
    }
}

extension LocalCacheRoot: CacheStorage {
    var isWritable: Bool {
        // The nearest existing directory on the way to the root decides (the rest is created).
        var directory = path
        while true {
            if let stat = try? FileStat.ifExists(directory) { return stat.isDirectory && access(directory, W_OK) == 0 }
            let parent = Path.directory(of: directory)
            if parent == directory { return false }
            directory = parent
        }
    }

    func name(of item: StorageItem) -> String { path(of: item) }

    func readEntryFile(directKey: Digest) throws(CacheError) -> [UInt8]? {
        let file = entryFilePath(directKey)
        do { return try FileSystem.read(file) } catch {
            if error.isNotFound { return nil }
            throw error.cache
        }
    }

    func writeEntryFile(directKey: Digest, _ bytes: [UInt8]) throws(CacheError) {
        let writer: AtomicWriter
        do {
            writer = try AtomicWriter(destination: entryFilePath(directKey))
            try writer.write(bytes)
        } catch { throw error.cache }
        try accounted(.entryFile(directKey: directKey)) { () throws(FileError) in try writer.commit() }
    }

    func openObject(_ key: Digest) throws(CacheError) -> ObjectBytes? {
        let file = objectPath(key)
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let opened = ObjectFile.OpenFile(fd)
        var raw = stat()
        guard fstat(fd, &raw) == 0 else { return nil }
        return ObjectBytes(source: opened, size: Int(raw.st_size), name: file, lastUse: FileStat(raw).mtime)
    }

    func writeObject(_ key: Digest, pieces: [[UInt8]]) throws(CacheError) {
        let writer: AtomicWriter
        do {
            writer = try AtomicWriter(destination: objectPath(key))
            for piece in pieces { try writer.write(piece) }
        } catch { throw error.cache }
        try accounted(.object(key)) { () throws(FileError) in try writer.commit() }
    }

    func recordUse(_ item: StorageItem) {
        _ = utimensat(AT_FDCWD, path(of: item), nil, 0)
    }

    func list() throws(CacheError) -> [StoredItem] {
        var items: [StoredItem] = []
        for (kind, suffix) in [("manifests", ".mf"), ("objects", ".obj")] {
            let top = versionRoot + "/" + kind
            for shard in FileSystem.names(in: top).sorted() {
                for name in FileSystem.names(in: top + "/" + shard).sorted() where name.hasSuffix(suffix) {
                    guard let key = Digest(hex: name.dropLast(suffix.count)) else { continue }
                    let stat: FileStat?
                    do { stat = try FileStat.ifExists(top + "/" + shard + "/" + name) } catch { throw error.cache }
                    guard let stat else { continue }  // removed meanwhile
                    let item: StorageItem = kind == "objects" ? .object(key) : .entryFile(directKey: key)
                    items.append(StoredItem(item: item, size: stat.size, lastUse: stat.mtime))
                }
            }
        }
        return items
    }

    func remove(_ item: StorageItem) throws(CacheError) {
        try accounted(item) { () throws(FileError) in try FileSystem.remove(path(of: item)) }
    }
}
