import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

/// The usage ledger stays equal to the disk usage of the items, and the cap evicts least recently
/// used items first, never the caller's own.
@Suite struct SizeCapTests {
    func store(_ root: LocalCacheRoot, _ name: String, bytes: Int, age: Int) throws -> StorageItem {
        let key = SHA256.hash(name)
        try root.writeObject(key, pieces: [[UInt8](repeating: 0x41, count: bytes)])
        var times = [timespec(tv_sec: time(nil) - age, tv_nsec: 0), timespec(tv_sec: time(nil) - age, tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, root.objectPath(key), &times, 0)
        return .object(key)
    }

    func ledger(_ root: LocalCacheRoot) throws -> UsageLedger.Counts {
        let ledger = try UsageLedger(root: root)
        defer { ledger.unlock() }
        return ledger.counts
    }

    @Test func countersFollowStoresReplacementsAndRemovals() throws {
        let root = LocalCacheRoot(path: TemporaryDirectory().path + "/cache")
        let a = try store(root, "a", bytes: 5000, age: 0)  // 8 KiB on disk
        _ = try store(root, "b", bytes: 1, age: 0)          // 4 KiB
        try root.writeEntryFile(directKey: SHA256.hash("d"), [UInt8](repeating: 0x42, count: 4097))
        #expect(try ledger(root) == UsageLedger.Counts(itemBytes: 8192 + 4096 + 8192, entryFiles: 1, objects: 2, storesSinceEviction: 4))
        try root.writeEntryFile(directKey: SHA256.hash("d"), [UInt8](repeating: 0x43, count: 10))  // replaced: 4 KiB
        try root.remove(a)
        try root.remove(a)  // missing: nothing changes
        let counts = try ledger(root)
        #expect(counts.itemBytes == 4096 + 4096 && counts.objects == 1 && counts.entryFiles == 1)
        // A root without counters is scanned once to create them.
        unlink(root.usagePath)
        #expect(try ledger(root).itemBytes == 8192)
    }

    @Test func capEvictsLeastRecentlyUsedButNeverTheCallersItems() throws {
        let root = LocalCacheRoot(path: TemporaryDirectory().path + "/cache")
        let old = try store(root, "old", bytes: 4096, age: 300)
        let older = try store(root, "older", bytes: 4096, age: 400)
        let recent = try store(root, "recent", bytes: 4096, age: 100)
        let mine = try store(root, "mine", bytes: 4096, age: 500)  // oldest, but just stored by "this process"
        let state = root.stateUsage()
        let cap = SizeCap(root: root, maxSize: state + 3 * 4096)
        #expect(try cap.enforce(afterStoring: [mine]))
        let left = Set(try root.list().map(\.item))
        #expect(left.contains(mine) && left.contains(recent))
        #expect(!left.contains(older), "the least recently used item goes first")
        #expect(try ledger(root).itemBytes + root.stateUsage() <= cap.maxSize)
        _ = old
        // Too small for the caller's own item: it is removed again and the store reports false.
        let big = try store(root, "big", bytes: 40_000, age: 0)
        #expect(try SizeCap(root: root, maxSize: state + 8192).enforce(afterStoring: [big]) == false)
        #expect(!(try root.list().map(\.item)).contains(big))
    }
}
