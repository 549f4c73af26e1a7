import SwiftWrapCore

/// One thing a cache root keeps under a key: the direct index's entry file of a direct key, or an object.
public enum StorageItem: Hashable, Sendable {
    /// The entry file of a direct key (`DirectIndexFile` format): every recorded way that key was satisfied.
    case entryFile(directKey: Digest)
    /// A result object (`ObjectFile` format) by object key.
    case object(Digest)
}

/// An item as listed by `CacheStorage.list()`.
public struct StoredItem: Hashable, Sendable {
    public var item: StorageItem
    /// Bytes of the item as stored.
    public var size: Int64
    /// The last recorded use (for a local root: the file's mtime, set by `recordUse` and by writing it).
    public var lastUse: Timestamp
}

/// An object opened for reading: its bytes are read on demand (a hit streams and decodes them in
/// 256 KiB pieces; objects run to megabytes), never loaded whole by the storage.
struct ObjectBytes {
    let source: ObjectFile.OpenFile
    let size: Int
    /// How the object is named in messages and the log (a local root: its path).
    let name: String
    /// Its last recorded use when opened (a local root: the file's mtime).
    var lastUse = Timestamp(seconds: 0, nanoseconds: 0)
}

/// The storage contract of a cache root: what the rest of castxml-cache asks of the place its
/// entries live. `LocalCacheRoot` (a directory) is the one implementation today; a second local root
/// (read-only CI cache), eviction (size cap, LRU by last use) and a remote HTTP store build on this
/// interface. The cache uses an implementation through its concrete type or a generic parameter,
/// never an existential: `ObjectBytes.source` is read on the hit path.
///
/// Contract:
/// - Items are addressed by key only (`StorageItem`); how keys map to names is the implementation's.
/// - Writes are atomic: a reader sees either no item, the complete previous bytes or the complete
///   new bytes — never a partial write — also while other processes write the same key at the same
///   time (last writer wins; a lost entry-file update costs one later miss, never a wrong result).
///   Every stored format checks itself (entry checksums, object checksums) because bytes can still
///   be damaged at rest: readers verify, and a damaged item is `remove`d by the caller.
/// - An object opened with `openObject` stays readable to the end even when it is removed or
///   replaced meanwhile (a local root keeps the open descriptor).
/// - `nil` from a read means "no such item". Any other storage trouble throws a `CacheError`; the
///   caller treats it as a miss or, where it cannot, counts an error and runs castxml directly:
///   storage trouble never fails a build and never changes castxml's output.
/// - `recordUse` is best effort and never throws; `remove` of a missing item is not an error.
/// - Updating an entry file is read, merge, write: local writers of one key serialise on the key's
///   lock (`LocalCacheRoot.lock(directKey:)`); a store without locks loses a concurrent update at worst.
/// - `isWritable` answers whether stores can succeed at all (a read-only root still serves hits).
///
/// Not part of it: the state of the machine the cache runs on — key locks (single flight), statistics,
/// the inode cache, output memos and tool-identity memos. `LocalCacheRoot` keeps those beside its
/// items (it owns every path of its directory); a second root or a remote store has none of them.
protocol CacheStorage {
    /// Whether this root can take writes (its directory exists and is writable, or can be created).
    var isWritable: Bool { get }

    /// How `item` is named in messages and the log (a local root: its path). No I/O.
    func name(of item: StorageItem) -> String

    /// The entry file of `directKey`, whole (nil: none).
    func readEntryFile(directKey: Digest) throws(CacheError) -> [UInt8]?
    /// Replaces the entry file of `directKey` atomically.
    func writeEntryFile(directKey: Digest, _ bytes: [UInt8]) throws(CacheError)

    /// Opens the object `key` for streaming (nil: none).
    func openObject(_ key: Digest) throws(CacheError) -> ObjectBytes?
    /// Stores the object `key` atomically as the concatenation of `pieces` (no joined copy is made).
    func writeObject(_ key: Digest, pieces: [[UInt8]]) throws(CacheError)

    /// Records that `item` was just used (its last use becomes now). Best effort: never throws.
    func recordUse(_ item: StorageItem)
    /// Every item with its size and last use, in no particular order.
    func list() throws(CacheError) -> [StoredItem]
    /// Removes `item`; removing a missing item is not an error.
    func remove(_ item: StorageItem) throws(CacheError)
}
