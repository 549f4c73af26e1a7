import CCurlShim
import Glibc
import SwiftWrapCore

/// libcurl, loaded with dlopen() at the first request that needs it (never at start-up, never on a
/// local hit): `libcurl.so.4` (Debian's libcurl4), else `libcurl-gnutls.so.4` (libcurl3-gnutls).
enum CurlLibrary {
    static let candidates = ["libcurl.so.4", "libcurl-gnutls.so.4"]

    /// Loads the first candidate that loads; the outcome is kept for the life of the process.
    static func load() throws(RemoteTransportError) {
        try loaded.get()
    }

    private static let loaded = Result { () throws(RemoteTransportError) in try load(candidates) }

    /// Tries `names` in order (internal: tests name a library that does not exist).
    static func load(_ names: [String]) throws(RemoteTransportError) {
        var reasons: [String] = []
        for name in names {
            var error = [CChar](repeating: 0, count: 512)
            if swc_curl_load(name, &error, error.count) == 0 { return }
            reasons.append(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        throw .unavailable("libcurl cannot be loaded (\(reasons.joined(separator: "; "))); install libcurl4 (Debian: apt-get install libcurl4) for https:// and proxied remote caches")
    }
}

/// The libcurl client: `https://` (with the CA-file setting), and `http://` when a proxy variable
/// applies (libcurl reads http_proxy, https_proxy/HTTPS_PROXY, all_proxy and no_proxy itself). One easy
/// handle per transport, so its connection is kept alive between requests.
final class CurlTransport: RemoteTransport, @unchecked Sendable {
    let url: HTTPURL
    let endpoint: RemoteEndpoint
    private let lock = TransportLock()
    private var client: OpaquePointer?   // guarded by `lock`

    init(url: HTTPURL, endpoint: RemoteEndpoint) {
        self.url = url
        self.endpoint = endpoint
    }

    deinit { swc_curl_client_free(client) }

    func get(_ path: String) throws(RemoteTransportError) -> RemoteResponse {
        try perform(path: path, body: nil)
    }

    func put(_ path: String, body: [UInt8]) throws(RemoteTransportError) -> Int {
        try perform(path: path, body: body).status
    }

    private func handle() throws(RemoteTransportError) -> OpaquePointer {
        if let client { return client }
        try CurlLibrary.load()
        guard let made = swc_curl_client_new() else { throw .unavailable("libcurl could not make a handle") }
        client = made
        return made
    }

    private func perform(path: String, body: [UInt8]?) throws(RemoteTransportError) -> RemoteResponse {
        try lock.locked { () throws(RemoteTransportError) -> RemoteResponse in
            let client = try handle()
            var response = swc_curl_response()
            let fullURL = url.url(path)
            let bytes = body ?? []
            bytes.withUnsafeBufferPointer { data in
                withOptionalCString(endpoint.token) { token in
                    withOptionalCString(endpoint.caFile) { caFile in
                        fullURL.withCString { cURL in
                            var request = swc_curl_request(
                                url: cURL, bearer_token: token, ca_file: caFile, body: data.baseAddress,
                                body_size: data.count, is_put: body == nil ? 0 : 1,
                                connect_timeout_ms: endpoint.connectTimeoutMilliseconds,
                                total_timeout_ms: endpoint.connectTimeoutMilliseconds + endpoint.transferTimeoutMilliseconds,
                                max_body_size: endpoint.maxResponseBytes)
                            swc_curl_perform(client, &request, &response)
                        }
                    }
                }
            }
            defer { swc_curl_free(response.body) }
            guard response.curl_code == 0 else { throw error(response) }
            let received = response.body.map { Array(UnsafeBufferPointer(start: $0, count: response.body_size)) } ?? []
            return RemoteResponse(status: response.status, body: received)
        }
    }

    private func error(_ response: swc_curl_response) -> RemoteTransportError {
        let message = withUnsafeBytes(of: response.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let text = "\(url.hostHeader): \(message) (libcurl error \(response.curl_code))"
        if response.body_too_large != 0 || response.curl_code == 63 {
            return .malformedResponse("\(url.hostHeader): the body is larger than the limit of \(endpoint.maxResponseBytes) bytes")
        }
        switch response.curl_code {
        case 3: return .badURL(text)          // e.g. a proxy variable libcurl cannot parse
        case 28: return .timeout(text)
        case 1, 8, 16, 18, 23, 52, 55, 56, 61, 92: return .malformedResponse(text) // 1: e.g. an HTTP/0.9 answer
        default: return .connect(text)   // resolving, connecting, TLS handshake and certificate checks
        }
    }
}

private func withOptionalCString<R>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let text else { return body(nil) }
    return text.withCString { body($0) }
}
