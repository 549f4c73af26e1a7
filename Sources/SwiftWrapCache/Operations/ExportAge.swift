/// The AGE of `--export FILE --used-since AGE`: a whole number with a unit, `30d`, `12h`, `90m` or
/// `45s`. A bare number is an error (seconds or days? say which). Kept apart from any other AGE
/// parser on purpose, so the two can be merged into one.
public enum ExportAge {
    /// Seconds, or nil when `text` is not an AGE.
    public static func seconds(_ text: String) -> Int64? {
        guard let unit = text.last, let count = Int64(text.dropLast()), count >= 0 else { return nil }
        switch unit {
        case "s": return count
        case "m": return count * 60
        case "h": return count * 3600
        case "d": return count * 86_400
        default: return nil
        }
    }

    static let expected = "a whole number with a unit: 30d, 12h, 90m or 45s"
}
