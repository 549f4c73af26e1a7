import Glibc
import SwiftWrapCore

/// Removal of items from a local root, least recently used first (an item's last use is its mtime:
/// a store writes it, a hit refreshes it). Every pass runs under the usage ledger's lock, so no
/// store interleaves with it and the counters stay exact; hits go on meanwhile:
/// - a process restoring an object keeps its open descriptor, so removing the file never cuts a
///   restore short (and an entry file whose object is gone is a miss that prunes it);
/// - each victim is looked at again just before it is removed, and kept when it was used after the
///   scan (its mtime moved) — a hit that races the eviction keeps its entry;
/// - the caller's own items (what this process just stored) are never victims.
struct Eviction {
    let ledger: UsageLedger
    var root: LocalCacheRoot { ledger.root }

    struct Pass: Equatable {
        /// Files removed and their rounded bytes.
        var removedFiles = 0
        var removedBytes: Int64 = 0
        /// Disk usage afterwards: items plus everything else under the root.
        var usage: Int64 = 0
    }

    /// One full scan, then removal of every item last used before `cutoff` (when given) and of the
    /// least recently used items until the usage is at or under `target` (when given). The scan
    /// also recalibrates the ledger (files removed or added behind the cache's back).
    func run(target: Int64?, cutoff: Timestamp?, protecting: Set<StorageItem> = []) throws(CacheError) -> Pass {
        let state = root.stateUsage()
        var items = try root.list()
        let kept = ledger.counts.storesSinceEviction
        ledger.counts = UsageLedger.Counts()
        ledger.counts.storesSinceEviction = kept
        for stored in items { ledger.change(stored.item, from: nil, to: DiskUsage.rounded(stored.size)) }
        items.sort { $0.lastUse < $1.lastUse }
        var pass = Pass(usage: ledger.counts.itemBytes + state)
        for stored in items {
            let old = cutoff.map { stored.lastUse < $0 } ?? false
            let over = target.map { pass.usage > $0 } ?? false
            if !old && !over { break }  // sorted by last use: nothing later is older
            if protecting.contains(stored.item) { continue }
            if let freed = removeUnlessUsed(stored) {
                pass.removedFiles += 1
                pass.removedBytes += freed
                pass.usage -= freed
            }
        }
        ledger.save()
        return pass
    }

    /// Removes `stored` unless it was used (or replaced) after the scan; returns the rounded bytes freed.
    private func removeUnlessUsed(_ stored: StoredItem) -> Int64? {
        let file = root.path(of: stored.item)
        var raw = stat()
        guard lstat(file, &raw) == 0 else {
            // Gone meanwhile (a damaged item removed by a reader outside the lock): account for it.
            ledger.change(stored.item, from: DiskUsage.rounded(stored.size), to: nil)
            return DiskUsage.rounded(stored.size)
        }
        let now = FileStat(raw)
        guard now.mtime == stored.lastUse, now.size == stored.size else { return nil }
        guard unlink(file) == 0 else { return nil }
        ledger.change(stored.item, from: DiskUsage.rounded(stored.size), to: nil)
        return DiskUsage.rounded(stored.size)
    }

    /// Removes every item and every output memo (statistics, configuration and tool identities
    /// stay). Returns the number of files removed.
    func clear() throws(CacheError) -> Int {
        var removed = 0
        for stored in try root.list() where unlink(root.path(of: stored.item)) == 0 { removed += 1 }
        let outputs = root.versionRoot + "/outputs"
        FileSystem.forEachName(in: outputs) { shard in
            FileSystem.forEachName(in: outputs + "/" + shard) { name in
                if unlink(outputs + "/" + shard + "/" + name) == 0 { removed += 1 }
            }
        }
        let kept = ledger.counts.storesSinceEviction
        ledger.counts = UsageLedger.Counts()
        ledger.counts.storesSinceEviction = kept
        for stored in try root.list() { ledger.change(stored.item, from: nil, to: DiskUsage.rounded(stored.size)) }
        ledger.save()
        return removed
    }

    /// Removes temporary files older than `age` seconds (left by killed stores; a running store's
    /// temporary file is younger) below the version directory, and the layouts of other format
    /// versions (`<root>/v<N>`). Returns what was removed.
    func removeLeftovers(olderThan age: Int64 = 3600) -> [String] {
        var removed: [String] = []
        let cutoff = Timestamp.now().seconds - age
        func sweep(_ directory: String, depth: Int) {
            FileSystem.forEachName(in: directory) { name in
                // Inside a shard only hidden names can be temporaries: no stat for the items.
                if depth == 0 && !name.hasPrefix(".") { return }
                let file = directory + "/" + name
                var raw = stat()
                guard lstat(file, &raw) == 0 else { return }
                let info = FileStat(raw)
                if info.isDirectory {
                    if depth > 0 { sweep(file, depth: depth - 1) }
                } else if name.hasPrefix("."), name.contains(".tmp."), info.isRegularFile, info.mtime.seconds < cutoff {
                    if unlink(file) == 0 { removed.append(file) }
                }
            }
        }
        sweep(root.versionRoot, depth: 2)
        let current = "v\(LocalCacheRoot.formatVersion)"
        FileSystem.forEachName(in: root.path) { name in
            guard name != current, name.count > 1, name.hasPrefix("v"), name.dropFirst().allSatisfy(\.isNumber) else { return }
            if (try? FileSystem.removeTree(root.path + "/" + name)) != nil { removed.append(root.path + "/" + name) }
        }
        return removed.sorted()
    }
}
