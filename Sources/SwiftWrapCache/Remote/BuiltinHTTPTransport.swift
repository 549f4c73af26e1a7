import Glibc
import SwiftWrapCore

/// A pthread mutex for the transports' little shared state (an idle connection, a libcurl handle).
final class TransportLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// The built-in HTTP/1.1 client for plain `http://` (no proxy): POSIX sockets, a connect timeout, one
/// deadline for the rest of each request, Content-Length / chunked / close-delimited bodies, and one
/// kept-alive connection reused by the next request of the same process. Opens nothing until the
/// first request.
final class BuiltinHTTPTransport: RemoteTransport, @unchecked Sendable {
    let url: HTTPURL
    let endpoint: RemoteEndpoint
    private let lock = TransportLock()
    private var idle: HTTPSocket?   // guarded by `lock`

    init(url: HTTPURL, endpoint: RemoteEndpoint) {
        self.url = url
        self.endpoint = endpoint
    }

    func get(_ path: String) throws(RemoteTransportError) -> RemoteResponse {
        try perform(method: "GET", path: path, body: nil)
    }

    func put(_ path: String, body: [UInt8]) throws(RemoteTransportError) -> Int {
        try perform(method: "PUT", path: path, body: body).status
    }

    /// The request head: request line, Host, User-Agent, the token, Content-Length for a body.
    func requestHead(method: String, path: String, bodySize: Int?) -> [UInt8] {
        var head = "\(method) \(url.target(path)) HTTP/1.1\r\nHost: \(url.hostHeader)\r\nUser-Agent: castxml-cache\r\n"
        if let token = endpoint.token { head += "Authorization: Bearer \(token)\r\n" }
        if let bodySize { head += "Content-Length: \(bodySize)\r\n" }
        head += "\r\n"
        return Array(head.utf8)
    }

    private func perform(method: String, path: String, body: [UInt8]?) throws(RemoteTransportError) -> RemoteResponse {
        var message = requestHead(method: method, path: path, bodySize: body?.count)
        if let body, body.count <= 64 * 1024 { message += body }
        let separateBody = (body?.count ?? 0) > 64 * 1024 ? body : nil
        var reused: HTTPSocket? = lock.locked { () -> HTTPSocket? in
            defer { idle = nil }
            return idle
        }
        if let candidate = reused, candidate.isReadableNow { reused = nil }
        while true {
            let sock: HTTPSocket
            if let reused { sock = reused } else {
                sock = try HTTPSocket.connect(host: url.host, port: url.port,
                                              deadline: .after(milliseconds: endpoint.connectTimeoutMilliseconds),
                                              timeoutMilliseconds: endpoint.connectTimeoutMilliseconds)
            }
            var parser = HTTPResponseParser(maxBodyBytes: endpoint.maxResponseBytes)
            do {
                try exchange(sock, message, separateBody, &parser)
            } catch {
                // A kept-alive connection the server closed before answering: once more on a new one.
                if reused != nil, !parser.receivedAnything, error.isNotTimeout {
                    reused = nil
                    continue
                }
                throw error
            }
            if parser.keepAlive { lock.locked { idle = sock } }
            return RemoteResponse(status: parser.status, body: parser.body)
        }
    }

    private func exchange(_ sock: HTTPSocket, _ message: [UInt8], _ body: [UInt8]?,
                          _ parser: inout HTTPResponseParser) throws(RemoteTransportError) {
        let limit = endpoint.transferTimeoutMilliseconds
        let deadline = Deadline.after(milliseconds: limit)
        for part in [message, body ?? []] where !part.isEmpty {
            try part.withUnsafeBytes { raw in
                Result { () throws(RemoteTransportError) in try sock.send(raw, deadline: deadline, timeoutMilliseconds: limit) }
            }.get()
        }
        try sock.receive(into: &parser, deadline: deadline, timeoutMilliseconds: limit)
    }
}

extension RemoteTransportError {
    var isNotTimeout: Bool {
        if case .timeout = self { return false }
        return true
    }
}
