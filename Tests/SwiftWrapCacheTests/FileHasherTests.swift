import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
import SwiftWrapCore

@Suite struct FileHasherTests {
    @Test func unchangedFileIsNotReadAgain() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("header.h")
        try AtomicWriter.write("int a;\n", to: path)
        let hasher = FileHasher()
        let first = try hasher.digest(of: path)
        let second = try hasher.digest(of: path)
        #expect(first == second)
        #expect(hasher.filesHashed == 1)
    }

    /// Same size, same mtime, different bytes: the ctime moves, so the memo must not be trusted.
    @Test func changedFileIsRehashedEvenWithSameSizeAndMtime() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("header.h")
        try AtomicWriter.write("int a;\n", to: path)
        setModificationTime(path, seconds: 1_500_000_000)
        let hasher = FileHasher()
        let before = try hasher.digest(of: path)
        // Rewrite in place (same inode), same size, then put the old mtime back.
        let fd = open(path, O_WRONLY)
        try FileSystem.writeAll(fd: fd, Array("int b;\n".utf8), path: path)
        close(fd)
        setModificationTime(path, seconds: 1_500_000_000)
        let now = try FileStat.of(path)
        #expect(now.size == before.stat.size)
        #expect(now.mtime == before.stat.mtime)
        #expect(now.inode == before.stat.inode)
        let after = try hasher.digest(of: path)
        #expect(after.digest == SHA256.hash("int b;\n"))
        #expect(after.digest != before.digest)
        #expect(hasher.filesHashed == 2)
    }

    @Test func seededEntryIsUsedOnlyWhileTheStatMatches() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("x.h")
        try AtomicWriter.write("x", to: path)
        let stat = try FileStat.of(path)
        let fake = SHA256.hash("pretend")
        let hasher = FileHasher()
        hasher.seed(path: path, stat: stat, digest: fake)
        #expect(try hasher.digest(of: path).digest == fake)
        #expect(hasher.filesHashed == 0)
        try AtomicWriter.write("y", to: path)
        #expect(try hasher.digest(of: path).digest == SHA256.hash("y"))
        #expect(hasher.filesHashed == 1)
    }
}
