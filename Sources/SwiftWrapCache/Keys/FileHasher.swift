import Glibc
import SwiftWrapCore

/// Content hashes of files, memoised by (device, inode, size, mtime, ctime).
///
/// A file is re-read only when one of those fields changed: editing a file in place changes its
/// ctime even when the writer restores size and mtime, so a stale memo entry is never used.
/// Entries can be seeded from a persisted record (the cache's manifests keep the stat beside each
/// hash) so that a new process does not re-read hundreds of unchanged headers.
final class FileHasher {
    struct Entry: Hashable, Sendable {
        let stat: FileStat
        let digest: Digest
        init(stat: FileStat, digest: Digest) {
            self.stat = stat
            self.digest = digest
        }
    }

    private var memo: [String: Entry] = [:]
    /// How many files were actually read and hashed (for statistics and tests).
    private(set) var filesHashed = 0

    init() {}

    /// Records a known (stat, digest) pair for a path, e.g. from a manifest written earlier.
    func seed(path: String, stat: FileStat, digest: Digest) {
        if memo[path] == nil { memo[path] = Entry(stat: stat, digest: digest) }
    }

    /// What the memo holds for `path` (the stat it was hashed at, and the hash), without a `stat`.
    func memoised(_ path: String) -> Entry? { memo[path] }

    /// The content hash of `path`: from the memo when the file's stat is unchanged, else re-read.
    func digest(of path: String) throws(FileError) -> Entry {
        let current = try FileStat.of(path)
        return try digest(of: path, currentStat: current)
    }

    /// Same as `digest(of:)` when the caller already holds a fresh stat of the file.
    func digest(of path: String, currentStat: FileStat) throws(FileError) -> Entry {
        if let known = memo[path], known.stat == currentStat { return known }
        let (digest, statWhileReading) = try SHA256.hashFile(path)
        filesHashed += 1
        let entry = Entry(stat: statWhileReading, digest: digest)
        memo[path] = entry
        return entry
    }

    /// Reads a file once, returning its bytes with its hash (and memoising the hash), for callers
    /// that also need to look inside the file.
    func contents(of path: String) throws(FileError) -> (Entry, [UInt8]) {
        let fd = LosslessText.withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw .current(.open, path) }
        defer { close(fd) }
        var raw = stat()
        guard fstat(fd, &raw) == 0 else { throw .current(.stat, path) }
        let bytes = try FileSystem.readAll(fd: fd, path: path)
        let entry = Entry(stat: FileStat(raw), digest: SHA256.hash(bytes))
        filesHashed += 1
        memo[path] = entry
        return (entry, bytes)
    }
}
