/// Reads one HTTP/1.x response from the bytes of a connection, as they arrive: status line and
/// headers, then a body framed by `Transfer-Encoding: chunked`, `Content-Length`, or the end of the
/// connection. Interim 1xx answers are skipped. Bodies beyond `maxBodyBytes` and heads beyond
/// `maxHeadBytes` are errors, so a hostile server cannot make the cache hold more than it allows.
struct HTTPResponseParser {
    private enum State: Equatable {
        case head
        case fixed(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
        case done
    }

    let maxBodyBytes: Int
    let maxHeadBytes: Int
    /// The request was HEAD (no body follows whatever the headers say).
    let headRequest: Bool

    private(set) var status = 0
    private(set) var body: [UInt8] = []
    /// Whether the connection can carry the next request once this response is complete.
    private(set) var keepAlive = true
    /// Whether any byte arrived (a reused connection closed before answering is retried).
    private(set) var receivedAnything = false
    private var state = State.head
    private var pending: [UInt8] = []   // an unfinished head or chunk line

    init(maxBodyBytes: Int, maxHeadBytes: Int = 64 * 1024, headRequest: Bool = false) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeadBytes = maxHeadBytes
        self.headRequest = headRequest
    }

    var isComplete: Bool { state == .done }

    /// Takes the next received bytes; returns true once the response is complete. Bytes after the end
    /// of the response are an error (a server may not answer what was not asked).
    mutating func feed(_ input: UnsafeRawBufferPointer) throws(RemoteTransportError) -> Bool {
        if !input.isEmpty { receivedAnything = true }
        var i = 0
        while i < input.count {
            switch state {
            case .head:
                i = try consumeHead(input, from: i)
            case .fixed(let remaining):
                let n = min(remaining, input.count - i)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[i..<(i + n)]))
                i += n
                state = remaining == n ? .done : .fixed(remaining: remaining - n)
            case .chunkData(let remaining):
                let n = min(remaining, input.count - i)
                try append(UnsafeRawBufferPointer(rebasing: input[i..<(i + n)]))
                i += n
                state = remaining == n ? .chunkDataEnd : .chunkData(remaining: remaining - n)
            case .chunkSize, .chunkDataEnd, .trailers:
                guard let line = try takeLine(input, &i) else { continue }
                try chunkLine(line)
            case .untilClose:
                try append(UnsafeRawBufferPointer(rebasing: input[i...]))
                i = input.count
            case .done:
                throw .malformedResponse("\(input.count - i) bytes after the end of the response")
            }
        }
        return state == .done
    }

    mutating func feed(_ bytes: [UInt8]) throws(RemoteTransportError) -> Bool {
        var copy = self
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(RemoteTransportError) -> Bool in try copy.feed(raw) }
        }
        self = copy
        return try result.get()
    }

    /// The server closed the connection: completes a body that runs to the end of the connection,
    /// anything else is a response cut short.
    mutating func finish() throws(RemoteTransportError) {
        switch state {
        case .done:
            return
        case .untilClose:
            state = .done
        case .head:
            throw .malformedResponse(receivedAnything ? "connection closed in the middle of the response headers"
                                                      : "connection closed without an answer")
        case .fixed(let remaining):
            throw .malformedResponse("connection closed after \(body.count) of \(body.count + remaining) body bytes")
        case .chunkSize, .chunkData, .chunkDataEnd, .trailers:
            throw .malformedResponse("connection closed in the middle of a chunked body (after \(body.count) bytes)")
        }
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) throws(RemoteTransportError) {
        guard bytes.count <= maxBodyBytes - body.count else {
            throw .malformedResponse("the body is larger than the limit of \(maxBodyBytes) bytes")
        }
        body.append(contentsOf: bytes)
    }

    /// Collects head bytes until the empty line; returns where the body starts in `input`.
    private mutating func consumeHead(_ input: UnsafeRawBufferPointer, from start: Int) throws(RemoteTransportError) -> Int {
        var i = start
        while i < input.count {
            let byte = input[i]
            pending.append(byte)
            i += 1
            guard byte == 0x0A else { continue }
            if pending.count >= 2, pending[pending.count - 2] == 0x0A
                || (pending.count >= 3 && pending[pending.count - 2] == 0x0D && pending[pending.count - 3] == 0x0A) {
                let head = pending
                pending = []
                try parseHead(head)
                return i
            }
            if pending.count == 1 || (pending.count == 2 && pending[0] == 0x0D) { pending = [] } // stray empty line
        }
        guard pending.count <= maxHeadBytes else {
            throw .malformedResponse("the response headers are longer than \(maxHeadBytes) bytes")
        }
        return i
    }

    private mutating func parseHead(_ head: [UInt8]) throws(RemoteTransportError) {
        guard head.count <= maxHeadBytes else {
            throw .malformedResponse("the response headers are longer than \(maxHeadBytes) bytes")
        }
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let statusLine = lines.first else { throw .malformedResponse("empty response head") }
        let (version, status) = try parseStatusLine(Array(statusLine))
        var fields = HTTPHeaderFields()
        for line in lines.dropFirst() { try fields.add(Array(line)) }
        if (100..<200).contains(status) {
            guard status != 101 else { throw .malformedResponse("unexpected protocol switch (101)") }
            return // interim answer: the real one follows
        }
        self.status = status
        keepAlive = version == 1 ? !fields.hasToken("connection", "close") : fields.hasToken("connection", "keep-alive")
        if headRequest || status == 204 || status == 304 {
            state = .done
        } else if let codings = fields.values("transfer-encoding") {
            let last = codings.split(separator: ",").last.map { trim(Array($0.utf8)) } ?? ""
            if last == "chunked" {
                state = .chunkSize
            } else {
                state = .untilClose
                keepAlive = false
            }
            if fields.values("content-length") != nil { keepAlive = false } // conflicting framing: no reuse
        } else if let length = try fields.contentLength() {
            guard length <= maxBodyBytes else {
                throw .malformedResponse("the body (\(length) bytes) is larger than the limit of \(maxBodyBytes) bytes")
            }
            body.reserveCapacity(length)
            state = length == 0 ? .done : .fixed(remaining: length)
        } else {
            state = .untilClose
            keepAlive = false
        }
    }

    /// ("HTTP/1.x", status): x is 0 or 1; the status has three digits.
    private func parseStatusLine(_ line: [UInt8]) throws(RemoteTransportError) -> (Int, Int) {
        let text = String(decoding: line.prefix(80), as: UTF8.self)
        let prefix = Array("HTTP/1.".utf8)
        guard line.count >= 12, line.starts(with: prefix), line[7] == 0x30 || line[7] == 0x31, line[8] == 0x20,
              line[9...11].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), line.count == 12 || line[12] == 0x20 else {
            throw .malformedResponse("not an HTTP/1.x status line: '\(text)'")
        }
        let status = line[9...11].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard (100...599).contains(status) else { throw .malformedResponse("status \(status) out of range") }
        return (Int(line[7] - 0x30), status)
    }

    /// Takes bytes up to a line feed into `pending`; returns the line without CR LF once complete.
    private mutating func takeLine(_ input: UnsafeRawBufferPointer, _ i: inout Int) throws(RemoteTransportError) -> [UInt8]? {
        while i < input.count {
            let byte = input[i]
            i += 1
            if byte == 0x0A {
                var line = pending
                pending = []
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            pending.append(byte)
            guard pending.count <= 4096 else { throw .malformedResponse("a chunk-size or trailer line is too long") }
        }
        return nil
    }

    private mutating func chunkLine(_ line: [UInt8]) throws(RemoteTransportError) {
        switch state {
        case .chunkDataEnd:
            guard line.isEmpty else { throw .malformedResponse("chunk data not followed by CRLF") }
            state = .chunkSize
        case .trailers:
            if line.isEmpty { state = .done }
        default:
            let digits = trim(Array(line.prefix { $0 != UInt8(ascii: ";") }))
            guard !digits.isEmpty, digits.count <= 15 else {
                throw .malformedResponse("bad chunk size '\(String(decoding: line.prefix(40), as: UTF8.self))'")
            }
            var size = 0
            for d in digits.utf8 {
                guard let v = hexValue(d) else {
                    throw .malformedResponse("bad chunk size '\(String(decoding: line.prefix(40), as: UTF8.self))'")
                }
                size = size * 16 + v
            }
            guard size <= maxBodyBytes - body.count else {
                throw .malformedResponse("the body is larger than the limit of \(maxBodyBytes) bytes")
            }
            state = size == 0 ? .trailers : .chunkData(remaining: size)
        }
    }

    private func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case 0x30...0x39: return Int(b - 0x30)
        case 0x41...0x46: return Int(b - 0x41 + 10)
        case 0x61...0x66: return Int(b - 0x61 + 10)
        default: return nil
        }
    }
}

