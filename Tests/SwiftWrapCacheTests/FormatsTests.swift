import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

@Suite struct DepfileTests {
    @Test func parsesClangOutputWithEscapesAndContinuations() throws {
        let text = "out.xml: a.cxx /usr/include/x\\ y.h \\\n  /inc/$$dollar.h \\\n  /inc/z.h\n\n/usr/include/x\\ y.h:\n"
        #expect(try Depfile.parse(text, path: "d") == ["a.cxx", "/usr/include/x y.h", "/inc/$dollar.h", "/inc/z.h"])
    }

    @Test func renderRoundTrips() throws {
        let deps = ["a.cxx", "/p q/h.h", "/r/$.h"]
        let text = Depfile.render(targets: ["t.xml"], dependencies: deps, phony: true)
        #expect(try Depfile.parse(text, path: "d") == deps)
        #expect(text.contains("\n/p\\ q/h.h:\n"))
    }

    @Test func rejectsTextWithoutARule() {
        #expect(throws: CacheError.self) { try Depfile.parse("just words\n", path: "d") }
    }
}

@Suite struct RelocatorTests {
    let r = Relocator(base: "/src/tree", workingDirectory: "/src/tree/build")

    @Test func keyTokensBecomeRelativeAndMarked() {
        #expect(r.keyToken("-I/src/tree/include") == "-I" + Relocator.keyMarker + "../include")
        #expect(r.keyToken("/src/tree/a.cxx") == Relocator.keyMarker + "../a.cxx")
        #expect(r.keyToken("-I/src/treeX/include") == "-I/src/treeX/include")
        #expect(r.keyToken("-I../include") == "-I../include")
        #expect(r.keyToken("-I/usr/include") == "-I/usr/include")
    }

    @Test func storedPathsResolveInAnotherTree() {
        let other = Relocator(base: "/elsewhere/t2", workingDirectory: "/elsewhere/t2/build")
        #expect(r.storedPath("/src/tree/include/a.h") == "B:include/a.h")
        #expect(other.resolve(storedPath: "B:include/a.h") == "/elsewhere/t2/include/a.h")
        #expect(r.storedPath("/usr/include/stdio.h") == "A:/usr/include/stdio.h")
        #expect(r.storedPath("inc/a.h") == "R:inc/a.h")
        #expect(Relocator(base: nil, workingDirectory: "/").resolve(storedPath: "B:x") == nil)
    }

    @Test func storedBytesSwapTheBaseAtPathBoundariesOnly() {
        let xml = Array("<File name=\"/src/tree/include/a.h\"/><File name=\"/x/src/tree/y.h\"/>".utf8)
        let encoded = r.encode(xml)
        #expect(encoded != xml)
        #expect(Relocator.contains(encoded, Relocator.storedMarker))
        let other = Relocator(base: "/b", workingDirectory: "/b/build")
        #expect(String(decoding: other.decode(encoded)!, as: UTF8.self)
                == "<File name=\"/b/include/a.h\"/><File name=\"/x/src/tree/y.h\"/>")
        #expect(Relocator(base: nil, workingDirectory: "/").decode(encoded) == nil)
        #expect(r.decode(xml) == xml)
    }
}

@Suite struct ManifestAndObjectTests {
    func sampleEntry() -> ManifestEntry {
        let stat = FileStat(device: 1, inode: 2, size: 3, mtime: .init(seconds: 4, nanoseconds: 5),
                            ctime: .init(seconds: 6, nanoseconds: 7), mode: 0o100644)
        return ManifestEntry(objectKey: SHA256.hash("obj"),
                             files: [.init(stored: "R:a b.cxx", digest: SHA256.hash("a"), stat: stat),
                                     .init(stored: "A:/odd%path\nx.h", digest: SHA256.hash("b"), stat: nil)],
                             probes: [.init(stored: "B:inc/sub", state: .present(stat), names: ["x.h", "y.h"]),
                                      .init(stored: "A:/nope", state: .absent, names: ["z.h"]),
                                      .init(stored: "A:/new", state: .unsettled, names: ["w.h"])])
    }

    @Test func manifestRoundTrips() throws {
        let entries = [sampleEntry(), sampleEntry()]
        #expect(try DirectManifest.parse(DirectManifest.render(entries), path: "m") == entries)
    }

    @Test func damagedManifestIsCorrupt() {
        var bytes = DirectManifest.render([sampleEntry()])
        bytes[30] ^= 1
        #expect(throws: CacheError.self) { try DirectManifest.parse(bytes, path: "m") }
        #expect(throws: CacheError.self) { try DirectManifest.parse(Array(bytes.prefix(bytes.count / 2)), path: "m") }
        #expect(throws: CacheError.self) { try DirectManifest.parse([], path: "m") }
    }

    @Test(arguments: [ObjectStore.Codec.none, .zstd])
    func objectRoundTripsAndDetectsDamage(codec: ObjectStore.Codec) throws {
        let result = CachedResult(xml: Array(String(repeating: "<Class name=\"A\"/>\n", count: 5000).utf8),
                                  standardOutput: Array("out".utf8), standardError: Array("warning: w\n".utf8),
                                  castxmlMilliseconds: 1234)
        let bytes = try ObjectStore.encode(result, codec: codec, relocated: true)
        let (decoded, relocated) = try ObjectStore.decode(bytes, path: "o")
        #expect(decoded == result)
        #expect(relocated)
        if codec == .zstd { #expect(bytes.count < result.xml.count / 10) }
        for damage in [{ (b: inout [UInt8]) in b[b.count / 2] ^= 0x40 }, { b in b.removeLast(b.count / 3) }, { b in b = [] }] {
            var copy = bytes
            damage(&copy)
            #expect(throws: CacheError.self) { try ObjectStore.decode(copy, path: "o") }
        }
    }

    @Test func verboseIncludeListIsParsed() {
        let text = "ignored\n#include \"...\" search starts here:\n#include <...> search starts here:\n /usr/lib/gcc/x/12/../../../../include/c++/12\n /usr/include\nEnd of search list.\n"
        #expect(ToolIdentityResolver.includeDirectories(fromVerbose: text) == ["/usr/include/c++/12", "/usr/include"])
    }
}
