import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

/// Issue 11: what the cache may publish to, what it may store, and argument bytes.
@Suite struct TrustTests {
    @Test func specialTargetsAreBypassedAndSymlinksResolved() throws {
        let dir = TemporaryDirectory()
        let root = dir.path
        // Device 1,3 (a null device of our own, in a scratch directory): makedev(1, 3) = 0x103 on Linux.
        #expect(mknod(root + "/null", S_IFCHR | 0o666, 0x103) == 0)
        #expect(mkfifo(root + "/fifo", 0o644) == 0)
        try FileSystem.createDirectories(root + "/dir")
        try AtomicWriter.write("x", to: root + "/real.xml")
        #expect(symlink(root + "/real.xml", root + "/link.xml") == 0)
        #expect(symlink(root + "/null", root + "/link-null") == 0)
        #expect(symlink(root + "/nowhere", root + "/dangling") == 0)
        for special in ["null", "fifo", "dir", "link-null", "dangling"] {
            guard case .bypass(let reason) = OutputTargets.inspect(output: root + "/" + special, dependencyFile: nil,
                                                                   extraDepfile: nil) else {
                Issue.record("\(special) was accepted as an output")
                continue
            }
            #expect(reason.contains("-o output '\(root)/\(special)'"))
        }
        guard case .bypass(let reason) = OutputTargets.inspect(output: root + "/new.xml", dependencyFile: root + "/fifo",
                                                               extraDepfile: nil) else {
            Issue.record("a FIFO depfile was accepted")
            return
        }
        #expect(reason.contains("a FIFO"))
        guard case .publish(let targets) = OutputTargets.inspect(output: root + "/link.xml", dependencyFile: root + "/new.d",
                                                                 extraDepfile: nil) else {
            Issue.record("a symlink to a regular file was refused")
            return
        }
        #expect(targets.output == root + "/real.xml")
        #expect(targets.dependencyFile == root + "/new.d")
        if case .absent = targets.dependencyFileState {} else { Issue.record("a missing depfile is not known absent") }
    }

    @Test func depfileSpellingFindsBackslashes() throws {
        let dir = TemporaryDirectory()
        let root = dir.path
        try FileSystem.createDirectories(root + "/a\\b/c")
        try AtomicWriter.write("x", to: root + "/a\\b/c/x.h")
        try FileSystem.createDirectories(root + "/plain")
        try AtomicWriter.write("x", to: root + "/plain/y.h")
        #expect(DependencySpelling.openable(root + "/a/b/c/x.h") == root + "/a\\b/c/x.h")
        #expect(DependencySpelling.openable(root + "/plain/y.h") == root + "/plain/y.h")
        #expect(DependencySpelling.openable(root + "/plain/z.h") == nil)
    }

    @Test func pathPrefixes() {
        #expect(PathChangeCheck.prefixes(of: "/a/b/c.h") == ["/a", "/a/b"])
        #expect(PathChangeCheck.prefixes(of: "/c.h") == [])
    }

    @Test func replacedDirectoryIsFoundButNewEntriesAreNot() throws {
        let dir = TemporaryDirectory()
        let root = dir.path
        try FileSystem.createDirectories(root + "/inc")
        try FileSystem.createDirectories(root + "/next")
        try AtomicWriter.write("x", to: root + "/inc/x.h")
        try AtomicWriter.write("y", to: root + "/next/x.h")
        usleep(20_000)
        let check = PathChangeCheck(start: Timestamp.now())
        usleep(20_000)
        try AtomicWriter.write("z", to: root + "/inc/new.h")  // a new entry beside the header
        #expect(check.changedComponent(of: [root + "/inc/x.h"]) == nil)
        #expect(rename(root + "/inc", root + "/old") == 0 && rename(root + "/next", root + "/inc") == 0)
        let reason = check.changedComponent(of: [root + "/inc/x.h"])
        #expect(reason?.contains("directory \(root)/inc ") == true)
    }

    @Test func emptyObjectIsCorrupt() throws {
        let result = CachedResult(xml: [], standardOutput: [], standardError: [], castxmlMilliseconds: 1)
        let bytes = try ObjectFile.encodedBytes(result, codec: .none, relocated: false)
        #expect(throws: CacheError.self) { try ObjectFile.decode(bytes, path: "o") }
    }

    @Test func requestKeepsArgumentBytes() {
        let odd: [UInt8] = Array("-I/tmp/inc".utf8) + [0xff]
        let request = CastXMLCache.Request(program: Array("castxml".utf8), arguments: [Array("-o".utf8), odd], depfile: nil)
        #expect(request.argumentBytes[1] == odd)
        #expect(request.firstNonUTF8 == 2)
        let plain = CastXMLCache.Request(program: Array("castxml".utf8), arguments: [Array("ä.cxx".utf8)], depfile: nil)
        #expect(plain.firstNonUTF8 == nil)
        #expect(plain.arguments == ["ä.cxx"])
    }
}
