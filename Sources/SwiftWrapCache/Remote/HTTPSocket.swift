import Glibc
import SwiftWrapCore

/// A point on the monotonic clock by which something must be done.
struct Deadline {
    let milliseconds: Int

    static func now() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }

    static func after(milliseconds: Int) -> Deadline { Deadline(milliseconds: now() + max(0, milliseconds)) }

    /// What is left, for poll(): at least 0.
    var remaining: Int32 { Int32(clamping: max(0, milliseconds - Deadline.now())) }
}

/// One TCP connection in non-blocking mode; every wait is a poll() bounded by a deadline.
final class HTTPSocket {
    let fd: Int32
    let peer: String   // "host:port", for messages

    private init(fd: Int32, peer: String) {
        self.fd = fd
        self.peer = peer
    }

    deinit { close(fd) }

    /// Resolves `host` (getaddrinfo: names, IPv4 and IPv6 literals) and connects to the first address
    /// that accepts before `deadline`. Name resolution itself is not bounded by the deadline (it is
    /// the C library's); literal addresses and /etc/hosts names resolve without a network round trip.
    static func connect(host: String, port: Int, deadline: Deadline, timeoutMilliseconds: Int) throws(RemoteTransportError) -> HTTPSocket {
        let peer = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw .connect("cannot resolve '\(host)': \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(first) }
        var failure = "no address"
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
            let fd = socket(info.pointee.ai_family, type, 0)
            guard fd >= 0 else { failure = Errno.current.description; continue }
            let sock = HTTPSocket(fd: fd, peer: peer)
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 {
                guard errno == EINPROGRESS else { failure = Errno.current.description; continue }
                guard try sock.wait(for: Int16(POLLOUT), until: deadline) else {
                    throw .timeout("connecting to \(peer) took longer than \(timeoutMilliseconds) ms")
                }
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
                guard error == 0 else { failure = Errno(error).description; continue }
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            return sock
        }
        throw .connect("\(peer): \(failure)")
    }

    /// Waits until the socket is ready for `events`; false when the deadline passed first.
    func wait(for events: Int16, until deadline: Deadline) throws(RemoteTransportError) -> Bool {
        while true {
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let n = poll(&entry, 1, deadline.remaining)
            if n > 0 { return true }
            if n == 0 { return false }
            guard errno == EINTR else { throw .connect("poll on \(peer): \(Errno.current)") }
        }
    }

    /// Whether an idle kept-alive connection has something to read (the server closed it, or sent
    /// what nobody asked for): either way it cannot carry the next request.
    var isReadableNow: Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) != 0
    }

    func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline, timeoutMilliseconds: Int) throws(RemoteTransportError) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if n > 0 { offset += n; continue }
            guard n < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
                throw .malformedResponse("sending to \(peer) failed: \(Errno.current)")
            }
            guard try wait(for: Int16(POLLOUT), until: deadline) else {
                throw .timeout("\(peer) did not take the request within \(timeoutMilliseconds) ms")
            }
        }
    }

    /// Reads into `parser` until the response is complete or the connection ends.
    func receive(into parser: inout HTTPResponseParser, deadline: Deadline, timeoutMilliseconds: Int) throws(RemoteTransportError) {
        let capacity = 64 * 1024   // below malloc's mmap threshold: no mmap/munmap per request
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = recv(fd, buffer.baseAddress, capacity, 0)
            if n > 0 {
                if try parser.feed(UnsafeRawBufferPointer(rebasing: buffer[..<n])) { return }
                continue
            }
            if n == 0 {
                try parser.finish()
                return
            }
            if errno == EINTR { continue }
            guard errno == EAGAIN || errno == EWOULDBLOCK else {
                if !parser.receivedAnything { throw .malformedResponse("\(peer) closed the connection: \(Errno.current)") }
                throw .malformedResponse("receiving from \(peer) failed: \(Errno.current)")
            }
            guard try wait(for: Int16(POLLIN), until: deadline) else {
                throw .timeout("no complete answer from \(peer) within \(timeoutMilliseconds) ms")
            }
        }
    }
}
