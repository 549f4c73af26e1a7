import Glibc
import SwiftWrapCore

/// The maintenance operations of castxml-cache on its primary root: `--max-size` saved to the
/// configuration file, `--clear`, `--evict-older-than`, `--evict DAYS`, `--cleanup` and the numbers
/// behind `--show-stats`. Library code: returns results, throws `CacheError`; the executable prints.
public struct CacheMaintenance {
    public let root: LocalCacheRoot
    /// The resolved settings, without the configuration file (it is layered in here).
    public let settings: CacheSettings

    public init(root: LocalCacheRoot, settings: CacheSettings) {
        self.root = root
        self.settings = settings
    }

    /// What an eviction did.
    public struct Result: Sendable, Equatable {
        public var removedFiles = 0
        public var removedBytes: Int64 = 0
        public var usageBytes: Int64 = 0
        /// `--evict DAYS` found nothing stored since the last eviction and did nothing.
        public var skipped = false
    }

    /// The settings with the root's configuration file layered in (default < file < environment < flag).
    public func resolvedSettings() throws(CacheError) -> CacheSettings {
        let file: SettingsFile
        do { file = try SettingsFile.load(root.configurationPath) } catch { throw error.cache }
        do { return try settings.layering(file: file) } catch { throw .settings(error) }
    }

    /// The size cap in bytes (0: no limit).
    public func maxSize() throws(CacheError) -> Int64 { try resolvedSettings().bytes(.cacheMaxSize) ?? 0 }

    /// Saves `--max-size SIZE` in the root's configuration file (the size is checked first).
    public func saveMaxSize(_ text: String) throws(CacheError) {
        guard ByteSize.parse(text) != nil else {
            throw .settings(SettingsError(invalid: text, for: "--max-size", origin: .flag("--max-size"), expected: ByteSize.expected))
        }
        do {
            try root.prepare()
            try SettingsFile.load(root.configurationPath).setting("max_size", to: text).save()
        } catch { throw error.cache }
    }

    /// Removes every item (and output memo); statistics and configuration stay.
    public func clear() throws(CacheError) -> Result {
        guard FileSystem.exists(root.path) else { return Result() }
        let ledger = try UsageLedger(root: root)
        defer { ledger.unlock() }
        let removed = try Eviction(ledger: ledger).clear()
        return Result(removedFiles: removed, usageBytes: ledger.counts.itemBytes + root.stateUsage())
    }

    /// Removes the items unused for `seconds` (`--evict-older-than AGE`).
    public func evict(olderThan seconds: Double) throws(CacheError) -> Result {
        try pass(cutoff: seconds, target: nil)
    }

    /// ITK's `--evict DAYS`: returns at once when nothing was stored since the last eviction;
    /// otherwise removes the items unused for `days` days, then trims to the size cap.
    public func evict(days: Double) throws(CacheError) -> Result {
        guard FileSystem.exists(root.path) else { return Result(skipped: true) }
        let ledger = try UsageLedger(root: root)
        if ledger.counts.storesSinceEviction == 0 {
            ledger.unlock()
            return Result(skipped: true)
        }
        ledger.unlock()
        let cap = try maxSize()
        return try pass(cutoff: days * 86_400, target: cap > 0 ? cap : nil)
    }

    /// `--cleanup`: trims to the cap now, removes temporary files older than an hour and the
    /// layouts of older format versions. Returns the result and the leftovers removed.
    public func cleanup() throws(CacheError) -> (Result, [String]) {
        guard FileSystem.exists(root.path) else { return (Result(), []) }
        let cap = try maxSize()
        let ledger = try UsageLedger(root: root)
        defer { ledger.unlock() }
        let eviction = Eviction(ledger: ledger)
        let leftovers = eviction.removeLeftovers()
        let run = try eviction.run(target: cap > 0 ? cap : nil, cutoff: nil)
        ledger.counts.storesSinceEviction = 0
        ledger.save()
        return (Result(removedFiles: run.removedFiles, removedBytes: run.removedBytes, usageBytes: run.usage), leftovers)
    }

    private func pass(cutoff seconds: Double, target: Int64?) throws(CacheError) -> Result {
        guard FileSystem.exists(root.path) else { return Result() }
        let now = Timestamp.now()
        let whole = Int64(seconds), fraction = Int64((seconds - Double(whole)) * 1e9)
        var cutoff = Timestamp(seconds: now.seconds - whole, nanoseconds: now.nanoseconds - fraction)
        if cutoff.nanoseconds < 0 { cutoff.seconds -= 1; cutoff.nanoseconds += 1_000_000_000 }
        let ledger = try UsageLedger(root: root)
        defer { ledger.unlock() }
        let run = try Eviction(ledger: ledger).run(target: target, cutoff: cutoff)
        ledger.counts.storesSinceEviction = 0
        ledger.save()
        return Result(removedFiles: run.removedFiles, removedBytes: run.removedBytes, usageBytes: run.usage)
    }

    /// The numbers of `--show-stats`: counters, disk usage, entries and the cap. The usage comes
    /// from the ledger (a root without one is scanned once to create it; a read-only root is
    /// scanned without saving).
    public func status() throws(CacheError) -> CacheStatus {
        let totals: [Counter: Int]
        do { totals = try Statistics(root: root).readableTotals() } catch { throw error.cache }
        var status = CacheStatus(directory: root.path, totals: totals, maxSizeBytes: try maxSize())
        guard FileSystem.exists(root.path) else { return status }
        let counts: UsageLedger.Counts
        if let bytes = try? FileSystem.read(root.usagePath), let parsed = UsageLedger.parse(bytes) {
            counts = parsed
        } else if root.isWritable, let ledger = try? UsageLedger(root: root) {
            counts = ledger.counts
            ledger.unlock()
        } else {
            var scanned = UsageLedger.Counts()
            for stored in try root.list() {
                scanned.itemBytes += DiskUsage.rounded(stored.size)
                if case .object = stored.item { scanned.objects += 1 } else { scanned.entryFiles += 1 }
            }
            counts = scanned
        }
        status.sizeBytes = counts.itemBytes + root.stateUsage()
        status.entries = counts.entryFiles
        status.objects = counts.objects
        return status
    }
}
