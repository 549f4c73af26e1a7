import Glibc
import SwiftWrapCore
import Testing
@testable import SwiftWrapRecords

/// The checks inside `replaceModule`'s write transaction (issue 11, items 7 and 8).
@Suite struct RecordStoreWriteTests {
    @Test func aSubmoduleOfAnotherModuleIsRefusedAndNothingChanges() throws {
        let scratch = Scratch()
        let store = try RecordStore(directory: scratch.path)
        try store.replaceModule(owner: "o", module: "First", rows: [storedRecord("A.shared", module: "First")], digest: "d1")
        var ran = false
        #expect(throws: ModuleWriteError.submoduleTaken(database: store.path, owner: "o", submodule: "shared",
                                                        module: "Second", otherModule: "First")) {
            try store.replaceModule(owner: "o", module: "Second", submodules: ["own", "shared"],
                                    rows: [storedRecord("A.shared", module: "Second"), storedRecord("B.own", module: "Second")], digest: "d2") {
                ran = true
            }
        }
        #expect(!ran)
        #expect(try store.rows(owner: "o").map(\.key) == ["A.shared"])
        #expect(try store.rows(owner: "o", module: "First").map(\.key) == ["A.shared"])
        // A submodule without rows of its own is refused too, and another owner's submodule is no clash.
        #expect(throws: ModuleWriteError.self) {
            try store.replaceModule(owner: "o", module: "Third", submodules: ["shared"], rows: [], digest: "d3")
        }
        let description = ModuleWriteError.submoduleTaken(database: "db", owner: "o", submodule: "shared", module: "Second",
                                                          otherModule: "First").description
        #expect(description.contains("submodule 'shared' of module 'Second' is already declared by module 'First'"))
    }

    @Test func beforeChangeRunsOnlyWhenTheDigestChangesAndItsFailureWritesNothing() throws {
        let scratch = Scratch()
        let store = try RecordStore(directory: scratch.path)
        var calls = 0
        #expect(try store.replaceModule(owner: "o", module: "M", rows: [storedRecord("A.s", module: "M")], digest: "d1") { calls += 1 })
        #expect(calls == 1)
        #expect(try !store.replaceModule(owner: "o", module: "M", rows: [storedRecord("A.s", module: "M")], digest: "d1") { calls += 1 })
        #expect(calls == 1)
        let failure = FileError(.remove, "/x/M.stamp", errno: Errno(EROFS))
        #expect(throws: ModuleWriteError.beforeChange(failure)) {
            try store.replaceModule(owner: "o", module: "M", rows: [storedRecord("B.s", module: "M")], digest: "d2") { () throws(FileError) in
                throw failure
            }
        }
        #expect(try store.rows(owner: "o", module: "M").map(\.key) == ["A.s"])
        #expect(try store.moduleSummary().first == "o M d1 1 1")
    }

    /// A rerun that changes nothing writes no page (wrapgen speed, issue 16); a changed run updates,
    /// adds and removes exactly what differs.
    @Test func anUnchangedModuleWritesNoPageAndAChangedOneEndsExact() throws {
        let scratch = Scratch()
        let store = try RecordStore(directory: scratch.path)
        let rows = [storedRecord("A.s", module: "M"), storedRecord("B.s", module: "M")]
        try store.replaceModule(owner: "o", module: "M", rows: rows, digest: "d1")
        let wal = store.path + "-wal"
        let before = try FileStat.of(wal).size
        #expect(try !store.replaceModule(owner: "o", module: "M", rows: rows, digest: "d1"))
        #expect(try FileStat.of(wal).size == before)
        var changed = storedRecord("B.s", module: "M")
        changed.record.line = 2
        changed.json = RecordCoding.encode(changed.record)
        #expect(changed.json != rows[1].json)
        #expect(try store.replaceModule(owner: "o", module: "M", rows: [changed, storedRecord("C.s", module: "M")], digest: "d2"))
        #expect(try store.rows(owner: "o", module: "M").map(\.key) == ["B.s", "C.s"])
        #expect(try store.rows(owner: "o", module: "M").first?.json == changed.json)
        #expect(try store.moduleSummary().first == "o M d2 2 2")
    }

    /// A row deleted behind wrapgen's back comes back on a rerun with the same digest.
    @Test func aLostRowComesBackOnARerunWithTheSameDigest() throws {
        let scratch = Scratch()
        let store = try RecordStore(directory: scratch.path)
        let rows = [storedRecord("A.s", module: "M"), storedRecord("B.s", module: "M")]
        try store.replaceModule(owner: "o", module: "M", rows: rows, digest: "d1")
        try store.connection.execute("DELETE FROM records WHERE key = 'B.s'")
        #expect(try store.rows(owner: "o", module: "M").map(\.key) == ["A.s"])
        #expect(try !store.replaceModule(owner: "o", module: "M", rows: rows, digest: "d1"))
        #expect(try store.rows(owner: "o", module: "M").map(\.key) == ["A.s", "B.s"])
        #expect(try store.rows(owner: "o", module: "M").last?.json == rows[1].json)
    }
}
