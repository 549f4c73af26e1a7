import SwiftWrapCore

/// `castxml-cache --show-config`: every setting of the cache's table with its value and where the
/// value came from (default, an environment variable or alias, a flag).
public enum ConfigReport {
    public static func render(_ settings: CacheSettings) -> String {
        var rows: [(String, String, String)] = [("setting", "value", "origin")]
        for setting in CacheSetting.allCases {
            let d = setting.definition
            let name = d.environmentVariable ?? d.flag ?? setting.rawValue
            guard let value = settings[setting] else {
                rows.append((name, "(unset)", "-"))
                continue
            }
            var origin = value.origin.description
            if case .environment(let variable) = value.origin, variable != d.environmentVariable, let own = d.environmentVariable {
                origin += " (alias of \(own))"
            }
            // A secret is never printed, not even in part.
            let shown = setting == .cacheRemoteToken ? "(set)" : value.text
            rows.append((name, value.text.isEmpty ? "(empty)" : shown, origin))
        }
        let first = rows.map { $0.0.count }.max() ?? 0
        let second = min(rows.map { $0.1.count }.max() ?? 0, 60)
        var text = ""
        for (name, value, origin) in rows {
            text += pad(name, first) + "  " + pad(value, second) + "  " + origin + "\n"
        }
        return text
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
