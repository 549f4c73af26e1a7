import Glibc
import SwiftWrapCore
import Testing
@testable import SwiftWrapRecords

@Suite struct RecordStoreTests {
    @Test func replacesOnlyTheModulesRows() throws {
        let scratch = Scratch()
        let store = try RecordStore(directory: scratch.path)
        try store.replaceModule(owner: "o", module: "M", rows: [storedRecord("A.s", module: "M"), storedRecord("B.s", module: "M")], digest: "d1")
        try store.replaceModule(owner: "o", module: "N", rows: [storedRecord("C.t", module: "N")], digest: "d2")
        try store.replaceModule(owner: "o", module: "M", rows: [storedRecord("B.s", module: "M")], digest: "d3")
        #expect(try store.rows(owner: "o", module: "M").map(\.key) == ["B.s"])
        #expect(try store.rows(owner: "o", module: "N").map(\.key) == ["C.t"])
        #expect(RecordCoding.decode(try store.rows(owner: "o", module: "N")[0].json) == storedRecord("C.t", module: "N").record)
    }

    @Test func schemaVersionIsInTheFileNameAndUserVersion() throws {
        let scratch = Scratch()
        let store = try RecordStore(directory: scratch.path)
        #expect(store.path.hasSuffix("records-v\(RecordStore.schemaVersion).db"))
        #expect(try store.connection.query("PRAGMA user_version").first?.first == "\(RecordStore.schemaVersion)")
        #expect(try store.connection.query("PRAGMA journal_mode").first?.first == "wal")
        _ = try RecordStore(directory: scratch.path)  // idempotent
    }

    /// Schema 2 (module-level functions and constants, docs/database.md): its own file, and a version-1
    /// file beside it is left exactly as it is for the older wrapgen and stubgen that still use it.
    @Test func schemaTwoHasItsOwnFileAndLeavesVersionOneAlone() throws {
        let scratch = Scratch()
        #expect(RecordStore.schemaVersion == 2 && RecordStore.fileName == "records-v2.db")
        let old = try SQLiteConnection(path: Path.join(scratch.path, "records-v1.db"))
        try old.execute("CREATE TABLE records (owner TEXT, key TEXT)")
        try old.execute("INSERT INTO records VALUES ('o', 'A.s')")
        try old.execute("PRAGMA user_version=1")
        old.close()
        let before = try FileSystem.read(Path.join(scratch.path, "records-v1.db"))
        let store = try RecordStore(directory: scratch.path)
        try store.replaceModule(owner: "o", module: "M", rows: [storedRecord("B.s", module: "M")], digest: "d")
        #expect(store.notes.isEmpty)
        #expect(store.path == Path.join(scratch.path, "records-v2.db"))
        #expect(try FileSystem.read(Path.join(scratch.path, "records-v1.db")) == before)
        #expect(try FileSystem.list(scratch.path).filter { $0.hasPrefix("records-v1.db") } == ["records-v1.db"])
    }

    /// A version-1 file at the version-2 name (copied by hand) is another schema: set aside, recreated.
    @Test func versionOneContentUnderTheNewNameIsSetAside() throws {
        let scratch = Scratch()
        let old = try SQLiteConnection(path: Path.join(scratch.path, RecordStore.fileName))
        try old.execute("CREATE TABLE records (owner TEXT, key TEXT)")
        try old.execute("PRAGMA user_version=1")
        old.close()
        let store = try RecordStore(directory: scratch.path)
        #expect(store.notes.count == 1 && store.notes[0].contains("schema version is 1"))
        #expect(try store.connection.query("PRAGMA user_version").first?.first == "2")
    }

    @Test func garbageIsMovedAside() throws {
        let scratch = Scratch()
        _ = scratch.write(RecordStore.fileName, String(repeating: "not sqlite ", count: 200))
        let store = try RecordStore(directory: scratch.path)
        #expect(store.notes.count == 1)
        #expect(try FileSystem.list(scratch.path).contains { $0.hasPrefix(RecordStore.fileName + ".broken-") })
    }

    /// A database of `count` rows of 2 KB, closed; returns the leaf page of `records` in the middle.
    func bigDatabase(_ directory: String, count: Int = 200) throws -> Int {
        let store = try RecordStore(directory: directory)
        let rows = (0..<count).map { index -> StoredRecord in
            var row = storedRecord("K\(index).s", module: "M")
            row.json = String(repeating: "x", count: 2000)
            return row
        }
        try store.replaceModule(owner: "o", module: "M", rows: rows, digest: "d")
        try store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let leaves = try store.connection.query("SELECT pageno FROM dbstat WHERE name = 'records' AND pagetype = 'leaf' ORDER BY path")
            .compactMap { $0.first.flatMap { $0 }.flatMap { Int($0) } }
        store.connection.close()
        let pages = Int(try FileStat.of(store.path).size) / 4096
        #expect(leaves.count > 10 && pages > 60)
        return leaves[leaves.count / 2]
    }

    func damagePage(_ path: String, _ page: Int) throws {
        let fd = open(path, O_WRONLY)
        defer { close(fd) }
        let garbage = [UInt8](repeating: 0xA5, count: 4096)
        #expect(pwrite(fd, garbage, garbage.count, off_t((page - 1) * 4096)) == garbage.count)
    }

    @Test func damageFoundByAQueryIsSetAsideLikeDamageAtOpen() throws {
        let scratch = Scratch()
        let page = try bigDatabase(scratch.path)
        let early = try RecordStore(directory: scratch.path)  // opened before the damage, repairs second
        try damagePage(Path.join(scratch.path, RecordStore.fileName), page)
        let store = try RecordStore(directory: scratch.path)  // the header is fine: opening finds nothing
        #expect(store.notes.isEmpty)
        #expect(try store.rows(owner: "o").isEmpty)
        #expect(store.notes.count == 1 && store.notes[0].contains("moved it to"))
        try store.replaceModule(owner: "o", module: "M", rows: [storedRecord("A.s", module: "M")], digest: "d")
        // The other process finds its (old) file damaged, sees that another one replaced it, and uses the new one.
        #expect(try early.rows(owner: "o").map(\.key) == ["A.s"])
        #expect(early.notes.isEmpty)
        #expect(try FileSystem.list(scratch.path).filter { $0.hasPrefix(RecordStore.fileName + ".broken-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }.count == 1)
    }

    @Test func aDirectoryThatIsAFileGetsAPlainMessage() throws {
        let scratch = Scratch()
        let file = scratch.write("db", "a file\n")
        let error = #expect(throws: RecordStoreError.self) { try RecordStore(directory: file) }
        #expect(error?.cause == .notADirectory)
        #expect(error?.description.contains("'\(file)' (or a directory above it) is a file, not a directory") == true)
        #expect(error?.description.contains("SQLite code") == false)
    }

    @Test func digestDependsOnContentNotOrder() {
        let a = RecordCoding.digest([(key: "A.s", json: "1"), (key: "B.s", json: "2")])
        let b = RecordCoding.digest([(key: "B.s", json: "2"), (key: "A.s", json: "1")])
        let c = RecordCoding.digest([(key: "A.s", json: "1"), (key: "B.s", json: "3")])
        #expect(a == b && a != c)
    }
}

extension RecordStore {
    /// (key, JSON) of one module's rows, sorted by key (for the tests).
    func rows(owner: String, module: String) throws(RecordStoreError) -> [(key: String, json: String)] {
        try connection.query("SELECT key, data FROM records WHERE owner = ?1 AND module = ?2 ORDER BY key", [owner, module])
            .map { (key: $0[0] ?? "", json: $0[1] ?? "") }
    }
}
