import SwiftWrapCore

/// What `castxml-cache --show-stats` reports about the primary root.
public struct CacheStatus: Sendable, Equatable {
    public var directory: String
    public var totals: [Counter: Int]
    /// Disk usage of everything under the root (files rounded up to 4 KiB).
    public var sizeBytes: Int64 = 0
    /// 0: no limit.
    public var maxSizeBytes: Int64
    /// Entry files (direct keys) and objects stored.
    public var entries = 0
    public var objects = 0

    public init(directory: String, totals: [Counter: Int], maxSizeBytes: Int64) {
        self.directory = directory
        self.totals = totals
        self.maxSizeBytes = maxSizeBytes
    }

    func count(_ c: Counter) -> Int { totals[c] ?? 0 }
    var hits: Int { count(.directHits) + count(.preprocessedHits) + count(.remoteHits) }
    var lookups: Int { hits + count(.misses) }
}

/// The text of `castxml-cache --show-stats` (a table) and of `--show-stats --json`.
public enum StatisticsReport {
    public static func render(_ status: CacheStatus) -> String {
        var lines = [pad("cache directory") + status.directory]
        for counter in Counter.allCases { lines.append(pad(counter.rawValue) + "\(status.count(counter))") }
        if status.lookups > 0 {
            let rate = status.hits * 1000 / status.lookups
            lines.append(pad("hit rate") + "\(rate / 10).\(rate % 10) %")
        }
        lines.append(pad("entries") + "\(status.entries)")
        lines.append(pad("objects") + "\(status.objects)")
        lines.append(pad("cache size") + ByteSize.describe(status.sizeBytes) + " (\(status.sizeBytes) bytes)")
        let cap = status.maxSizeBytes == 0 ? "no limit" : ByteSize.describe(status.maxSizeBytes) + " (\(status.maxSizeBytes) bytes)"
        lines.append(pad("max size") + cap)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object; keys are stable (docs/cli.md lists them).
    public static func json(_ status: CacheStatus) -> String {
        let rate = status.lookups > 0 ? Double(status.hits) / Double(status.lookups) : 0
        let rateText = String(Double(Int64((rate * 10_000).rounded())) / 10_000)
        let fields: [(String, String)] = [
            ("cache_directory", quoted(status.directory)),
            ("direct_hits", "\(status.count(.directHits))"),
            ("preprocessed_hits", "\(status.count(.preprocessedHits))"),
            ("misses", "\(status.count(.misses))"),
            ("bypasses", "\(status.count(.bypasses))"),
            ("errors", "\(status.count(.errors))"),
            ("castxml_failures", "\(status.count(.castxmlFailures))"),
            ("not_stored", "\(status.count(.notStored))"),
            ("not_stored_size_cap", "\(status.count(.notStoredSizeCap))"),
            ("hit_rate", rateText),
            ("entries", "\(status.entries)"),
            ("objects", "\(status.objects)"),
            ("size_bytes", "\(status.sizeBytes)"),
            ("max_size_bytes", "\(status.maxSizeBytes)"),
            ("saved_ms", "\(status.count(.millisecondsSaved))"),
            ("remote_hits", "\(status.count(.remoteHits))"),
            ("remote_misses", "\(status.count(.remoteMisses))"),
            ("remote_errors", "\(status.count(.remoteErrors))"),
            ("remote_bytes_down", "\(status.count(.remoteBytesDown))"),
            ("remote_bytes_up", "\(status.count(.remoteBytesUp))"),
        ]
        return "{\n" + fields.map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// A JSON string: `"` and `\` escaped, control characters as \u00XX.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func pad(_ label: String) -> String {
        label + String(repeating: " ", count: max(1, 22 - label.count))
    }
}
