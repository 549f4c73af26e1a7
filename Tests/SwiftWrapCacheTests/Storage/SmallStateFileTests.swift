import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

@Suite struct SmallStateFileTests {
    @Test func statisticsShardKeepsItsSizeAndNeverEmpties() throws {
        let dir = TemporaryDirectory()
        let stats = Statistics(root: LocalCacheRoot(path: dir.path))
        let shard = LocalCacheRoot(path: dir.path).statsPath(shard: 3)
        // A shard in the older variable-width layout is read, then rewritten at the fixed width.
        try AtomicWriter.write("direct hits\t7\nmisses\t2\n", to: shard)
        stats.add([.directHits: 1], shard: 3)
        let size = try FileStat.of(shard).size
        #expect(size == Int64(Statistics.render([:]).utf8.count))
        for n in 0..<50 { stats.add([.misses: 1, .millisecondsSaved: n * 1_000_000_007], shard: 3) }
        #expect(try FileStat.of(shard).size == size)
        let totals = stats.totals()
        #expect(totals[.directHits] == 8)
        #expect(totals[.misses] == 52)
        #expect(totals[.millisecondsSaved] == (0..<50).reduce(0) { $0 + $1 * 1_000_000_007 })
    }

    @Test func outputMemoRejectsATornOrForeignRecord() throws {
        let dir = TemporaryDirectory()
        let root = LocalCacheRoot(path: dir.path)
        let output = dir.path + "/out.xml"
        try AtomicWriter.write("<xml/>", to: output)
        let memo = OutputMemo(root: root, output: output, workingDirectory: dir.path)
        let key = SHA256.hash("object"), other = SHA256.hash("other")
        #expect(!memo.holds(key))
        memo.record(key)
        #expect(memo.holds(key))
        #expect(!memo.holds(other))
        #expect(try FileStat.of(memo.path).size == Int64(OutputMemo.recordSize))
        // A record whose key half was written by another writer fails its check.
        var bytes = try FileSystem.read(memo.path)
        bytes.replaceSubrange(0..<64, with: Array(other.hex.utf8))
        try AtomicWriter.write(bytes, to: memo.path)
        #expect(!memo.holds(other))
        #expect(!memo.holds(key))
        // Any write to the output moves its ctime: the memo no longer vouches for it.
        memo.record(key)
        #expect(memo.holds(key))
        try AtomicWriter.write("<xml>changed</xml>", to: output)
        #expect(!memo.holds(key))
    }
}
