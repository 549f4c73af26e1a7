import SwiftWrapCore

/// The cache roots of `SWIFTWRAP_CACHE_DIR`: one directory, or several separated by `:` (empty
/// elements ignored). Reads search them in the order given. The primary root — the first writable
/// one — is the only one written, capped, evicted, cleared and counted; the others are read-only
/// to the cache (a restored CI cache, a read-only mount, a shared NFS directory) and are used
/// without error whatever their permissions. A hit in another root copies its entry into the primary.
public struct CacheRoots: Sendable {
    /// Every root, in the order reads search them.
    public let searchOrder: [LocalCacheRoot]
    public let primary: LocalCacheRoot

    /// `setting`: the value of `SWIFTWRAP_CACHE_DIR` / `--cache-dir`. A single root is taken as the
    /// primary without looking at it (the hit path of the common case stays as it was); with several,
    /// the first writable one is primary (none writable: the first, whose stores then fail and count).
    public init(setting: String) {
        let paths = setting.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
        let roots = paths.isEmpty ? [LocalCacheRoot(path: setting)] : paths.map { LocalCacheRoot(path: $0) }
        searchOrder = roots
        primary = roots.count == 1 ? roots[0] : (roots.first { $0.isWritable } ?? roots[0])
    }

    public var hasSecondaries: Bool { searchOrder.count > 1 }

    /// Copies the entry of `directKey` that points at `objectKey`, and the object, from `source`
    /// into the primary (under the key's lock: the entry file is read, merged, written), then keeps
    /// the primary under `cap`. Best effort: a failure leaves the primary without the entry.
    func copyHit(directKey: Digest, objectKey: Digest, from source: LocalCacheRoot, cap: SizeCap) throws(CacheError) {
        guard let entryBytes = try source.readEntryFile(directKey: directKey),
              let entry = try DirectIndexFile.parse(entryBytes, path: source.name(of: .entryFile(directKey: directKey)))
                .first(where: { $0.objectKey == objectKey }) else { return }
        let objectBytes: [UInt8]
        do { objectBytes = try FileSystem.read(source.objectPath(objectKey)) } catch { throw error.cache }
        guard cap.admits(size: Int64(objectBytes.count)) else { return }
        do { try primary.prepare() } catch { throw error.cache }
        let lock = try primary.lock(directKey: directKey)
        defer { lock.unlock() }
        try primary.writeObject(objectKey, pieces: [objectBytes])
        let existing = (try? primary.readEntryFile(directKey: directKey)) ?? nil
        try primary.writeEntryFile(directKey: directKey, DirectIndexFile.adding(entry, to: existing,
                                                                               path: primary.name(of: .entryFile(directKey: directKey))))
        _ = try cap.enforce(afterStoring: [.object(objectKey), .entryFile(directKey: directKey)])
    }
}
