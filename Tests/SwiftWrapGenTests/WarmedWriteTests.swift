import Glibc
import SwiftWrapCore
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapGen
@testable import SwiftWrapRecords

/// wrapgen opens the database while it plans (`ModuleRequest.warmDatabase`); `write` must commit into
/// the database at the path even when another process set the opened file aside and made a new one
/// in between (its repair of a damaged file).
@Suite struct WarmedWriteTests {
    @Test func aDatabaseReplacedDuringThePlanGetsTheRows() throws {
        let scratch = TemporaryDirectory()
        var request = ModuleRequest(module: "Base", owner: "o", package: "p", wrappersNamespace: "_wrapping_::wrappers",
                                    databaseDirectory: scratch.path + "/db", outputDirectory: scratch.path + "/out",
                                    submodules: [.init(name: "Points", xmlPath: fixture, includes: ["point.h"])],
                                    importedIndexes: [], depfile: nil, command: ["wrapgen"], workingDirectory: scratch.path)
        _ = try ModuleGenerator.write(ModuleGenerator.plan(request), request)   // the database exists
        request.warmDatabase = true
        let plan = try ModuleGenerator.plan(request)
        #expect(plan.warmedStore?.store != nil)                                  // opened (and waited for)
        let path = RecordStore.path(inDirectory: request.databaseDirectory)
        #expect(rename(path, path + ".broken") == 0)
        _ = try RecordStore(directory: request.databaseDirectory)                // the new, empty file
        _ = try ModuleGenerator.write(plan, request)
        let keys = try RecordStore(directory: request.databaseDirectory).rows(owner: "o").map(\.key)
        #expect(keys == plan.rows.map(\.record.key))
        #expect(!keys.isEmpty)
    }
}
