import Testing
@testable import SwiftWrapCache

/// Response framing of the built-in HTTP/1.1 client: Content-Length, chunked, close-delimited,
/// interim answers, and everything a broken or hostile server can send (issue 14).
@Suite struct HTTPResponseParserTests {
    /// Parses `text` fed in pieces of `piece` bytes, then the end of the connection if `close`.
    private func parse(_ text: String, piece: Int = 1 << 20, close: Bool = true, limit: Int = 1 << 20)
        throws(RemoteTransportError) -> HTTPResponseParser {
        var parser = HTTPResponseParser(maxBodyBytes: limit)
        let bytes = Array(text.utf8)
        var start = 0
        var complete = false
        while start < bytes.count {
            let end = min(bytes.count, start + piece)
            complete = try parser.feed(Array(bytes[start..<end]))
            start = end
        }
        if close && !complete { try parser.finish() }
        return parser
    }

    private func malformed(_ text: String, limit: Int = 1 << 20) -> String? {
        do {
            _ = try parse(text, limit: limit)
            return nil
        } catch {
            guard case .malformedResponse(let message) = error else { return "wrong error \(error)" }
            return message
        }
    }

    @Test func contentLengthInAnyPieces() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Type: x\r\nContent-Length: 11\r\n\r\nhello world"
        for piece in [1, 2, 7, 1000] {
            let parser = try parse(text, piece: piece, close: false)
            #expect(parser.isComplete && parser.status == 200 && parser.body == Array("hello world".utf8))
            #expect(parser.keepAlive)
        }
        let notFound = try parse("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", close: false)
        #expect(notFound.isComplete && notFound.status == 404 && notFound.body.isEmpty)
        let bare = try parse("HTTP/1.1 201 Created\nContent-Length: 2\n\nok", close: false)
        #expect(bare.isComplete && bare.status == 201 && bare.body == Array("ok".utf8))
    }

    @Test func chunkedWithExtensionsAndTrailers() throws {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
            + "5;name=v\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n"
        for piece in [1, 3, 4096] {
            let parser = try parse(text, piece: piece, close: false)
            #expect(parser.isComplete && parser.body == Array("hello 0123456789".utf8) && parser.keepAlive)
        }
    }

    @Test func closeDelimitedAndConnectionHeaders() throws {
        let closed = try parse("HTTP/1.1 200 OK\r\n\r\nall of it")
        #expect(closed.isComplete && closed.body == Array("all of it".utf8) && !closed.keepAlive)
        let old = try parse("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx", close: false)
        #expect(old.isComplete && !old.keepAlive)
        let oldKeep = try parse("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\nx", close: false)
        #expect(oldKeep.keepAlive)
        let closing = try parse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", close: false)
        #expect(closing.isComplete && !closing.keepAlive)
        let noBody = try parse("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n", close: false)
        #expect(noBody.isComplete && noBody.body.isEmpty)
    }

    @Test func interimAnswersAreSkipped() throws {
        let parser = try parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", piece: 5, close: false)
        #expect(parser.isComplete && parser.status == 201)
        #expect(malformed("HTTP/1.1 101 Switching Protocols\r\n\r\n") != nil)
    }

    @Test func truncatedAnswers() {
        #expect(malformed("")?.contains("without an answer") == true)
        #expect(malformed("HTTP/1.1 200 OK\r\nContent-Le")?.contains("headers") == true)
        #expect(malformed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")?.contains("after 3 of 10 body bytes") == true)
        #expect(malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab")?.contains("chunked") == true)
        #expect(malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n") != nil)
        #expect(malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n") != nil)
    }

    @Test func garbage() {
        for text in ["garbage\r\n\r\n", "HTTP/2 200\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n",
                     "HTTP/1.1 099 Low\r\n\r\n", "HTTP/1.1 200OK\r\n\r\n", "SSH-2.0-OpenSSH_9.2\r\n\r\n",
                     "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "HTTP/1.1 200 OK\r\n: empty name\r\n\r\n",
                     "HTTP/1.1 200 OK\r\n folded: x\r\n\r\n",
                     "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n",
                     "HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nabc",
                     "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
                     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n",
                     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
                     "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxy"] {
            #expect(malformed(text) != nil, "accepted \(text.debugDescription)")
        }
        let repeated = try? parse("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", close: false)
        #expect(repeated?.body == Array("abc".utf8))
    }

    @Test func oversized() {
        #expect(malformed("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world", limit: 10)?.contains("limit") == true)
        #expect(malformed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", limit: 10) == nil)
        #expect(malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n012345\r\n5\r\n6789a\r\n0\r\n\r\n",
                          limit: 10)?.contains("limit") == true)
        #expect(malformed("HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "x", count: 11), limit: 10)?.contains("limit") == true)
        let hugeHead = "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Pad: 0123456789abcdef\r\n", count: 4000)
        #expect(malformed(hugeHead)?.contains("headers are longer") == true)
    }
}
