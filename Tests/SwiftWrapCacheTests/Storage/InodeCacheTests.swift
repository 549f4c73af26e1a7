import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

@Suite struct InodeCacheTests {
    @Test func loadsEverythingOrOnlyTheInodesAsked() {
        let dir = TemporaryDirectory()
        let cache = InodeCache(root: LocalCacheRoot(path: dir.path))
        func stat(_ inode: UInt64) -> FileStat {
            FileStat(device: 64_768, inode: inode, size: 10, mtime: .init(seconds: 5, nanoseconds: 6),
                     ctime: .init(seconds: 7, nanoseconds: 8), mode: 0o100644)
        }
        let entries = (1...500).map { i in
            (stat(UInt64(i)), FileFacts(digest: SHA256.hash("file \(i)"), timeMacro: i == 7 ? "__DATE__" : nil,
                                        hasIncludeNames: i == 9 ? ["a.h", "sub/b.h"] : []))
        }
        cache.append(entries)
        let all = cache.load()
        #expect(all.count == 500)
        #expect(all[stat(7)]?.timeMacro == "__DATE__")
        #expect(all[stat(9)]?.hasIncludeNames == ["a.h", "sub/b.h"])
        let some = cache.load(inodes: [9, 250, 100_000])
        #expect(Set(some.keys) == [stat(9), stat(250)])
        #expect(some[stat(250)]?.digest == SHA256.hash("file 250"))
    }

    @Test func inodeFieldIsReadFromTheLineStart() {
        func inode(_ text: String) -> UInt64? {
            Array(text.utf8).withUnsafeBufferPointer { InodeCache.inode(ofLine: $0) }
        }
        #expect(inode("64768,1234567,10,5.6,7.8,33188 abc") == 1_234_567)
        #expect(inode("64768,,10") == nil)
        #expect(inode("64768") == nil)
        #expect(inode("64768,12x,") == nil)
    }
}
