import SwiftWrapCore

/// Which client serves an endpoint (see docs/remote-cache.md, "HTTP client"): libcurl for `https://`
/// and for `http://` behind a proxy, the built-in client for plain `http://` (it answers a loopback
/// GET several times sooner than loading libcurl takes; measured in the issue-14 notes).
enum RemoteClientChoice {
    static func make(_ endpoint: RemoteEndpoint, client: RemoteClientKind = .automatic) throws(RemoteTransportError)
        -> any RemoteTransport {
        let url = try HTTPURL.parse(endpoint.baseURL)
        if let token = endpoint.token, token.isEmpty || !token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            throw .unavailable("the bearer token is empty or contains spaces, control or non-ASCII characters; fix SWIFTWRAP_CACHE_REMOTE_TOKEN or the token file")
        }
        switch client {
        case .libcurl:
            return CurlTransport(url: url, endpoint: endpoint)
        case .builtin:
            guard url.scheme == .http else { throw .unavailable("the built-in HTTP client speaks plain http:// only") }
            return BuiltinHTTPTransport(url: url, endpoint: endpoint)
        case .automatic:
            if url.scheme == .https || proxyApplies(to: url, environment: Environment.value) {
                return CurlTransport(url: url, endpoint: endpoint)
            }
            return BuiltinHTTPTransport(url: url, endpoint: endpoint)
        }
    }

    /// Whether libcurl would send a request for this plain-http URL through a proxy: `http_proxy`
    /// (lower case only, as libcurl), else `all_proxy`/`ALL_PROXY`, unless `no_proxy`/`NO_PROXY` names
    /// the host (`*`, the host, or a domain it is in). When in doubt (e.g. an address range in no_proxy)
    /// the answer is yes and libcurl decides.
    static func proxyApplies(to url: HTTPURL, environment: (String) -> String?) -> Bool {
        guard ["http_proxy", "all_proxy", "ALL_PROXY"].contains(where: { !(environment($0) ?? "").isEmpty }) else {
            return false
        }
        let noProxy = environment("no_proxy") ?? environment("NO_PROXY") ?? ""
        for entry in noProxy.split(separator: ",") {
            var name = trim(Array(entry.utf8))
            if name == "*" { return false }
            if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
            while name.hasPrefix(".") { name.removeFirst() }
            if name.isEmpty { continue }
            if url.host == name || (!url.isIPv6Literal && url.host.hasSuffix("." + name)) { return false }
        }
        return true
    }
}
