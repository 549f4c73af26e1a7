/// Byte counts and ages as users write them (ccache's conventions for sizes).
///
/// Sizes: a number (decimals allowed) with an optional unit: `k`/`K`, `M`, `G`, `T` are powers of
/// 1000; `Ki`, `Mi`, `Gi`, `Ti` powers of 1024; a trailing `B` is allowed (`5GB`, `500MiB`), and a
/// number with `B` alone is bytes (`4096B`). A bare number means gigabytes (`5` = 5 GB), as in
/// ccache. `0` means no limit to the settings that use it.
public enum ByteSize {
    public static let expected = "a size such as 5G, 500M, 2Gi or 0 (k/M/G/T: powers of 1000; Ki/Mi/Gi/Ti: powers of 1024; a bare number is GB)"

    public static func parse(_ text: String) -> Int64? {
        var body = Substring(text.trimmingCharacters())
        var multiplier: Double = 1_000_000_000
        if body.hasSuffix("B") || body.hasSuffix("b") {
            body = body.dropLast()
            multiplier = 1  // bytes, unless a unit comes before the B
        }
        let units: [(String, Double)] = [("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
                                         ("k", 1000), ("K", 1000), ("M", 1e6), ("G", 1e9), ("T", 1e12)]
        for (suffix, value) in units where body.hasSuffix(suffix) {
            multiplier = value
            body = body.dropLast(suffix.count)
            break
        }
        guard let number = DecimalNumber.parse(body), number >= 0 else { return nil }
        let bytes = (number * multiplier).rounded()
        guard bytes < 9.2e18 else { return nil }
        return Int64(bytes)
    }

    /// `bytes` for people: `0`, `512 B`, `4.0 KiB`, `1.5 GiB`.
    public static func describe(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        let tenths = Int64((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}

/// Ages as durations: a number with a unit `d`, `h`, `m` or `s` (`30d`, `12h`, `90m`, `45s`,
/// decimals allowed). A bare number is an error: its unit would be a guess.
public enum Age {
    public static let expected = "an age such as 30d, 12h, 90m or 45s (a bare number has no unit and is not accepted)"

    /// The age in seconds.
    public static func parse(_ text: String) -> Double? {
        var body = Substring(text.trimmingCharacters())
        guard let unit = body.last else { return nil }
        let seconds: Double
        switch unit {
        case "d": seconds = 86_400
        case "h": seconds = 3_600
        case "m": seconds = 60
        case "s": seconds = 1
        default: return nil
        }
        body = body.dropLast()
        guard let number = DecimalNumber.parse(body), number >= 0 else { return nil }
        return number * seconds
    }
}

/// A plain decimal number (`12`, `0.5`, `.5`, `3.`): digits and at most one point, nothing else.
enum DecimalNumber {
    static func parse(_ text: Substring) -> Double? {
        guard !text.isEmpty, text != "." else { return nil }
        var points = 0
        for c in text.utf8 {
            if c == UInt8(ascii: ".") { points += 1; continue }
            guard c >= 0x30 && c <= 0x39 else { return nil }
        }
        guard points <= 1 else { return nil }
        return Double(text)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingCharacters() -> String {
        var scalars = Substring(self)
        while let f = scalars.first, f == " " || f == "\t" { scalars = scalars.dropFirst() }
        while let l = scalars.last, l == " " || l == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
