import Glibc
import SwiftWrapCore

/// How a local root keeps its disk usage known without scanning: every change of an item goes
/// through `accounted`, under the usage ledger's lock; everything else under the root (statistics,
/// inode cache, memos, the configuration file) is measured directly by `stateUsage()`, which lists
/// no item directory.
extension LocalCacheRoot {
    /// Runs `change` (which creates, replaces or removes `item`) under the ledger's lock and
    /// accounts for the item's size before and after.
    func accounted(_ item: StorageItem, _ change: () throws(FileError) -> Void) throws(CacheError) {
        let ledger = try UsageLedger(root: self)
        defer { ledger.unlock() }
        let file = path(of: item)
        let before = DiskUsage.of(file)
        do { try change() } catch { throw error.cache }
        let after = DiskUsage.of(file)
        if before == after && before != nil && after != nil { return }  // unchanged bytes: kept as they were
        ledger.change(item, from: before, to: after)
        if after != nil { ledger.counts.storesSinceEviction += 1 }
        ledger.save()
    }

    /// Disk usage of everything under the root that is not an item: CACHEDIR.TAG, the
    /// configuration file, the usage file, statistics, the inode cache, tool identities and output
    /// memos (each memo is a fixed 192 bytes, so it is counted by name: one block). Lock files are
    /// empty and count nothing. Layouts of older versions are not counted (`--cleanup` removes them).
    func stateUsage() -> Int64 {
        var total: Int64 = 0
        for file in [path + "/CACHEDIR.TAG", configurationPath, usagePath, inodeCachePath] {
            total += DiskUsage.of(file) ?? 0
        }
        for shard in 0..<16 { total += DiskUsage.of(statsPath(shard: shard)) ?? 0 }
        let identities = versionRoot + "/identity"
        FileSystem.forEachName(in: identities) { name in
            if !name.hasPrefix(".") { total += DiskUsage.of(identities + "/" + name) ?? 0 }
        }
        let outputs = versionRoot + "/outputs"
        FileSystem.forEachName(in: outputs) { shard in
            FileSystem.forEachName(in: outputs + "/" + shard) { _ in total += DiskUsage.block }
        }
        return total
    }

    /// Records a use of an object this process opened: its mtime becomes now, through the open
    /// descriptor (no path lookup). Skipped when the mtime is already within `useResolution` of
    /// `now`: repeated hits in the same second cost no system call, and LRU order has one-second
    /// resolution. Best effort (a read-only root refuses it silently).
    func recordUse(of object: ObjectBytes, now: Timestamp) {
        guard object.lastUse.seconds < now.seconds - LocalCacheRoot.useResolution else { return }
        _ = futimens(object.source.fd, nil)
    }

    /// The entry file of `directKey` (nil: none), read through one descriptor whose mtime is
    /// refreshed (same rule as `recordUse(of:now:)`): a lookup is a use of the entry file.
    /// `now` nil: no refresh (a root that is not the primary is never written).
    func readEntryFile(directKey: Digest, now: Timestamp?) throws(CacheError) -> [UInt8]? {
        let file = entryFilePath(directKey)
        let fd = LosslessText.withCPath(file) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw FileError.current(.open, file).cache
        }
        defer { close(fd) }
        var raw = stat()
        guard fstat(fd, &raw) == 0 else { throw FileError.current(.open, file).cache }
        let bytes: [UInt8]
        do { bytes = try FileSystem.readAll(fd: fd, path: file, sizeHint: Int(raw.st_size)) } catch { throw error.cache }
        if let now, FileStat(raw).mtime.seconds < now.seconds - LocalCacheRoot.useResolution { _ = futimens(fd, nil) }
        return bytes
    }

    /// Uses closer together than this many seconds are not told apart (see `recordUse(of:now:)`).
    static let useResolution: Int64 = 1
}
