import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

/// The `CacheStorage` contract, on the local root.
@Suite struct LocalCacheRootTests {
    let result = CachedResult(xml: Array(String(repeating: "<Class name=\"A\"/>\n", count: 3000).utf8),
                              standardOutput: Array("out".utf8), standardError: [], castxmlMilliseconds: 7)

    func storeObject(_ root: LocalCacheRoot, _ key: Digest) throws {
        try root.writeObject(key, pieces: ObjectFile.encode(result, codec: .lz4, relocated: false))
    }

    @Test func entryFilesAndObjectsRoundTripByKey() throws {
        let root = LocalCacheRoot(path: TemporaryDirectory().path + "/cache")
        let direct = SHA256.hash("direct"), object = SHA256.hash("object")
        #expect(try root.readEntryFile(directKey: direct) == nil)
        #expect(try root.openObject(object) == nil)
        try root.writeEntryFile(directKey: direct, Array("entries\n".utf8))
        try storeObject(root, object)
        #expect(try root.readEntryFile(directKey: direct) == Array("entries\n".utf8))
        let bytes = try #require(try root.openObject(object))
        #expect(bytes.name == root.objectPath(object))
        var xml: [UInt8] = []
        try ObjectFile.reader(bytes.source, size: bytes.size, path: bytes.name).streamXML { xml.append(contentsOf: $0) }
        #expect(xml == result.xml)
    }

    @Test func listShowsEveryStoredItemWithItsSize() throws {
        let root = LocalCacheRoot(path: TemporaryDirectory().path)
        #expect(try root.list().isEmpty)
        let direct = SHA256.hash("direct"), first = SHA256.hash("first"), second = SHA256.hash("second")
        try root.writeEntryFile(directKey: direct, Array("12345".utf8))
        try storeObject(root, first)
        try storeObject(root, second)
        // Other files of the root (locks, stats, temporary files of stores under way) are not items.
        _ = try root.lock(directKey: direct)
        Statistics(root: root).add([.misses: 1], shard: 0)
        let unfinished = try AtomicWriter(destination: root.objectPath(SHA256.hash("third")))
        try unfinished.write(Array("partial".utf8))
        defer { unfinished.abort() }
        let listed = try root.list()
        let objectSize = Int64(try ObjectFile.encode(result, codec: .lz4, relocated: false).map(\.count).reduce(0, +))
        #expect(Set(listed.map(\.item)) == [.entryFile(directKey: direct), .object(first), .object(second)])
        for item in listed {
            #expect(item.size == (item.item == .entryFile(directKey: direct) ? 5 : objectSize))
            #expect(item.lastUse == (try FileStat.of(root.path(of: item.item)).mtime))
        }
    }

    @Test func removeMakesTheNextLookupAMiss() throws {
        let root = LocalCacheRoot(path: TemporaryDirectory().path)
        let direct = SHA256.hash("direct"), object = SHA256.hash("object")
        try root.writeEntryFile(directKey: direct, Array("x".utf8))
        try storeObject(root, object)
        try root.remove(.object(object))
        try root.remove(.entryFile(directKey: direct))
        #expect(try root.openObject(object) == nil)
        #expect(try root.readEntryFile(directKey: direct) == nil)
        #expect(try root.list().isEmpty)
        // Removing what is not there is not an error.
        try root.remove(.object(object))
    }

    @Test func anOpenObjectStaysReadableWhenRemoved() throws {
        let root = LocalCacheRoot(path: TemporaryDirectory().path)
        let object = SHA256.hash("object")
        try storeObject(root, object)
        let bytes = try #require(try root.openObject(object))
        try root.remove(.object(object))
        var xml: [UInt8] = []
        try ObjectFile.reader(bytes.source, size: bytes.size, path: bytes.name).streamXML { xml.append(contentsOf: $0) }
        #expect(xml == result.xml)
    }

    @Test func recordUseMakesTheItemMostRecentlyUsed() throws {
        let root = LocalCacheRoot(path: TemporaryDirectory().path)
        let old = SHA256.hash("old"), used = SHA256.hash("used")
        try storeObject(root, old)
        try storeObject(root, used)
        for key in [old, used] {
            var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, root.objectPath(key), &times, 0) == 0)
        }
        root.recordUse(.object(used))
        root.recordUse(.object(SHA256.hash("absent")))  // best effort: nothing happens
        let byKey = Dictionary(uniqueKeysWithValues: try root.list().map { ($0.item, $0.lastUse) })
        #expect(byKey[.object(old)] == Timestamp(seconds: 1_000_000, nanoseconds: 0))
        #expect(byKey[.object(used)]! > Timestamp(seconds: 1_000_000, nanoseconds: 0))
        #expect(byKey.count == 2)
    }

    @Test func writableUnlessBelowAFile() throws {
        let dir = TemporaryDirectory()
        #expect(LocalCacheRoot(path: dir.path).isWritable)
        #expect(LocalCacheRoot(path: dir.path + "/not/yet/created").isWritable)
        let file = dir.write("file", "x")
        #expect(!LocalCacheRoot(path: file + "/cache").isWritable)
    }
}
