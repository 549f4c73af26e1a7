import Foundation
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCore

@Suite struct AtomicWriterTests {
    @Test func writesNewFileAndReportsWritten() throws {
        let dir = TemporaryDirectory()
        let target = dir.file("sub/out.txt")
        #expect(try AtomicWriter.write("hello\n", to: target) == .written)
        #expect(try FileSystem.readText(target) == "hello\n")
        // No temporary file is left beside the output.
        #expect(try FileSystem.list(dir.path + "/sub") == ["out.txt"])
    }

    @Test func unchangedContentKeepsTheModificationTime() throws {
        let dir = TemporaryDirectory()
        let target = dir.file("out.txt")
        try AtomicWriter.write("same bytes", to: target)
        setModificationTime(target, seconds: 1_000_000)
        let before = try FileStat.of(target)
        #expect(try AtomicWriter.write("same bytes", to: target) == .unchanged)
        let after = try FileStat.of(target)
        #expect(after.mtime == before.mtime)
        #expect(after.inode == before.inode)
        #expect(try AtomicWriter.write("other bytes", to: target) == .written)
        #expect(try FileStat.of(target).mtime.seconds > 1_000_000)
    }

    @Test func touchPolicyRefreshesTheModificationTimeOnly() throws {
        let dir = TemporaryDirectory()
        let target = dir.file("out.txt")
        try AtomicWriter.write("x", to: target)
        setModificationTime(target, seconds: 1_000_000)
        let inode = try FileStat.of(target).inode
        #expect(try AtomicWriter.write("x", to: target, ifUnchanged: .touch) == .touched)
        let after = try FileStat.of(target)
        #expect(after.mtime.seconds > 1_000_000)
        #expect(after.inode == inode)
    }

    @Test func streamingWriterComparesBeforePublishing() throws {
        let dir = TemporaryDirectory()
        let target = dir.file("big.bin")
        let payload = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let first = try AtomicWriter(destination: target)
        try first.write(payload)
        #expect(try first.commit() == .written)
        setModificationTime(target, seconds: 2_000_000)
        let second = try AtomicWriter(destination: target)
        try second.write(Array(payload[..<1000]))
        try second.write(Array(payload[1000...]))
        #expect(try second.commit() == .unchanged)
        #expect(try FileStat.of(target).mtime.seconds == 2_000_000)
        #expect(try FileSystem.list(dir.path) == ["big.bin"])
    }

    @Test func abortedWriterLeavesTheOldFileAndNoTemporary() throws {
        let dir = TemporaryDirectory()
        let target = dir.file("out.xml")
        try AtomicWriter.write("complete old content", to: target)
        do {
            let writer = try AtomicWriter(destination: target)
            try writer.write(Array("partial".utf8))
            writer.abort()
        }
        #expect(try FileSystem.readText(target) == "complete old content")
        #expect(try FileSystem.list(dir.path) == ["out.xml"])
    }

    /// A reader polling the file while two large versions are published alternately must only ever
    /// see one complete version.
    @Test func readerNeverSeesAPartialFile() throws {
        let dir = TemporaryDirectory()
        let target = dir.file("shared.bin")
        let a = [UInt8](repeating: 0x41, count: 3 << 20)
        let b = [UInt8](repeating: 0x42, count: 2 << 20)
        try AtomicWriter.write(a, to: target)
        let done = ManagedAtomicFlag()
        let writer = Thread {
            for i in 0..<60 { _ = try? AtomicWriter.write(i % 2 == 0 ? b : a, to: target) }
            done.set()
        }
        writer.start()
        var reads = 0, torn = 0
        while !done.isSet || reads < 20 {
            let bytes = try FileSystem.read(target)
            reads += 1
            if !(bytes == a || bytes == b) { torn += 1 }
        }
        #expect(torn == 0)
        #expect(reads >= 20)
    }
}

/// A tiny thread-safe flag for the concurrency test.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
