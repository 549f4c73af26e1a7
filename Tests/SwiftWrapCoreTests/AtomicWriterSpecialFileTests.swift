import Foundation
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCore

/// Outputs that are not regular files (issue 11, item 1): a device or FIFO is written in place, a
/// symbolic link is published through to its target. Devices are made with mknod in a scratch
/// directory (the tests run as root); never /dev/null itself.
@Suite struct AtomicWriterSpecialFileTests {
    /// Linux's device number of /dev/null (major 1, minor 3), as makedev(3) encodes it.
    private let nullDevice = dev_t((1 << 8) | 3)

    private func fileType(_ path: String) -> mode_t {
        var raw = stat()
        precondition(lstat(path, &raw) == 0, "lstat \(path)")
        return raw.st_mode & S_IFMT
    }

    @Test func characterDeviceIsWrittenInPlace() throws {
        let dir = TemporaryDirectory()
        let device = dir.file("null")
        try #require(mknod(device, S_IFCHR | 0o666, nullDevice) == 0, "mknod needs root: \(Errno.current)")
        #expect(try AtomicWriter.write("first\n", to: device) == .written)
        // Same bytes again: no comparison against a device (reading it would consume input).
        #expect(try AtomicWriter.write("first\n", to: device) == .written)
        #expect(fileType(device) == S_IFCHR)
        var raw = stat()
        #expect(stat(device, &raw) == 0 && raw.st_rdev == nullDevice)
        // No temporary file, no rename: the directory holds the device alone.
        #expect(try FileSystem.list(dir.path) == ["null"])
    }

    @Test func fifoWithAReaderGetsTheBytesAndStaysAFIFO() throws {
        let dir = TemporaryDirectory()
        let fifo = dir.file("pipe")
        try #require(mkfifo(fifo, 0o666) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        #expect(try AtomicWriter.write("through the pipe\n", to: fifo) == .written)
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = read(reader, &buffer, buffer.count)
        #expect(count == 17)
        #expect(String(decoding: buffer[..<max(count, 0)], as: UTF8.self) == "through the pipe\n")
        #expect(fileType(fifo) == S_IFIFO)
        #expect(try FileSystem.list(dir.path) == ["pipe"])
    }

    @Test func fifoWithoutAReaderIsAnErrorNotAHang() throws {
        let dir = TemporaryDirectory()
        let fifo = dir.file("pipe")
        try #require(mkfifo(fifo, 0o666) == 0)
        let error = #expect(throws: FileError.self) { try AtomicWriter.write("x", to: fifo) }
        #expect(error?.description.contains("FIFO has no reader") == true)
        #expect(fileType(fifo) == S_IFIFO)
        #expect(try FileSystem.list(dir.path) == ["pipe"])
    }

    @Test func symbolicLinkIsPublishedThroughToItsTarget() throws {
        let dir = TemporaryDirectory()
        try FileSystem.createDirectories(dir.file("real"))
        let target = dir.write("real/out.i", "old\n")
        let link = dir.file("out.i")
        try #require(symlink("real/out.i", link) == 0)
        #expect(try AtomicWriter.write("new\n", to: link) == .written)
        #expect(fileType(link) == S_IFLNK)
        #expect(try FileSystem.readText(target) == "new\n")
        #expect(try AtomicWriter.write("new\n", to: link) == .unchanged)
        #expect(fileType(link) == S_IFLNK)
        // The temporary file went to the target's directory and was renamed; none is left anywhere.
        #expect(try FileSystem.list(dir.path) == ["out.i", "real"])
        #expect(try FileSystem.list(dir.file("real")) == ["out.i"])
        // A chain of links ending at a device: the device is written in place, every link stays.
        let device = dir.file("real/null")
        try #require(mknod(device, S_IFCHR | 0o666, nullDevice) == 0)
        try #require(symlink(device, dir.file("hop")) == 0)
        try #require(symlink("hop", dir.file("out.d")) == 0)
        #expect(try AtomicWriter.write("dep: x\n", to: dir.file("out.d")) == .written)
        #expect(fileType(dir.file("out.d")) == S_IFLNK && fileType(dir.file("hop")) == S_IFLNK)
        #expect(fileType(device) == S_IFCHR)
    }

    @Test func directoryAtTheOutputPathIsAClearError() throws {
        let dir = TemporaryDirectory()
        try FileSystem.createDirectories(dir.file("out.i"))
        let error = #expect(throws: FileError.self) { try AtomicWriter.write("x", to: dir.file("out.i")) }
        #expect(error?.description.contains("it is a directory") == true)
        #expect(try FileSystem.list(dir.path) == ["out.i"])
    }

    @Test func staleTemporariesOfOwnOutputsAreRemoved() throws {
        let dir = TemporaryDirectory()
        let old = dir.write(".out.i.tmp.AbC123", "killed run")
        let fresh = dir.write(".out.i.tmp.XyZ789", "live writer")
        let foreign = dir.write(".other.i.tmp.QwE456", "not ours")
        let lookalike = dir.write(".out.i.tmp.long-suffix", "not mkstemp's")
        for path in [old, foreign, lookalike] { setModificationTime(path, seconds: 1_000_000) }
        let removed = AtomicWriter.removeStaleTemporaries(of: [dir.file("out.i"), dir.file("out.idx")])
        #expect(removed == [old])
        #expect(!FileSystem.exists(old))
        #expect(FileSystem.exists(fresh) && FileSystem.exists(foreign) && FileSystem.exists(lookalike))
        #expect(AtomicWriter.temporaryOwner(".Base.stamp.tmp.a1b2c3") == "Base.stamp")
        #expect(AtomicWriter.temporaryOwner(".tmp.a1b2c3") == nil)
    }
}