/// Lower-cased text without surrounding spaces and tabs.
func trim(_ bytes: [UInt8]) -> String {
    var slice = bytes[...]
    while let f = slice.first, f == 0x20 || f == 0x09 { slice.removeFirst() }
    while let l = slice.last, l == 0x20 || l == 0x09 { slice.removeLast() }
    return String(decoding: slice, as: UTF8.self).lowercased()
}

/// The header fields the client looks at, by lower-cased name (repeated fields joined with ",").
struct HTTPHeaderFields {
    private var fields: [String: String] = [:]

    mutating func add(_ line: [UInt8]) throws(RemoteTransportError) {
        let shown = String(decoding: line.prefix(80), as: UTF8.self)
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
              line[..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .malformedResponse("bad header line '\(shown)'")
        }
        let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
        let value = trim(Array(line[(colon + 1)...]))
        fields[name] = fields[name].map { $0 + "," + value } ?? value
    }

    func values(_ name: String) -> String? { fields[name] }

    func hasToken(_ name: String, _ token: String) -> Bool {
        guard let value = fields[name] else { return false }
        return value.split(separator: ",").contains { trim(Array($0.utf8)) == token }
    }

    /// Content-Length; repeated values must agree.
    func contentLength() throws(RemoteTransportError) -> Int? {
        guard let value = fields["content-length"] else { return nil }
        var length: Int?
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            let digits = trim(Array(part.utf8))
            guard !digits.isEmpty, digits.count <= 15, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let n = Int(digits), length == nil || length == n else {
                throw .malformedResponse("bad Content-Length '\(value.prefix(60))'")
            }
            length = n
        }
        return length
    }
}
