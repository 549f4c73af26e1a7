import CLibXML2
import Glibc
import SwiftWrapCore

/// A direct-mapped table from libxml2's interned name pointers to numbers: no hashing per event.
private struct PointerCodes {
    private var keys = [UnsafeRawPointer?](repeating: nil, count: 1024)
    private var values = [Int](repeating: -1, count: 1024)
    private var used = 0

    @inline(__always)
    mutating func code(_ pointer: UnsafePointer<UInt8>, _ make: (String) -> Int) -> Int {
        let key = UnsafeRawPointer(pointer)
        var slot = (Int(bitPattern: key) >> 3) & 1023
        while let occupant = keys[slot] {
            if occupant == key { return values[slot] }
            slot = (slot + 1) & 1023
        }
        let code = make(String(cString: pointer))
        if used < 800 {
            keys[slot] = key
            values[slot] = code
            used += 1
        }
        return code
    }
}

/// Streams an XML file through libxml2's SAX2 push parser with entity substitution
/// (`XML_PARSE_NOENT`), so `&amp;` arrives as `&` (plain SAX2 would hand over `&#38;`).
/// Only one element's attributes are in memory at a time. The only file that imports CLibXML2.
final class XMLStream {
    private let path: String
    private unowned let handler: any XMLStreamHandler
    private var parser: xmlParserCtxtPtr?
    private var failure: CastXMLError?
    /// Names are interned by libxml2's dictionary, so a pointer identifies a name.
    private var attributeCodes = PointerCodes()
    private var elementCodes = PointerCodes()
    /// The wanted attributes of the current start tag.
    private var slots = XMLSlotBuffer()

    init(path: String, handler: any XMLStreamHandler) {
        self.path = path
        self.handler = handler
    }

    deinit { slots.free() }

    /// Parses the whole file. Throws for a missing or unreadable file and for malformed or truncated XML.
    func run() throws(CastXMLError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CastXMLError(path: path, message: "cannot open CastXML output: \(Errno.current)")
        }
        defer { close(fd) }
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(truncatingIfNeeded: XML_SAX2_MAGIC)
        sax.startElementNs = xmlStreamStart
        sax.endElementNs = xmlStreamEnd
        sax.serror = xmlStreamError
        sax.entityDecl = xmlStreamEntityDeclaration
        let me = Unmanaged.passUnretained(self).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&sax, me, nil, 0, path) else {
            throw CastXMLError(path: path, message: "libxml2 could not create a parser")
        }
        parser = context
        defer { xmlFreeParserCtxt(context); parser = nil }
        let options = Int32(XML_PARSE_NOENT.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue)
        xmlCtxtUseOptions(context, options)

        let chunkSize = 1 << 18
        var buffer = [CChar](repeating: 0, count: chunkSize)
        var sawBytes = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CastXMLError(path: path, message: "cannot read CastXML output: \(Errno.current)")
            }
            if count > 0 { sawBytes = true }
            if count == 0 && !sawBytes {
                throw CastXMLError(path: path, message: "the file is empty (0 bytes), not CastXML output; rerun castxml")
            }
            let status = buffer.withUnsafeBufferPointer { xmlParseChunk(context, $0.baseAddress!, Int32(count), count == 0 ? 1 : 0) }
            if let failure { throw failure }
            if status != 0 { throw parseError(context) }
            if count == 0 { break }
        }
        if context.pointee.wellFormed == 0 { throw parseError(context) }
    }

    private func parseError(_ context: xmlParserCtxtPtr) -> CastXMLError {
        if let error = xmlCtxtGetLastError(context) {
            let text = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
            var message = text.hasSuffix("\n") ? String(text.dropLast()) : text
            message = "malformed XML (\(message)); the file may be truncated: rerun castxml"
            return CastXMLError(path: path, line: Int(error.pointee.line), column: Int(error.pointee.int2), message: message)
        }
        return CastXMLError(path: path, message: "malformed XML; rerun castxml")
    }

    /// CastXML never writes a DTD. An entity declaration is refused before anything expands it:
    /// that is how an entity-expansion bomb makes a small file exhaust memory or time.
    fileprivate func entityDeclared(_ name: String) {
        if failure != nil { return }
        let line = parser.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) }
        failure = CastXMLError(path: path, line: line, message: "the file declares the XML entity '\(name)', over wrapgen's entity expansion limit (zero: castxml output declares no entities, and nested ones, an entity-expansion bomb, would exhaust memory); rerun castxml")
        if let parser { xmlStopParser(parser) }
    }

    fileprivate func start(_ localName: UnsafePointer<xmlChar>, _ count: Int,
                           _ raw: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if failure != nil { return }
        let element = elementCodes.code(localName) { handler.elementCode($0) }
        slots.reserve(count)
        var wanted = 0
        if let raw {
            for index in 0..<count {
                guard let name = raw[5 * index], let begin = raw[5 * index + 3], let end = raw[5 * index + 4] else { continue }
                let code = attributeCodes.code(name) { handler.attributeCode($0) ?? -1 }
                if code < 0 { continue }
                slots.pointer[wanted] = XMLAttributeSlot(code: code, begin: begin, count: begin.distance(to: end))
                wanted += 1
            }
        }
        let attributes = XMLAttributes(slots: slots.pointer, count: wanted)
        let line = parser.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0
        do { try handler.startElement(element, attributes: attributes, line: line) } catch {
            failure = error
            if let parser { xmlStopParser(parser) }
        }
    }

    fileprivate func end(_ localName: UnsafePointer<xmlChar>) {
        if failure != nil { return }
        handler.endElement(elementCodes.code(localName) { handler.elementCode($0) })
    }
}

private func xmlStreamStart(_ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?,
                            _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
                            _ namespaceCount: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                            _ attributeCount: Int32, _ defaultedCount: Int32,
                            _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
    guard let context, let localName else { return }
    Unmanaged<XMLStream>.fromOpaque(context).takeUnretainedValue().start(localName, Int(attributeCount), attributes)
}

private func xmlStreamEnd(_ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?,
                          _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
    guard let context, let localName else { return }
    Unmanaged<XMLStream>.fromOpaque(context).takeUnretainedValue().end(localName)
}

private func xmlStreamEntityDeclaration(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ type: Int32,
                                        _ publicID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?,
                                        _ content: UnsafeMutablePointer<xmlChar>?) {
    guard let context else { return }
    let text = name.map { String(cString: $0) } ?? "?"
    Unmanaged<XMLStream>.fromOpaque(context).takeUnretainedValue().entityDeclared(text)
}

/// Errors are read back from the parser context; this keeps libxml2 from printing them.
private func xmlStreamError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {}
