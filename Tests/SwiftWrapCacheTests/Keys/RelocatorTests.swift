import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

@Suite struct RelocatorTests {
    let r = Relocator(base: "/src", workingDirectory: "/src/build/a")

    @Test func keyTokensBecomeRelativeAndMarked() {
        #expect(r.keyToken("-I/src/include") == "-I" + Relocator.keyMarker + "../../include")
        #expect(r.keyToken("/src/build/a/gen/x.cxx") == Relocator.keyMarker + "gen/x.cxx")
        #expect(r.keyToken("-I/srcX/include") == "-I/srcX/include")
        #expect(r.keyToken("-I../include") == "-I../include")
        #expect(r.keyToken("-I/usr/include") == "-I/usr/include")
        // Not normalised: kept as spelled (castxml would print it so).
        #expect(r.keyToken("-I/src/x/../include") == "-I/src/x/../include")
    }

    @Test func storedPathsResolveInASiblingTree() {
        let sibling = Relocator(base: "/src", workingDirectory: "/src/build/b")
        #expect(r.storedPath("/src/include/a.h") == "C:../../include/a.h")
        #expect(sibling.resolve(storedPath: r.storedPath("/src/include/a.h")) == "/src/include/a.h")
        #expect(r.storedPath("/src/build/a/gen/x.cxx") == "C:gen/x.cxx")
        #expect(sibling.resolve(storedPath: "C:gen/x.cxx") == "/src/build/b/gen/x.cxx")
        #expect(r.storedPath("/usr/include/stdio.h") == "A:/usr/include/stdio.h")
        #expect(r.storedPath("inc/a.h") == "R:inc/a.h")
    }

    @Test func storedBytesAreRelativeToTheWorkingDirectory() {
        let xml = Array("<File name=\"/src/include/a.h\"/><File name=\"/src/build/a/gen/x.cxx\"/><File name=\"/x/src/y.h\"/>".utf8)
        let encoded = r.encode(xml)
        #expect(encoded.contains(0))
        let other = Relocator(base: "/elsewhere", workingDirectory: "/elsewhere/build/b")
        #expect(String(decoding: other.decode(encoded), as: UTF8.self)
                == "<File name=\"/elsewhere/include/a.h\"/><File name=\"/elsewhere/build/b/gen/x.cxx\"/><File name=\"/x/src/y.h\"/>")
        #expect(r.decode(xml) == xml)
        #expect(Relocator(base: nil, workingDirectory: "/").encode(xml) == xml)
        // Messages: a path ends at the colon of file:line.
        let message = Array("/src/include/a.h:3:1: warning: w\n".utf8)
        #expect(String(decoding: other.decode(r.encode(message)), as: UTF8.self) == "/elsewhere/include/a.h:3:1: warning: w\n")
    }

    /// Anchors: a build tree at another depth below the same sources keys, stores and restores the
    /// same relative forms (with the base alone, working-directory-relative paths differ).
    @Test func anchoredTreesAtTwoDepthsAgree() {
        let shallow = Relocator(base: "/src", workingDirectory: "/src/build/sub", sourceDirectory: "/src", buildDirectory: "/src/build")
        let deep = Relocator(base: "/src", workingDirectory: "/src/out/x/y/sub", sourceDirectory: "/src", buildDirectory: "/src/out/x/y")
        #expect(shallow.keyToken("-I/src/include") == deep.keyToken("-I/src/include"))
        #expect(shallow.keyToken("-I/src/include") == "-I\u{1}src:include")
        #expect(shallow.keyToken("/src/build/sub/gen.cxx") == deep.keyToken("/src/out/x/y/sub/gen.cxx"))
        #expect(shallow.keyToken("/src/build/sub/gen.cxx") == "\u{1}bld:sub/gen.cxx")
        #expect(shallow.storedPath("/src/include/a.h") == "S:include/a.h")
        #expect(shallow.storedPath("/src/build/sub/gen.cxx") == "B:sub/gen.cxx")
        #expect(deep.resolve(storedPath: "B:sub/gen.cxx") == "/src/out/x/y/sub/gen.cxx")
        #expect(Relocator(base: nil, workingDirectory: "/").resolve(storedPath: "S:include/a.h") == nil)
        let xml = Array("<File name=\"/src/include/a.h\"/><File name=\"/src/build/sub/gen.cxx\"/><File name=\"/src2/z.h\"/>".utf8)
        let encoded = shallow.encode(xml)
        #expect(String(decoding: deep.decode(encoded), as: UTF8.self)
                == "<File name=\"/src/include/a.h\"/><File name=\"/src/out/x/y/sub/gen.cxx\"/><File name=\"/src2/z.h\"/>")
        #expect(shallow.anchorSignature == "SB")
        let baseOnly = [Relocator(base: "/src", workingDirectory: "/src/build/sub"), Relocator(base: "/src", workingDirectory: "/src/out/x/y/sub")]
        #expect(baseOnly[0].keyToken("-I/src/include") != baseOnly[1].keyToken("-I/src/include"))
    }

    @Test func streamDecoderHandlesMarkersSplitAcrossChunks() {
        let text = Array("a\u{0}C../../include/x.h\u{0}b\u{0}Cgen/y\u{0}".utf8)
        for split in 0...text.count {
            let decoder = Relocator.StreamDecoder(relocator: Relocator(base: "/t", workingDirectory: "/t/build/a"))
            let collector = Collector()
            for part in [Array(text[..<split]), Array(text[split...])] {
                part.withUnsafeBytes { raw in collector.run { (sink) throws(FileError) in try decoder.feed(raw, sink) } }
            }
            collector.run { (sink) throws(FileError) in try decoder.finish(sink) }
            #expect(String(decoding: collector.bytes, as: UTF8.self) == "a/t/include/x.hb/t/build/a/gen/y")
        }
    }
}

/// Collects what a stream decoder emits.
final class Collector {
    var bytes: [UInt8] = []
    func run(_ body: ((UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) -> Void) {
        do throws(FileError) {
            try body { (piece) throws(FileError) in self.bytes.append(contentsOf: piece) }
        } catch {
            Issue.record("decoder failed: \(error)")
        }
    }
}
