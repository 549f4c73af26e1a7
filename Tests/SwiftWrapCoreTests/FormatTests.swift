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

    @Test func filteringKeepsTheTargetAsWrittenAndDropsRejectedPrerequisites() throws {
        let text = "CMakeFiles/t.dir/S_wrap.cxx.o: S_wrap.cxx /inc/a.h \\\n  /usr/include/x\\ y.h /inc/b.h\n\n/inc/a.h:\n"
        let filtered = try Depfile.filtering(text, path: "d") { !$0.hasPrefix("/inc/") }
        #expect(filtered == "CMakeFiles/t.dir/S_wrap.cxx.o: \\\n  S_wrap.cxx \\\n  /usr/include/x\\ y.h\n")
        #expect(try Depfile.parse(filtered, path: "d") == ["S_wrap.cxx", "/usr/include/x y.h"])
        #expect(throws: FormatError.self) { try Depfile.filtering("no rule\n", path: "d") { _ in true } }
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
