/// Checks of URL-valued settings (`SettingKind.url`): a scheme from a list, a host, no user
/// information (credentials in a URL end up in logs, `ps` and build files: tokens go elsewhere).
public enum SettingURL {
    /// Nil when `text` is usable; otherwise what was expected instead.
    public static func problem(_ text: String, schemes: [String]) -> String? {
        let expected = schemes.map { "\($0)://host[:port][/prefix]" }.joined(separator: " or ")
        guard let (scheme, authority, _) = split(text), schemes.contains(scheme.lowercased()) else {
            return "a URL of the form " + expected
        }
        if authority.contains("@") {
            return "a URL without user information (\(expected)); give credentials as a bearer token (SWIFTWRAP_CACHE_REMOTE_TOKEN or SWIFTWRAP_CACHE_REMOTE_TOKEN_FILE)"
        }
        let host = authority.hasPrefix("[") ? String(authority.prefix { $0 != "]" }.dropFirst()) : String(authority.prefix { $0 != ":" })
        if host.isEmpty { return "a URL with a host: " + expected }
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            let port = authority[authority.index(after: colon)...]
            guard let number = Int(port), number > 0, number < 65536 else { return "a port from 1 to 65535 in " + expected }
        }
        if text.contains(where: { $0 == "?" || $0 == "#" || $0 == " " }) { return "a URL without query, fragment or spaces: " + expected }
        return nil
    }

    /// `text` with any user information replaced by `***` (for messages).
    public static func redacted(_ text: String) -> String {
        guard let (scheme, authority, rest) = split(text), let at = authority.lastIndex(of: "@") else { return text }
        return scheme + "://***" + authority[at...] + rest
    }

    /// scheme, authority (between `//` and the next `/`), and the rest (from that `/`).
    static func split(_ text: String) -> (String, String, String)? {
        guard let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") else { return nil }
        let scheme = String(text[..<colon])
        let after = text[text.index(colon, offsetBy: 3)...]
        let slash = after.firstIndex(of: "/") ?? after.endIndex
        return (scheme, String(after[..<slash]), String(after[slash...]))
    }
}
