import SwiftWrapCore
import SwiftWrapRecords
import Testing
@testable import SwiftWrapStubs

@Suite struct StubRepairTests {
    func stamp(_ scratch: Scratch, _ module: String, manifests: [String]) -> String {
        let stamp = Stamp(module: module, owner: "o", recordCount: 1, digest: SHA256.hash("x"),
                          workingDirectory: scratch.path + "/build", manifests: manifests, command: ["wrapgen", "--module", module])
        return scratch.write(module + ".stamp", stamp.render())
    }

    @Test func stampsTellWhichManifestsTheirModuleWrites() throws {
        let scratch = Scratch()
        let a = try StampedModule.read(stamp(scratch, "A", manifests: ["\(scratch.path)/build/wrap/S1.index.txt",
                                                                      "\(scratch.path)/build/wrap/S2.index.txt"]))
        let b = try StampedModule.read(stamp(scratch, "B", manifests: ["\(scratch.path)/other/T.index.txt"]))
        #expect(a.manifests == ["\(scratch.path)/build/wrap/S1.index.txt", "\(scratch.path)/build/wrap/S2.index.txt"])
        #expect(b.manifests == ["\(scratch.path)/other/T.index.txt"])
        let (modules, uncovered) = StubRepair.modules(
            writing: ["\(scratch.path)/build/wrap/S2.index.txt", "\(scratch.path)/build/./wrap/../wrap/S1.index.txt", "\(scratch.path)/U.index.txt"],
            stamps: [b, a])
        #expect(modules.map(\.module) == ["A"])
        #expect(uncovered == ["\(scratch.path)/U.index.txt"])
    }

    @Test func version1StampIsAnError() {
        let scratch = Scratch()
        let path = scratch.write("A.stamp", "swiftwrap-stamp 1\nmodule A\nowner o\nrecords 1\ndigest \(SHA256.hash("x").hex)\ncwd /b\narg wrapgen\n")
        #expect(throws: StubError.self) { try StampedModule.read(path) }
    }

    @Test func listFilesSkipBlankLines() throws {
        let scratch = Scratch()
        let path = scratch.write("list.txt", "a.index.txt\n\n  \nb c.index.txt\r\n")
        #expect(try PathListFile.read(path) == ["a.index.txt", "b c.index.txt"])
    }
}
