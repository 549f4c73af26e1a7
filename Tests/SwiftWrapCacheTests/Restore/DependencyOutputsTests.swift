import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

/// Issue 15: the depfile in Ninja's form and the header digest castxml-cache writes for a build graph.
@Suite struct DependencyOutputsTests {
    @Test func depfilePathsBelowTheRootAreRelativeToIt() {
        let cwd = "/b/sub"
        // The output and a generated file below the build root; a header outside it; `..` and `.` folded.
        #expect(DependencyOutputs.depfilePath("swiftwrap/castxml/S.xml", workingDirectory: cwd, relativeTo: "/b")
                == "sub/swiftwrap/castxml/S.xml")
        #expect(DependencyOutputs.depfilePath("../gen/./x.h", workingDirectory: cwd, relativeTo: "/b") == "gen/x.h")
        #expect(DependencyOutputs.depfilePath("/src/include/a.h", workingDirectory: cwd, relativeTo: "/b") == "/src/include/a.h")
        #expect(DependencyOutputs.depfilePath("/bx/a.h", workingDirectory: cwd, relativeTo: "/b") == "/bx/a.h")
        // Without a root, paths stay as castxml spelled them.
        #expect(DependencyOutputs.depfilePath("../gen/./x.h", workingDirectory: cwd, relativeTo: nil) == "../gen/./x.h")
    }

    @Test func renderedDepfileHasCMakesLayout() {
        let text = DependencyOutputs.renderDepfile(output: "swiftwrap/castxml/S.xml",
                                                   dependencies: ["swiftwrap/castxml/S.cxx", "/src/my dir/a.h", "/src/my dir/a.h"],
                                                   workingDirectory: "/b/sub", relativeTo: "/b")
        // What `cmake -E cmake_transform_depfile Ninja gccdepfile` writes: one path a line, spaces escaped.
        #expect(text == "sub/swiftwrap/castxml/S.xml: \\\n  sub/swiftwrap/castxml/S.cxx \\\n  /src/my\\ dir/a.h\n")
    }

    @Test func digestListsEachDistinctFileOnceWithItsHash() throws {
        let a = SHA256.hash(Array("a".utf8)), b = SHA256.hash(Array("b".utf8))
        #expect(DependencyOutputs.renderDigest(paths: ["x.cxx", "/i/b.h"], digests: [a, b])
                == "\(a.hex) x.cxx\n\(b.hex) /i/b.h\n")
        #expect(DependencyOutputs.unique(["x", "y", "x", "z", "y"]) == ["x", "y", "z"])
    }
}
