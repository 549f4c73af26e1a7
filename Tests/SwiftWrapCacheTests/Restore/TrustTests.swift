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
        #expect(LosslessText.encode(request.arguments[1]) == odd)
        let plain = CastXMLCache.Request(program: Array("castxml".utf8), arguments: [Array("ä.cxx".utf8)], depfile: nil)
        #expect(plain.arguments == ["ä.cxx"])
    }
}

@Suite struct LosslessTextTests {
    @Test func roundTripsAnyBytes() {
        let samples: [[UInt8]] = [
            Array("plain/path.h".utf8), Array("ä/ü.h".utf8), [0xff], [0x2f, 0xff, 0x2f, 0x61],
            [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80],             // truncated, surrogate
            Array("\u{10FF41}".utf8), Array("x\u{10FFFF}y".utf8), // the escape range itself
            [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf],               // beyond U+10FFFF, overlong
        ]
        for bytes in samples {
            let text = LosslessText.decode(bytes)
            #expect(LosslessText.encode(text) == bytes, "\(bytes)")
        }
        #expect(LosslessText.decode(Array("ä/ü.h".utf8)) == "ä/ü.h")
        #expect(!LosslessText.hasEscapes("ä/ü.h"))
        #expect(LosslessText.hasEscapes(LosslessText.decode([0xff])))
    }

    @Test func filesWithOtherBytesAreReachable() throws {
        let dir = TemporaryDirectory()
        let name = LosslessText.decode(Array((dir.path + "/inc").utf8) + [0xff])
        #expect(LosslessText.withCPath(name) { mkdir($0, 0o755) } == 0)
        #expect(try FileStat.of(name).isDirectory)
        #expect(FileSystem.names(in: dir.path) == [LosslessText.decode(Array("inc".utf8) + [0xff])])
    }
}

@Suite struct StatisticsParseTests {
    @Test func parsesWhatItRendersAndSkipsDamage() {
        let counts: [Counter: Int] = [.directHits: 12, .misses: 3, .notStored: 1, .millisecondsSaved: 987_654_321]
        let text = Statistics.render(counts)
        var expected = counts
        for counter in Counter.allCases where expected[counter] == nil { expected[counter] = 0 }
        #expect(Statistics.parse(Array(text.utf8)) == expected)
        let damaged = Array("misses\t12x\nnonsense\t4\nbypasses\t0000000000000000007\nerrors\n\t5\n".utf8)
        #expect(Statistics.parse(damaged) == [.bypasses: 7])
    }
}
