/// The text of `castxml-cache --show-stats`: one `label<spaces>value` line per counter.
public enum StatisticsReport {
    public static func render(directory: String, totals: [Counter: Int]) -> String {
        var lines = [pad("cache directory") + directory]
        for counter in Counter.allCases { lines.append(pad(counter.rawValue) + "\(totals[counter] ?? 0)") }
        let lookups = (totals[.directHits] ?? 0) + (totals[.preprocessedHits] ?? 0) + (totals[.misses] ?? 0)
        if lookups > 0 {
            let hits = (totals[.directHits] ?? 0) + (totals[.preprocessedHits] ?? 0)
            let rate = (hits * 1000 / lookups)
            lines.append(pad("hit rate") + "\(rate / 10).\(rate % 10) %")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func pad(_ label: String) -> String {
        label + String(repeating: " ", count: max(1, 20 - label.count))
    }
}
