import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCore

@Suite struct FormatTests {
    @Test func manifestRoundTripIsSortedAndDeduplicated() throws {
        let text = IndexManifest.render(keys: ["Zeta.sub", "Alpha.sub", "Zeta.sub"])
        #expect(text == "Alpha.sub\nZeta.sub\n")
        let dir = TemporaryDirectory()
        try AtomicWriter.write(text, to: dir.file("sub.index.txt"))
        #expect(try IndexManifest.read(dir.file("sub.index.txt")) == ["Alpha.sub", "Zeta.sub"])
        #expect(IndexManifest.render(keys: []) == "")
    }

    @Test func malformedManifestLineNamesFileAndLine() {
        do {
            _ = try IndexManifest.parse("Good.sub\nbad key\n", path: "m.index.txt")
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "m.index.txt")
            #expect(error.line == 2)
            #expect(error.description.hasPrefix("m.index.txt:2: malformed record key 'bad key'"))
        }
    }

    @Test func missingManifestSaysWhatToDo() {
        #expect(throws: FormatError.self) { try IndexManifest.read("/nonexistent/x.index.txt") }
    }

    @Test func stampRoundTripKeepsEveryArgument() throws {
        let stamp = Stamp(module: "Core", owner: "example", recordCount: 12, digest: SHA256.hash("rows"),
                          workingDirectory: "/build dir", command: ["wrapgen", "--module", "Core", "odd\narg%", ""])
        let text = stamp.render()
        #expect(text.hasPrefix("swiftwrap-stamp 1\nmodule Core\n"))
        #expect(try Stamp.parse(text, path: "Core.stamp") == stamp)
    }

    @Test func foreignStampIsRejected() {
        #expect(throws: FormatError.self) { try Stamp.parse("hello\n", path: "x.stamp") }
        #expect(throws: FormatError.self) { try Stamp.parse("swiftwrap-stamp 1\nmodule A\n", path: "x.stamp") }
    }
}

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
        #expect(throws: FormatError.self) { try Depfile.parse("just words\n", path: "d") }
    }
}

@Suite struct ResponseFileTests {
    @Test func quotedArgumentsRoundTrip() throws {
        let arguments = ["--submodule", "A=/p q/a.xml", "back\\slash", "say \"hi\"", "it's", ""]
        let text = arguments.map(ResponseFile.quote).joined(separator: "\n") + "\n"
        #expect(ResponseFile.tokenize(text) == arguments)
        let dir = TemporaryDirectory()
        let outer = dir.write("outer.rsp", "--first @\(dir.file("inner.rsp")) --last\n")
        dir.write("inner.rsp", text)
        #expect(try ResponseFile.expand(["x", "@" + outer]) == ["x", "--first"] + arguments + ["--last"])
    }

    @Test func missingResponseFileNamesIt() {
        do {
            _ = try ResponseFile.expand(["@/nonexistent/args.rsp"])
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "/nonexistent/args.rsp")
        }
    }
}
