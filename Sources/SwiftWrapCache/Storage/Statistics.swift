import Glibc
import SwiftWrapCore

/// Counters persisted in the cache directory, in 16 shard files so concurrent processes rarely
/// contend for the same lock. `--show-stats` sums them.
///
/// A shard holds every counter as a fixed-width line, so an update rewrites it in place at the same
/// size: truncating a file to zero and rewriting it makes ext4 start writeback when it is closed
/// (`auto_da_alloc`), which cost a hit up to milliseconds.
public enum Counter: String, CaseIterable, Sendable {
    case directHits = "direct hits"
    case preprocessedHits = "preprocessed hits"
    case misses = "misses"
    case bypasses = "bypasses"
    case errors = "errors"
    case castxmlFailures = "castxml failures"
    /// castxml succeeded but the result was not stored: an input changed during the run, a time
    /// macro, an empty XML (the log says which).
    case notStored = "results not stored"
    /// castxml succeeded but the result did not fit the size cap (alone, or with everything else
    /// evicted that may be), so it was not kept.
    case notStoredSizeCap = "not stored (size cap)"
    case millisecondsSaved = "milliseconds saved"
    /// The shared remote cache (docs/remote-cache.md): a local miss found there, a local miss not
    /// found there either, trouble with the server (timeouts, refused connections, bad answers,
    /// damaged downloads), and the bytes of bodies downloaded and uploaded.
    case remoteHits = "remote hits"
    case remoteMisses = "remote misses"
    case remoteErrors = "remote errors"
    case remoteBytesDown = "remote bytes down"
    case remoteBytesUp = "remote bytes up"
}

public struct Statistics: Sendable {
    public let root: LocalCacheRoot
    public init(root: LocalCacheRoot) { self.root = root }

    /// Adds to counters; failures are ignored (statistics must never break a build).
    public func add(_ deltas: [Counter: Int], shard: Int) {
        let path = root.statsPath(shard: shard & 15)
        guard let lock = try? FileLock(path: path) else { return }
        defer { lock.unlock() }
        let fd = lock.descriptor
        var counts = Statistics.parse((try? FileSystem.readAll(fd: fd, path: path)) ?? [])
        for (counter, delta) in deltas { counts[counter, default: 0] += delta }
        let text = Array(Statistics.render(counts).utf8)
        var raw = stat()
        guard fstat(fd, &raw) == 0 else { return }
        let written = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard written == text.count else { return }
        // Only an older, longer layout leaves bytes behind; never truncated to zero.
        if Int(raw.st_size) > text.count { _ = ftruncate(fd, off_t(text.count)) }
    }

    public func totals() -> [Counter: Int] {
        var sum: [Counter: Int] = [:]
        for shard in 0..<16 {
            guard let bytes = try? FileSystem.read(root.statsPath(shard: shard)) else { continue }
            for (k, v) in Statistics.parse(bytes) { sum[k, default: 0] += v }
        }
        return sum
    }

    /// The totals for `--show-stats`: like `totals()`, but a cache directory (or its statistics) that
    /// exists and cannot be read is an error rather than zeros. A cache that does not exist yet has
    /// counted nothing.
    public func readableTotals() throws(FileError) -> [Counter: Int] {
        guard let top = try FileStat.ifExists(root.path) else { return [:] }
        guard top.isDirectory else { throw FileError(.list, root.path, detail: "not a directory") }
        var sum: [Counter: Int] = [:]
        for shard in 0..<16 {
            let path = root.statsPath(shard: shard)
            let bytes: [UInt8]
            do { bytes = try FileSystem.read(path) } catch {
                if error.errno?.code == ENOENT { continue }
                throw error
            }
            for (k, v) in Statistics.parse(bytes) { sum[k, default: 0] += v }
        }
        return sum
    }

    public func zero() throws(FileError) {
        for shard in 0..<16 { try FileSystem.remove(root.statsPath(shard: shard)) }
    }

    /// Parses `name<TAB>digits` lines on the bytes (every hit updates a shard: no String splitting).
    static func parse(_ bytes: [UInt8]) -> [Counter: Int] {
        var counts: [Counter: Int] = [:]
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var tab = end - 1
            while tab >= start && bytes[tab] != 0x09 { tab -= 1 }
            if tab >= start, tab + 1 < end, let counter = Statistics.counter(named: bytes[start..<tab]) {
                var value = 0, valid = true
                for byte in bytes[(tab + 1)..<end] {
                    guard byte >= 0x30 && byte <= 0x39, value < Int.max / 10 else { valid = false; break }
                    value = value * 10 + Int(byte - 0x30)
                }
                if valid { counts[counter] = value }
            }
            start = end + 1
        }
        return counts
    }

    private static let counterNames: [(bytes: [UInt8], counter: Counter)] = Counter.allCases.map { (Array($0.rawValue.utf8), $0) }

    private static func counter(named name: ArraySlice<UInt8>) -> Counter? {
        for entry in counterNames where entry.bytes.elementsEqual(name) { return entry.counter }
        return nil
    }

    /// Every counter, values zero-padded to 19 digits: the same size whatever the values.
    static func render(_ counts: [Counter: Int]) -> String {
        Counter.allCases.map { c in
            let digits = String(max(0, counts[c] ?? 0))
            return "\(c.rawValue)\t\(String(repeating: "0", count: max(0, 19 - digits.count)))\(digits)\n"
        }.joined()
    }
}
