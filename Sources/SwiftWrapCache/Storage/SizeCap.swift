import SwiftWrapCore

/// The size cap of a primary root (`SWIFTWRAP_CACHE_MAX_SIZE`): after every store, the disk usage
/// of everything under the root (`DiskUsage`: files rounded up to 4 KiB, temporary files of running
/// stores excluded) is at or under the cap.
///
/// Amortised: the usage is known from the ledger's running counters plus `stateUsage()` (no item
/// scan); only a store that takes the usage over the cap scans, and it then trims to
/// `trimFraction` of the cap, so the next ~10 % of the cap's worth of stores scan nothing.
struct SizeCap {
    let root: LocalCacheRoot
    /// Bytes; 0 means no limit.
    let maxSize: Int64
    static let trimFraction: (numerator: Int64, denominator: Int64) = (9, 10)

    /// The cap of `root`: `settings` with the root's configuration file layered in (a file that
    /// cannot be read or holds a bad value is left out).
    static func of(_ root: LocalCacheRoot, settings: CacheSettings) -> SizeCap {
        var resolved = settings
        if let file = try? SettingsFile.load(root.configurationPath), let layered = try? settings.layering(file: file) {
            resolved = layered
        }
        return SizeCap(root: root, maxSize: resolved.bytes(.cacheMaxSize) ?? 0)
    }

    var trimTarget: Int64 { maxSize / SizeCap.trimFraction.denominator * SizeCap.trimFraction.numerator }

    /// Whether an item of `size` bytes could be stored at all (its rounded size alone fits the cap).
    func admits(size: Int64) -> Bool { maxSize == 0 || DiskUsage.rounded(size) <= maxSize }

    /// Brings the root under the cap after this process stored `own`, evicting least recently used
    /// items other than `own`. When the cap cannot be met that way, `own` is removed again and the
    /// result is false (the caller counts a result not stored because of the cap).
    func enforce(afterStoring own: [StorageItem]) throws(CacheError) -> Bool {
        guard maxSize > 0 else { return true }
        let ledger = try UsageLedger(root: root)
        defer { ledger.unlock() }
        if ledger.counts.itemBytes + root.stateUsage() <= maxSize { return true }
        let pass = try Eviction(ledger: ledger).run(target: trimTarget, cutoff: nil, protecting: Set(own))
        if pass.usage <= maxSize { return true }
        for item in own {
            let before = DiskUsage.of(root.path(of: item))
            if (try? FileSystem.remove(root.path(of: item))) != nil, before != nil {
                ledger.change(item, from: before, to: nil)
            }
        }
        ledger.save()
        return false
    }
}
