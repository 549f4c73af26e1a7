import CLibXML2
import Glibc
import SwiftWrapCore

/// One attribute of a start tag, already decoded (entities replaced). `code` is the handler's
/// number for the attribute name (see `XMLStreamHandler.attributeCode`).
struct XMLAttribute {
    let code: Int
    let value: String
}

/// Receives the elements of a streamed document. Names are interned per parse.
protocol XMLStreamHandler: AnyObject {
    /// A number for each attribute name worth decoding; nil skips it (a large share of the bytes).
    func attributeCode(_ name: String) -> Int?
    func startElement(_ name: String, attributes: [XMLAttribute], line: Int) throws(CastXMLError)
    func endElement(_ name: String)
}

/// Streams an XML file through libxml2's SAX2 push parser with entity substitution
/// (`XML_PARSE_NOENT`), so `&amp;` arrives as `&` (plain SAX2 would hand over `&#38;`).
/// Only one element's attributes are in memory at a time. The only file that imports CLibXML2.
final class XMLStream {
    private let path: String
    private unowned let handler: any XMLStreamHandler
    private var parser: xmlParserCtxtPtr?
    private var failure: CastXMLError?
    private var names: [UnsafeRawPointer: String] = [:]
    /// Attribute names are interned by libxml2's dictionary, so a pointer identifies a name.
    /// A small direct-mapped table from pointer to code avoids hashing on every attribute.
    private var codeKeys = [UnsafeRawPointer?](repeating: nil, count: 512)
    private var codeValues = [Int](repeating: -1, count: 512)

    init(path: String, handler: any XMLStreamHandler) {
        self.path = path
        self.handler = handler
    }

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

    fileprivate func name(_ pointer: UnsafePointer<xmlChar>) -> String {
        let key = UnsafeRawPointer(pointer)
        if let known = names[key] { return known }
        let text = String(cString: pointer)
        names[key] = text
        return text
    }

    fileprivate func start(_ localName: UnsafePointer<xmlChar>, _ count: Int,
                           _ raw: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if failure != nil { return }
        let elementName = name(localName)
        var attributes: [XMLAttribute] = []
        if let raw, count > 0 {
            attributes.reserveCapacity(count)
            for index in 0..<count {
                guard let attributeName = raw[5 * index], let begin = raw[5 * index + 3], let end = raw[5 * index + 4] else { continue }
                guard let code = code(for: attributeName) else { continue }
                let length = end - begin
                let value = String(decoding: UnsafeBufferPointer(start: begin, count: length), as: UTF8.self)
                attributes.append(XMLAttribute(code: code, value: value))
            }
        }
        let line = parser.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0
        do { try handler.startElement(elementName, attributes: attributes, line: line) } catch {
            failure = error
            if let parser { xmlStopParser(parser) }
        }
    }

    private func code(for pointer: UnsafePointer<xmlChar>) -> Int? {
        let key = UnsafeRawPointer(pointer)
        var slot = (Int(bitPattern: key) >> 3) & 511
        while let occupant = codeKeys[slot] {
            if occupant == key { return codeValues[slot] < 0 ? nil : codeValues[slot] }
            slot = (slot + 1) & 511
        }
        let code = handler.attributeCode(name(pointer))
        if codeKeys.lazy.filter({ $0 != nil }).count < 400 {
            codeKeys[slot] = key
            codeValues[slot] = code ?? -1
        }
        return code
    }

    fileprivate func end(_ localName: UnsafePointer<xmlChar>) {
        if failure != nil { return }
        handler.endElement(name(localName))
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
