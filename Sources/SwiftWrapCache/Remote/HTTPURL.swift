import SwiftWrapCore

/// A remote-cache base URL taken apart: `http[s]://host[:port][/prefix]`. Only what the remote cache
/// needs: no user information (credentials go in the token settings), no query, no fragment, no
/// percent-decoding (request paths are hex keys under the prefix).
struct HTTPURL: Sendable, Equatable {
    enum Scheme: String, Sendable { case http, https }

    var scheme: Scheme
    /// Host name or address literal, without the brackets of an IPv6 literal.
    var host: String
    var port: Int
    /// The path prefix without a trailing slash ("" or "/team/cache").
    var prefix: String
    /// Whether the port was written out (the Host header repeats it then).
    var explicitPort: Bool

    var isIPv6Literal: Bool { host.contains(":") }

    /// The `Host` header value: the host (bracketed if IPv6) and the port when it is not the default.
    var hostHeader: String {
        let name = isIPv6Literal ? "[\(host)]" : host
        return explicitPort ? "\(name):\(port)" : name
    }

    /// The request target for `path` (relative, no leading slash): `<prefix>/<path>`.
    func target(_ path: String) -> String { prefix + "/" + path }

    /// The complete URL for `path` (for libcurl).
    func url(_ path: String) -> String { "\(scheme.rawValue)://\(hostHeader)\(target(path))" }

    static func parse(_ text: String) throws(RemoteTransportError) -> HTTPURL {
        let bytes = Array(text.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
              bytes[colon...].starts(with: Array("://".utf8)) else {
            throw .badURL("'\(text)' is not an http:// or https:// URL")
        }
        guard let scheme = Scheme(rawValue: String(decoding: bytes[..<colon], as: UTF8.self).lowercased()) else {
            throw .badURL("'\(text)': only http:// and https:// are supported")
        }
        let afterScheme = colon + 3
        let authorityEnd = bytes[afterScheme...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
        let authority = Array(bytes[afterScheme..<authorityEnd])
        var path = Array(bytes[authorityEnd...])
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) {
            // The user information may hold a password: it never reaches a message.
            let shown = String(decoding: bytes[..<afterScheme], as: UTF8.self) + "<user information>"
                + String(decoding: authority[at...] + path, as: UTF8.self)
            throw .badURL("'\(shown)' contains user information; give the token with SWIFTWRAP_CACHE_REMOTE_TOKEN or SWIFTWRAP_CACHE_REMOTE_TOKEN_FILE instead")
        }
        for byte in path where byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
            throw .badURL("'\(text)': the path may not contain spaces, control characters, '?' or '#'")
        }
        while path.last == UInt8(ascii: "/") { path.removeLast() }
        let (host, portText) = try splitAuthority(authority, text)
        let defaultPort = scheme == .https ? 443 : 80
        var port = defaultPort
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let value = Int(String(decoding: portText, as: UTF8.self)), (1...65535).contains(value) else {
                throw .badURL("'\(text)': the port must be a number from 1 to 65535")
            }
            port = value
        }
        return HTTPURL(scheme: scheme, host: host, port: port, prefix: String(decoding: path, as: UTF8.self),
                       explicitPort: portText != nil && port != defaultPort)
    }

    /// Host and the text after its port colon (nil: no port given).
    private static func splitAuthority(_ authority: [UInt8], _ text: String) throws(RemoteTransportError)
        -> (String, [UInt8]?) {
        var host: [UInt8]
        var rest: ArraySlice<UInt8>
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else {
                throw .badURL("'\(text)': unterminated IPv6 address (missing ']')")
            }
            host = Array(authority[1..<close])
            rest = authority[(close + 1)...]
            guard !host.isEmpty, host.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }),
                  host.contains(UInt8(ascii: ":")) else {
                throw .badURL("'\(text)': '[\(String(decoding: host, as: UTF8.self))]' is not an IPv6 address")
            }
            guard rest.isEmpty || rest.first == UInt8(ascii: ":") else {
                throw .badURL("'\(text)': unexpected text after the IPv6 address")
            }
        } else {
            let colon = authority.firstIndex(of: UInt8(ascii: ":")) ?? authority.endIndex
            host = Array(authority[..<colon])
            rest = authority[colon...]
            let allowed = { (b: UInt8) in isHexDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") }
            guard !host.isEmpty, host.allSatisfy(allowed) else {
                throw .badURL("'\(text)': the host must be a name, an IPv4 address or a bracketed IPv6 address")
            }
        }
        return (String(decoding: host, as: UTF8.self).lowercased(), rest.isEmpty ? nil : Array(rest.dropFirst()))
    }

    private static func isHexDigit(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66)
    }
}
