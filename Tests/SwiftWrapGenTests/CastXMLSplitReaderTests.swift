import SwiftWrapCore
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapGen

/// Reading a file in two halves on two threads gives exactly the sequential document, and falls
/// back to the sequential read (and its errors) whenever a half is in doubt.
@Suite struct CastXMLSplitReaderTests {
    let root = repositoryRoot() + "/Tests/Fixtures/castxml/"

    func dump(_ document: CastXMLDocument) -> [String] {
        var lines = ["format \(document.format)"]
        for number in 0..<document.nodes.count {
            let id = document.nodes.ids[number]
            #expect(document.nodes.ordinal(id) == number, "\(id)")
            lines.append("\(id) line \(document.nodes.line(number)): \(String(describing: document.nodes.nodes[number]))")
        }
        lines += document.files.sorted { $0.key < $1.key }.map { "file \($0.key) \($0.value)" }
        lines += document.comments.sorted { $0.key < $1.key }.map { "comment \($0.key) \($0.value)" }
        return lines
    }

    func outcome(_ path: String, splitNear: Int?) -> Result<[String], CastXMLError> {
        do { return .success(dump(try CastXMLReader.read(path, libxml2Only: false, splitNear: splitNear))) } catch { return .failure(error) }
    }

    /// Offsets of the `<` of every top-level element start (`\n  <Name`).
    func topLevelStarts(_ text: String) -> [Int] {
        let bytes = Array(text.utf8)
        return bytes.indices.dropLast(4).filter {
            bytes[$0] == 0x0A && bytes[$0 + 1] == 0x20 && bytes[$0 + 2] == 0x20 && bytes[$0 + 3] == UInt8(ascii: "<")
                && bytes[$0 + 4] != UInt8(ascii: "/")
        }.map { $0 + 3 }
    }

    /// The halves themselves (not the fallback) give the sequential document.
    func expectHalvesEqualSequential(_ path: String, near offset: Int, _ note: String = "",
                                     sequential: Result<[String], CastXMLError>? = nil) {
        guard let halves = CastXMLSplitReader.read(path, near: offset) else {
            Issue.record("\(path) split near \(offset) fell back \(note)")
            return
        }
        #expect(CastXMLSplitReader.splitPoint(path, near: offset) != nil)
        #expect(.success(dump(halves)) == (sequential ?? outcome(path, splitNear: nil)), "\(path) split near \(offset) \(note)")
    }

    @Test func halvesGiveTheSequentialDocumentOnFixtures() throws {
        for name in ["Points.xml", "ItkIndex.xml", "FreeFuncs.xml"] {
            let size = Int(try FileStat.of(root + name).size)
            expectHalvesEqualSequential(root + name, near: size / 2)
        }
        if case .success(let lines) = outcome(root + "ItkIndex.xml", splitNear: 40_000) {
            #expect(lines.contains { $0.hasPrefix("comment ") })
        } else {
            Issue.record("ItkIndex.xml not read")
        }
    }

    /// A split exactly at each top-level element of Points.xml (and at every 25th of ItkIndex.xml,
    /// whose comments and multi-element classes cross the split).
    @Test func splitAtEveryTopLevelElement() throws {
        let points = try FileSystem.readText(root + "Points.xml")
        let starts = topLevelStarts(points)
        #expect(starts.count > 70)
        let whole = outcome(root + "Points.xml", splitNear: nil)
        for start in starts { expectHalvesEqualSequential(root + "Points.xml", near: start, "(element at \(start))", sequential: whole) }
        let index = topLevelStarts(try FileSystem.readText(root + "ItkIndex.xml"))
        let indexWhole = outcome(root + "ItkIndex.xml", splitNear: nil)
        for start in stride(from: 0, to: index.count, by: 25) {
            expectHalvesEqualSequential(root + "ItkIndex.xml", near: index[start], sequential: indexWhole)
        }
    }

    /// Lines counted across multi-line attribute values in the first half stay right in the second.
    @Test func linesAfterMultiLineValuesInTheFirstHalf() throws {
        let scratch = Scratch()
        let original = try FileSystem.readText(root + "Points.xml")
        let path = scratch.write("multi.xml", replacingOne(original, "name=\"x\"", with: "name=\"x\n\ny&amp;\tz\""))
        let starts = topLevelStarts(try FileSystem.readText(path))
        expectHalvesEqualSequential(path, near: starts[starts.count - 5])
    }

    /// An id in both halves: no document from the halves, and the sequential read's error.
    @Test func duplicateIdAcrossTheHalvesGivesTheSequentialError() throws {
        let path = root + "malformed/duplicate-id.xml"
        let starts = topLevelStarts(try FileSystem.readText(path))
        let gadget = starts[5]
        #expect(CastXMLSplitReader.splitPoint(path, near: gadget) == gadget)
        #expect(CastXMLSplitReader.read(path, near: gadget) == nil)
        let split = outcome(path, splitNear: gadget)
        #expect(split == outcome(path, splitNear: nil))
        guard case .failure(let error) = split else { Issue.record("no error"); return }
        #expect("\(error)".contains("already has"))
    }

    /// A byte outside castxml's plain form in the second half (or a damaged first half): the halves
    /// give nothing, and the read gives what libxml2 gives.
    @Test func doubtInEitherHalfFallsBack() throws {
        let scratch = Scratch()
        let original = try FileSystem.readText(root + "Points.xml")
        let variants = [
            replacingOne(original, "name=\"x\"", with: "name=\"é\"", last: true),
            replacingOne(original, "name=\"x\"", with: "name=\"&#120;\"", last: true),
            original.replacingAll("</CastXML>", with: "</CastXm>"),
            original.replacingAll("<CastXML ", with: "<GCC_XML "),
            original.replacingAll("format=\"1.", with: "format=\"2."),
            replacingOne(original, "<Namespace", with: "<!-- c --><Namespace"),
        ]
        for (number, text) in variants.enumerated() {
            let path = scratch.write("v\(number).xml", text)
            let middle = topLevelStarts(text)[40]
            #expect(CastXMLSplitReader.read(path, near: middle) == nil, "variant \(number)")
            let libxml2: Result<[String], CastXMLError>
            do { libxml2 = .success(dump(try CastXMLReader.read(path, libxml2Only: true))) } catch { libxml2 = .failure(error) }
            #expect(outcome(path, splitNear: middle) == libxml2, "variant \(number)")
        }
    }

    /// No top-level element start after the offset: no split.
    @Test func noSplitPointFallsBack() throws {
        let path = root + "Points.xml"
        let size = Int(try FileStat.of(path).size)
        #expect(CastXMLSplitReader.splitPoint(path, near: size - 20) == nil)
        #expect(CastXMLSplitReader.read(path, near: size - 20) == nil)
    }
}

/// `text` with the first (or last) `target` replaced.
private func replacingOne(_ text: String, _ target: String, with replacement: String, last: Bool = false) -> String {
    let bytes = Array(text.utf8), wanted = Array(target.utf8)
    let candidates = Array(0...(bytes.count - wanted.count))
    let hit = (last ? candidates.reversed() : candidates).first { Array(bytes[$0..<($0 + wanted.count)]) == wanted }!
    return String(decoding: bytes[..<hit] + Array(replacement.utf8) + bytes[(hit + wanted.count)...], as: UTF8.self)
}
