import Glibc
import SwiftWrapCore

/// Public entry points that decode one stored cache file exactly as a lookup does, with no cache
/// around it: the fuzz targets in `Fuzz/` call them (the readers themselves stay internal). Damage
/// throws `CacheError.corruptEntry` naming `path`; nothing is written or removed.
public enum StoredFileCheck {
    /// Verifies the object file at `path` (header, streams, stored-bytes checksum, decoding, XML size)
    /// and returns the size of its XML.
    public static func object(path: String) throws(CacheError) -> Int {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError.current(.open, path).cache }
        let source = ObjectFile.OpenFile(fd)
        var raw = stat()
        guard fstat(fd, &raw) == 0 else { throw FileError.current(.stat, path).cache }
        let reader = try ObjectFile.reader(source, size: Int(raw.st_size), path: path)
        var produced = 0
        try reader.streamXML { (piece) throws(CacheError) in produced += piece.count }
        return produced
    }

    /// Parses and verifies every entry of a direct-index entry file's bytes; returns how many there are.
    public static func entryFile(_ bytes: [UInt8], path: String) throws(CacheError) -> Int {
        try DirectIndexFile.parse(bytes, path: path).count
    }

    /// The number of valid lines of the inode cache of the cache directory `cacheDirectory` (damaged
    /// lines are skipped, as a lookup skips them).
    public static func inodeCacheLines(cacheDirectory: String) -> Int {
        InodeCache(root: LocalCacheRoot(path: cacheDirectory)).load().count
    }
}
