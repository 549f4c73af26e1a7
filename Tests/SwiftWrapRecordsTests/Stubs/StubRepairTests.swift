import SwiftWrapCore
import Testing
@testable import SwiftWrapRecords

@Suite struct StubRepairTests {
    func stamp(_ scratch: Scratch, _ module: String, _ arguments: [String]) -> String {
        let stamp = Stamp(module: module, owner: "o", recordCount: 1, digest: SHA256.hash("x"),
                          workingDirectory: scratch.path + "/build", command: ["wrapgen", "--module", module] + arguments)
        return scratch.write(module + ".stamp", stamp.render())
    }

    @Test func stampsTellWhichManifestsTheirModuleWrites() throws {
        let scratch = Scratch()
        let a = try StampedModule.read(stamp(scratch, "A", ["--output-dir", "wrap", "--submodule", "S1=s1.xml", "--submodule=S2=s2.xml"]))
        let b = try StampedModule.read(stamp(scratch, "B", ["--output-dir=\(scratch.path)/other", "--submodule", "T=t.xml"]))
        #expect(a.manifests == ["\(scratch.path)/build/wrap/S1.index.txt", "\(scratch.path)/build/wrap/S2.index.txt"])
        #expect(b.manifests == ["\(scratch.path)/other/T.index.txt"])
        let (modules, uncovered) = StubRepair.modules(
            writing: ["\(scratch.path)/build/wrap/S2.index.txt", "\(scratch.path)/build/./wrap/../wrap/S1.index.txt", "\(scratch.path)/U.index.txt"],
            stamps: [b, a])
        #expect(modules.map(\.module) == ["A"])
        #expect(uncovered == ["\(scratch.path)/U.index.txt"])
    }

    @Test func stampWithoutOutputDirectoryIsAnError() {
        let scratch = Scratch()
        let path = stamp(scratch, "A", ["--submodule", "S=s.xml"])
        #expect(throws: StubError.self) { try StampedModule.read(path) }
    }

    @Test func listFilesSkipBlankLines() throws {
        let scratch = Scratch()
        let path = scratch.write("list.txt", "a.index.txt\n\n  \nb c.index.txt\r\n")
        #expect(try PathListFile.read(path) == ["a.index.txt", "b c.index.txt"])
    }
}
