import SwiftWrapCore
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapGen

/// XMLFastScanner must give the documents (and the errors) libxml2 gives, falling back to libxml2
/// wherever a file leaves castxml's plain form.
@Suite struct XMLFastScannerTests {
    func dump(_ document: CastXMLDocument) -> [String] {
        var lines = ["format \(document.format)"]
        for number in 0..<document.nodes.count {
            lines.append("\(document.nodes.ids[number]) line \(document.nodes.line(number)): \(String(describing: document.nodes.nodes[number]))")
        }
        lines += document.files.sorted { $0.key < $1.key }.map { "file \($0.key) \($0.value)" }
        return lines
    }

    func outcome(_ path: String, libxml2Only: Bool) -> Result<[String], CastXMLError> {
        do { return .success(dump(try CastXMLReader.read(path, libxml2Only: libxml2Only))) } catch { return .failure(error) }
    }

    func expectSame(_ path: String) {
        let fast = outcome(path, libxml2Only: false)
        let slow = outcome(path, libxml2Only: true)
        #expect(fast == slow, "\(path)")
    }

    @Test func sameDocumentsAndErrorsAsLibxml2OnFixtures() throws {
        let root = repositoryRoot() + "/Tests/Fixtures/castxml/"
        for name in ["Points.xml", "ItkIndex.xml", "malformed/context-cycle.xml", "malformed/dangling-returns.xml",
                     "malformed/duplicate-id.xml", "malformed/empty.xml", "malformed/entity-bomb.xml", "malformed/self-base.xml"] {
            expectSame(root + name)
        }
        if case .success(let lines) = outcome(root + "ItkIndex.xml", libxml2Only: false) { #expect(lines.count > 100) } else { Issue.record("ItkIndex.xml not read") }
    }

    final class Counter: XMLStreamHandler {
        var starts = 0
        func attributeCode(_ name: String) -> Int? { name == "id" ? 0 : nil }
        func elementCode(_ name: String) -> Int { name.utf8.reduce(0) { $0 &* 31 &+ Int($1) } }
        func startElement(_ element: Int, attributes: XMLAttributes, line: Int) throws(CastXMLError) { starts += 1 }
        func endElement(_ element: Int) {}
    }

    /// castxml's own output is read by the scanner itself, not by the libxml2 fallback.
    @Test func castxmlOutputNeedsNoFallback() throws {
        for name in ["Points.xml", "ItkIndex.xml"] {
            let counter = Counter()
            var scanner = XMLFastScanner(path: repositoryRoot() + "/Tests/Fixtures/castxml/" + name, handler: counter)
            #expect(try scanner.run() == .complete)
            #expect(counter.starts > 50)
        }
    }

    /// Variants of a real file outside castxml's plain form (the scanner falls back) or malformed.
    @Test func variantsFallBackToTheSameResult() throws {
        let scratch = Scratch()
        let original = try FileSystem.readText(repositoryRoot() + "/Tests/Fixtures/castxml/Points.xml")
        let variants: [String] = [
            original.replacingAll("\n", with: "\r\n"),
            original.replacingAll("<CastXML ", with: "<!-- c --><CastXML "),
            original.replacingAll("<?xml version=\"1.0\"?>", with: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
            original.replacingAll(" name=\"", with: " name = \""),
            original.replacingAll("name=\"x\"", with: "name=\"&#120;\""),
            original.replacingAll("name=\"x\"", with: "name=\"é\""),
            original.replacingAll("name=\"x\"", with: "name=\"a&lt;b&gt;&amp;&quot;&apos;\""),
            original.replacingAll("name=\"x\"", with: "name=\"x\" name=\"y\""),
            original.replacingAll("name=\"x\"", with: "name=\"x\"\n"),
            original.replacingAll("name=\"x\"", with: "name=\"x\tz\""),
            original.replacingAll("name=\"x\"", with: "name=\"x\n\ny&amp;\tz\""),
            original.replacingAll("name=\"x\"", with: "name=\"x\r\nz\""),
            // Attributes wrapgen does not read still follow XML's rules (entities, no repeats, no xmlns).
            original.replacingAll("mangled=\"", with: "mangled=\"a&foo;"),
            original.replacingAll("mangled=\"", with: "mangled=\"a&lt;&amp;\tb\" mangled=\""),
            original.replacingAll("mangled=\"", with: "xmlns:q=\"urn:q\" mangled=\""),
            original.replacingAll("inline=\"1\"", with: "inline=\"1\" inline=\"1\""),
            original.replacingAll("</CastXML>", with: "</CastXML><x/>"),
            original.replacingAll("</CastXML>", with: "</CastXm>"),
            original.replacingAll("</CastXML>", with: ""),
            String(original.dropLast(200)),
            original + "text",
        ]
        for (index, text) in variants.enumerated() {
            let path = scratch.path + "/v\(index).xml"
            _ = try AtomicWriter.write(text, to: path)
            expectSame(path)
        }
    }
}

/// The eight-bytes-at-a-time test for plain attribute-value bytes finds exactly the first byte the
/// per-byte table calls not plain, whatever follows it.
@Suite struct AttributeValueWordTests {
    func isPlain(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7f && byte != 0x22 && byte != 0x26 && byte != 0x3c }

    func firstNotPlain(_ bytes: [UInt8]) -> Int? {
        let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        let marks = attributeValueNotPlain(word)
        return marks == 0 ? nil : marks.trailingZeroBitCount >> 3
    }

    @Test func everyByteAtEveryPosition() {
        for position in 0..<8 {
            for value in 0...255 {
                for filler: UInt8 in [UInt8(ascii: "a"), 0x20, 0x7e, 0x00, 0xff, 0x21, 0x1f] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                    bytes[position] = UInt8(value)
                    for after in (position + 1)..<8 { bytes[after] = filler }
                    let expected = bytes.firstIndex { !isPlain($0) }
                    #expect(firstNotPlain(bytes) == expected, "\(bytes)")
                }
            }
        }
    }
}
