import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCore

/// Core pieces the cache's file hasher is built on: hashing a whole file, and file stats.
@Suite struct FileHashAndStatTests {
    @Test func digestMatchesKnownSHA256() throws {
        #expect(SHA256.hash("abc").hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let dir = TemporaryDirectory()
        try AtomicWriter.write("abc", to: dir.file("f"))
        #expect(try SHA256.hashFile(dir.file("f")).0 == SHA256.hash("abc"))
    }

    @Test func settledMeansChangedBeforeTheRunStarted() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x")
        try AtomicWriter.write("x", to: path)
        let stat = try FileStat.of(path)
        #expect(!stat.isSettled(before: Timestamp(seconds: stat.ctime.seconds - 1, nanoseconds: 0)))
        #expect(stat.isSettled(before: Timestamp(seconds: stat.ctime.seconds + 1, nanoseconds: 0)))
    }
}
