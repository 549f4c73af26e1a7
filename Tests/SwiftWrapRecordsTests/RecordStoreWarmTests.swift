import Glibc
import SwiftWrapCore
import Testing
@testable import SwiftWrapRecords

/// `RecordStore.warmed`: wrapgen opens the database and reads the module's rows on a second thread,
/// and the write transaction compares against them in memory when they are still the database's.
@Suite struct RecordStoreWarmTests {
    private func rows(_ store: RecordStore, _ module: String = "M") throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try store.rows(owner: "o", module: module).map { ($0.key, $0.json) })
    }

    private func changed(_ key: String, line: Int, module: String = "M") -> StoredRecord {
        var row = storedRecord(key, module: module)
        row.record.line = line
        row.json = RecordCoding.encode(row.record)
        return row
    }

    @Test func aWarmedStoreEndsWithExactlyTheNewRows() throws {
        let scratch = Scratch()
        try RecordStore(directory: scratch.path).replaceModule(
            owner: "o", module: "M", rows: ["A.s", "B.s", "C.s"].map { storedRecord($0, module: "M") }, digest: "d1")
        let warmed = try #require(RecordStore.warmed(directory: scratch.path, owner: "o", module: "M"))
        let new = [changed("B.s", line: 7), storedRecord("C.s", module: "M"), storedRecord("D.s", module: "M")]
        #expect(try warmed.replaceModule(owner: "o", module: "M", rows: new, digest: "d2"))
        let stored = try rows(RecordStore(directory: scratch.path))
        #expect(stored == Dictionary(uniqueKeysWithValues: new.map { ($0.record.key, $0.json) }))
        #expect(try RecordStore(directory: scratch.path).moduleSummary().first == "o M d2 3 3")
    }

    @Test func anUnchangedRerunThroughAWarmedStoreWritesNoPage() throws {
        let scratch = Scratch()
        let first = try RecordStore(directory: scratch.path)
        let new = ["A.s", "B.s"].map { storedRecord($0, module: "M") }
        try first.replaceModule(owner: "o", module: "M", rows: new, digest: "d1")
        let wal = first.path + "-wal"
        let before = try FileStat.of(wal).size
        let warmed = try #require(RecordStore.warmed(directory: scratch.path, owner: "o", module: "M"))
        #expect(warmed.remembered?.columns.count == 2)
        #expect(try !warmed.replaceModule(owner: "o", module: "M", rows: new, digest: "d1"))
        #expect(try FileStat.of(wal).size == before)
        #expect(warmed.remembered == nil)   // used once
    }

    /// Another process's commit between the read and the write: the remembered rows are not used,
    /// and the row it changed is written back.
    @Test func aCommitByAnotherConnectionAfterTheReadIsSeen() throws {
        let scratch = Scratch()
        let original = ["A.s", "B.s"].map { storedRecord($0, module: "M") }
        try RecordStore(directory: scratch.path).replaceModule(owner: "o", module: "M", rows: original, digest: "d1")
        let warmed = try #require(RecordStore.warmed(directory: scratch.path, owner: "o", module: "M"))
        let other = try RecordStore(directory: scratch.path)
        try other.connection.execute("UPDATE records SET data = 'changed elsewhere' WHERE key = 'B.s'")
        #expect(try !warmed.replaceModule(owner: "o", module: "M", rows: original, digest: "d1"))
        #expect(try rows(other)["B.s"] == original[1].json)
    }

    /// A change through the warmed store's own connection is not counted by `data_version`.
    @Test func aChangeThroughTheSameConnectionAfterTheReadIsSeen() throws {
        let scratch = Scratch()
        let original = ["A.s", "B.s"].map { storedRecord($0, module: "M") }
        try RecordStore(directory: scratch.path).replaceModule(owner: "o", module: "M", rows: original, digest: "d1")
        let warmed = try #require(RecordStore.warmed(directory: scratch.path, owner: "o", module: "M"))
        try warmed.connection.execute("DELETE FROM records WHERE key = 'A.s'")
        try warmed.connection.execute("UPDATE records SET data = 'changed here' WHERE key = 'B.s'")
        #expect(try !warmed.replaceModule(owner: "o", module: "M", rows: original, digest: "d1"))
        #expect(try rows(warmed) == Dictionary(uniqueKeysWithValues: original.map { ($0.record.key, $0.json) }))
    }

    /// SQLite compares bytes: a row whose new text is canonically equivalent to the stored one
    /// (é precomposed, then decomposed) but not the same bytes is rewritten.
    @Test func rowsAreComparedByBytesNotByUnicodeEquivalence() throws {
        let scratch = Scratch()
        var row = storedRecord("A.s", module: "M")
        row.json = "{\"doc\":\"caf\u{E9}\"}"
        try RecordStore(directory: scratch.path).replaceModule(owner: "o", module: "M", rows: [row], digest: "d1")
        let warmed = try #require(RecordStore.warmed(directory: scratch.path, owner: "o", module: "M"))
        var decomposed = row
        decomposed.json = "{\"doc\":\"cafe\u{301}\"}"
        #expect(decomposed.json == row.json)                                   // Swift: equal
        #expect(Array(decomposed.json.utf8) != Array(row.json.utf8))            // bytes: not
        _ = try warmed.replaceModule(owner: "o", module: "M", rows: [decomposed], digest: "d1")
        let stored = try #require(try rows(RecordStore(directory: scratch.path))["A.s"])
        #expect(Array(stored.utf8) == Array(decomposed.json.utf8))
    }

    /// A database set aside and recreated by another process after the read (its repair): the
    /// warmed store knows it no longer has the file at its path.
    @Test func aDatabaseReplacedAfterTheReadIsNoticed() throws {
        let scratch = Scratch()
        try RecordStore(directory: scratch.path).replaceModule(owner: "o", module: "M", rows: [storedRecord("A.s", module: "M")],
                                                               digest: "d1")
        let warmed = try #require(RecordStore.warmed(directory: scratch.path, owner: "o", module: "M"))
        #expect(warmed.isStillTheFileAtItsPath)
        let path = RecordStore.path(inDirectory: scratch.path)
        #expect(rename(path, path + ".broken") == 0)
        _ = try RecordStore(directory: scratch.path)
        #expect(!warmed.isStillTheFileAtItsPath)
    }

    /// Where the usual open would create, convert or set aside the file, `warmed` returns nil and
    /// leaves everything as it was.
    @Test func warmedChangesNothingWhereTheUsualOpenWould() throws {
        let scratch = Scratch()
        #expect(RecordStore.warmed(directory: scratch.path, owner: "o", module: "M") == nil)
        #expect(!FileSystem.exists(RecordStore.path(inDirectory: scratch.path)))
        // Another schema version.
        let store = try RecordStore(directory: scratch.path)
        try store.replaceModule(owner: "o", module: "M", rows: [storedRecord("A.s", module: "M")], digest: "d1")
        try store.connection.execute("PRAGMA user_version=99")
        #expect(RecordStore.warmed(directory: scratch.path, owner: "o", module: "M") == nil)
        #expect(try store.connection.query("PRAGMA user_version").first?.first == "99")
        // Not in WAL mode.
        try store.connection.execute("PRAGMA user_version=\(RecordStore.schemaVersion)")
        try store.connection.execute("PRAGMA journal_mode=DELETE")
        #expect(RecordStore.warmed(directory: scratch.path, owner: "o", module: "M") == nil)
        #expect(try store.connection.query("PRAGMA journal_mode").first?.first == "delete")
    }
}
