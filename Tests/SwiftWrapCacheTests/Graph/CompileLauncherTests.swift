import Glibc
import SwiftWrapCore
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache

@Suite struct CompileLauncherTests {
    @Test func parsesCoveredListsAndTheCommand() {
        #expect(CompileLauncher.parse(["--covered", "a.list", "--covered", "b.list", "--", "ccache", "c++", "-MF", "o.d"])
            == CompileLauncher.Invocation(covered: ["a.list", "b.list"], command: ["ccache", "c++", "-MF", "o.d"]))
        #expect(CompileLauncher.parse(["--", "c++"]) == CompileLauncher.Invocation(covered: [], command: ["c++"]))
        #expect(CompileLauncher.parse(["--covered"]) == nil)
        #expect(CompileLauncher.parse(["--covered", "a.list", "c++"]) == nil)
        #expect(CompileLauncher.parse(["--"]) == nil)
        #expect(CompileLauncher.dependencyFile(of: ["c++", "-MD", "-MF", "o.d", "-c", "x.cxx"]) == "o.d")
        #expect(CompileLauncher.dependencyFile(of: ["c++", "-MF"]) == nil)
    }

    @Test func dropsTheHeadersOfTheCoveredListsByResolvedPath() throws {
        let dir = TemporaryDirectory()
        let inc = dir.path + "/inc"
        try FileSystem.createDirectories(inc)
        for name in ["a.h", "b.h", "keep.h"] { dir.write("inc/" + name, "//\n") }
        #expect(symlink(inc, dir.path + "/link") == 0)
        // The covered list names a.h through a symbolic link; b.h is covered by a second list; one list is missing.
        dir.write("S.headers.list", "S.xml: \(dir.path)/link/a.h\n")
        dir.write("T.headers.list", "T.xml: \(inc)/b.h\n")
        let depfile = dir.write("o.d", "o.o: x.cxx \(inc)/a.h \\\n  \(inc)/b.h \(inc)/keep.h\n")
        try CompileLauncher.dropCovered(from: depfile, covered: [dir.path + "/S.headers.list", dir.path + "/T.headers.list",
                                                                 dir.path + "/missing.list"])
        let text = LosslessText.decode(try FileSystem.read(depfile))
        #expect(try Depfile.parse(text, path: depfile) == ["x.cxx", inc + "/keep.h"])
        #expect(text.hasPrefix("o.o:"))
    }
}
