import SwiftWrapCore

/// Where the shared remote cache lives and how to reach it (issue 14). Built from the settings
/// (`SWIFTWRAP_CACHE_REMOTE`, `…_TOKEN`/`…_TOKEN_FILE`, the CA file, timeouts); never printed with
/// its token.
public struct RemoteEndpoint: Sendable, Equatable {
    /// `http://host[:port][/prefix]` or `https://…`, without a trailing slash and without user information.
    public var baseURL: String
    /// Bearer token sent as `Authorization: Bearer <token>` (nil: none). Never logged.
    public var token: String?
    /// A PEM file of CA certificates for `https://` (nil: the system's).
    public var caFile: String?
    /// Time allowed to establish a connection, and for a whole request after it, in milliseconds.
    public var connectTimeoutMilliseconds: Int
    public var transferTimeoutMilliseconds: Int
    /// Longest response body accepted (a larger one is `.malformedResponse`): a server cannot make
    /// the cache hold more than this in memory.
    public var maxResponseBytes: Int

    public init(baseURL: String, token: String? = nil, caFile: String? = nil,
                connectTimeoutMilliseconds: Int = 500, transferTimeoutMilliseconds: Int = 2000,
                maxResponseBytes: Int = 512 << 20) {
        self.baseURL = baseURL
        self.token = token
        self.caFile = caFile
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.transferTimeoutMilliseconds = transferTimeoutMilliseconds
        self.maxResponseBytes = maxResponseBytes
    }
}

/// One HTTP answer: the status and the whole body (bodies are cache entries and objects: small enough
/// to hold in memory).
public struct RemoteResponse: Sendable, Equatable {
    public var status: Int
    public var body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// Why a request got no HTTP answer. Any of these means "the server is unusable right now": the
/// caller counts a remote error and goes on without the remote (it never fails a build).
public enum RemoteTransportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The URL cannot be used (bad scheme, user information, unparsable host or port).
    case badURL(String)
    /// No connection (refused, unreachable, name not resolved).
    case connect(String)
    /// Connecting or the transfer took longer than allowed.
    case timeout(String)
    /// The server's answer is not valid HTTP/1.x, or was cut short.
    case malformedResponse(String)
    /// No client for this URL on this machine (e.g. `https://` without libcurl).
    case unavailable(String)

    public var description: String {
        switch self {
        case .badURL(let s): return "bad remote cache URL: \(s)"
        case .connect(let s): return "cannot connect to the remote cache: \(s)"
        case .timeout(let s): return "the remote cache did not answer in time: \(s)"
        case .malformedResponse(let s): return "malformed answer from the remote cache: \(s)"
        case .unavailable(let s): return "remote cache unavailable: \(s)"
        }
    }
}

/// GET and PUT of whole bodies under one base URL: all the remote cache asks of a server (nginx with
/// WebDAV PUT, bazel-remote, ccache-style HTTP caches). `path` is relative to the base URL, without a
/// leading slash (e.g. `v1/ac/<hex>`). A 404 is an answer (status 404), not an error.
public protocol RemoteTransport: Sendable {
    func get(_ path: String) throws(RemoteTransportError) -> RemoteResponse
    /// Returns the status (2xx: stored).
    func put(_ path: String, body: [UInt8]) throws(RemoteTransportError) -> Int
}

/// Chooses the client for an endpoint: the built-in HTTP/1.1 client for plain `http://`, libcurl for
/// `https://` and for `http://` behind a proxy (RemoteClientChoice.swift). Checks the URL and the token
/// and opens nothing: the first request connects, and loads libcurl (dlopen) if it is the client;
/// a missing libcurl is `.unavailable` from that request.
public enum RemoteTransports {
    public static func make(_ endpoint: RemoteEndpoint, client: RemoteClientKind = .automatic)
        throws(RemoteTransportError) -> any RemoteTransport {
        try RemoteClientChoice.make(endpoint, client: client)
    }
}

/// Which HTTP client serves an endpoint: `.automatic` (the rule above) unless a test or a
/// measurement asks for one (`.builtin` refuses `https://`).
public enum RemoteClientKind: Sendable {
    case automatic, builtin, libcurl
}
