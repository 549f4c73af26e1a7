import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

@Suite struct DependencyRecorderTests {
    @Test func missingProbeDirectoriesAreCoveredByTheirNearestExistingAncestor() throws {
        let dir = TemporaryDirectory()
        let root = dir.path
        try FileSystem.createDirectories(root + "/inc/present")
        #expect(symlink(root + "/nowhere", root + "/inc/dangling") == 0)
        let covered = DependencyRecorder.coverMissingDirectories([
            root + "/inc/present": ["a.h"],
            root + "/inc/missing/deeper/still": ["b.h"],
            root + "/inc/missing/other": ["c.h"],
            root + "/gone": ["d.h"],
            root + "/inc/dangling/sub": ["e.h"],
            root + "/inc/dangling": ["f.h"],
        ])
        #expect(covered == [
            root + "/inc/present": ["a.h"],
            root + "/inc": ["missing"],
            root: ["gone"],
            root + "/inc/dangling": ["sub", "f.h"],
        ])
    }
}
