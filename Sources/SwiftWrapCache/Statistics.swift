import SwiftWrapCore

/// Counters persisted in the cache directory, in 16 shard files so concurrent processes rarely
/// contend for the same lock. `--show-stats` sums them.
public enum Counter: String, CaseIterable, Sendable {
    case directHits = "direct hits"
    case preprocessedHits = "preprocessed hits"
    case misses = "misses"
    case bypasses = "bypasses"
    case errors = "errors"
    case castxmlFailures = "castxml failures"
    case millisecondsSaved = "milliseconds saved"
}

public struct Statistics: Sendable {
    public let layout: CacheLayout
    public init(layout: CacheLayout) { self.layout = layout }

    /// Adds to counters; failures are ignored (statistics must never break a build).
    public func add(_ deltas: [Counter: Int], shard: Int) {
        let path = layout.statsPath(shard: shard & 15)
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        if fd < 0 && errno == ENOENT {
            try? FileSystem.createDirectories(Path.directory(of: path))
            fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        }
        guard fd >= 0 else { return }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 { if errno != EINTR { return } }
        var counts = Statistics.parse((try? FileSystem.readAll(fd: fd, path: path)) ?? [])
        for (counter, delta) in deltas { counts[counter, default: 0] += delta }
        let text = Array(Statistics.render(counts).utf8)
        guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else { return }
        try? FileSystem.writeAll(fd: fd, text, path: path)
    }

    public func totals() -> [Counter: Int] {
        var sum: [Counter: Int] = [:]
        for shard in 0..<16 {
            guard let bytes = try? FileSystem.read(layout.statsPath(shard: shard)) else { continue }
            for (k, v) in Statistics.parse(bytes) { sum[k, default: 0] += v }
        }
        return sum
    }

    public func zero() throws(FileError) {
        for shard in 0..<16 { try FileSystem.remove(layout.statsPath(shard: shard)) }
    }

    static func parse(_ bytes: [UInt8]) -> [Counter: Int] {
        var counts: [Counter: Int] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard let tab = line.lastIndex(of: "\t"), let counter = Counter(rawValue: String(line[..<tab])),
                  let value = Int(line[line.index(after: tab)...]) else { continue }
            counts[counter] = value
        }
        return counts
    }

    static func render(_ counts: [Counter: Int]) -> String {
        Counter.allCases.compactMap { c in counts[c].map { "\(c.rawValue)\t\($0)\n" } }.joined()
    }
}
