import SwiftWrapCore
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapRecords

@Suite struct FormatTests {
    @Test func manifestRoundTripIsSortedAndDeduplicated() throws {
        let text = KeyList.render(keys: ["Zeta.sub", "Alpha.sub", "Zeta.sub"])
        #expect(text == "Alpha.sub\nZeta.sub\n")
        let dir = TemporaryDirectory()
        try AtomicWriter.write(text, to: dir.file("sub.index.txt"))
        #expect(try KeyList.read(dir.file("sub.index.txt")) == ["Alpha.sub", "Zeta.sub"])
        #expect(KeyList.render(keys: []) == "")
    }

    @Test func malformedManifestLineNamesFileAndLine() {
        do {
            _ = try KeyList.parse("Good.sub\nbad key\n", path: "m.index.txt")
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "m.index.txt")
            #expect(error.line == 2)
            #expect(error.description.hasPrefix("m.index.txt:2: malformed record key 'bad key'"))
        }
    }

    @Test func missingManifestSaysWhatToDo() {
        #expect(throws: FormatError.self) { try KeyList.read("/nonexistent/x.index.txt") }
    }

    @Test func stampRoundTripKeepsEveryArgument() throws {
        let stamp = Stamp(module: "Core", owner: "example", recordCount: 12, digest: SHA256.hash("rows"),
                          workingDirectory: "/build dir", manifests: ["/build dir/wrap/A.index.txt", "/odd%\n/B.index.txt"],
                          command: ["wrapgen", "--module", "Core", "odd\narg%", ""])
        let text = stamp.render()
        #expect(text.hasPrefix("swiftwrap-stamp 2\nmodule Core\n"))
        #expect(text.contains("\nmanifest /build dir/wrap/A.index.txt\nmanifest /odd%25%0A/B.index.txt\narg wrapgen\n"))
        #expect(try Stamp.parse(text, path: "Core.stamp") == stamp)
    }

    @Test func foreignStampIsRejected() {
        #expect(throws: FormatError.self) { try Stamp.parse("hello\n", path: "x.stamp") }
        #expect(throws: FormatError.self) { try Stamp.parse("swiftwrap-stamp 2\nmodule A\n", path: "x.stamp") }
    }

    @Test func version1StampSaysToRebuild() {
        let v1 = "swiftwrap-stamp 1\nmodule A\nowner o\nrecords 1\ndigest \(SHA256.hash("x").hex)\ncwd /b\narg wrapgen\n"
        do {
            _ = try Stamp.parse(v1, path: "/b/A.stamp")
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "/b/A.stamp")
            #expect(error.line == 1)
            #expect(error.message.contains("delete the stamp and rebuild"))
        }
    }

    @Test func stampWithoutManifestsIsIncomplete() {
        let text = "swiftwrap-stamp 2\nmodule A\nowner o\nrecords 1\ndigest \(SHA256.hash("x").hex)\ncwd /b\narg wrapgen\n"
        #expect(throws: FormatError.self) { try Stamp.parse(text, path: "x.stamp") }
    }
}
