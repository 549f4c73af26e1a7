import SwiftWrapTestSupport
import Testing
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
