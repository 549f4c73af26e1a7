import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

@Suite struct RelocatorTests {
    let r = Relocator(base: "/src", workingDirectory: "/src/build/a")

    @Test func keyTokensBecomeRelativeAndMarked() {
        #expect(r.keyToken("-I/src/include") == "-I" + Relocator.keyMarker + "../../include")
        #expect(r.keyToken("/src/build/a/gen/x.cxx") == Relocator.keyMarker + "gen/x.cxx")
        #expect(r.keyToken("-I/srcX/include") == "-I/srcX/include")
        #expect(r.keyToken("-I../include") == "-I../include")
        #expect(r.keyToken("-I/usr/include") == "-I/usr/include")
        // Not normalised: kept as spelled (castxml would print it so).
        #expect(r.keyToken("-I/src/x/../include") == "-I/src/x/../include")
    }

    @Test func storedPathsResolveInASiblingTree() {
        let sibling = Relocator(base: "/src", workingDirectory: "/src/build/b")
        #expect(r.storedPath("/src/include/a.h") == "C:../../include/a.h")
        #expect(sibling.resolve(storedPath: r.storedPath("/src/include/a.h")) == "/src/include/a.h")
        #expect(r.storedPath("/src/build/a/gen/x.cxx") == "C:gen/x.cxx")
        #expect(sibling.resolve(storedPath: "C:gen/x.cxx") == "/src/build/b/gen/x.cxx")
        #expect(r.storedPath("/usr/include/stdio.h") == "A:/usr/include/stdio.h")
        #expect(r.storedPath("inc/a.h") == "R:inc/a.h")
    }

    @Test func storedBytesAreRelativeToTheWorkingDirectory() {
        let xml = Array("<File name=\"/src/include/a.h\"/><File name=\"/src/build/a/gen/x.cxx\"/><File name=\"/x/src/y.h\"/>".utf8)
        let encoded = r.encode(xml)
        #expect(encoded.contains(0))
        let other = Relocator(base: "/elsewhere", workingDirectory: "/elsewhere/build/b")
        #expect(String(decoding: other.decode(encoded), as: UTF8.self)
                == "<File name=\"/elsewhere/include/a.h\"/><File name=\"/elsewhere/build/b/gen/x.cxx\"/><File name=\"/x/src/y.h\"/>")
        #expect(r.decode(xml) == xml)
        #expect(Relocator(base: nil, workingDirectory: "/").encode(xml) == xml)
        // Messages: a path ends at the colon of file:line.
        let message = Array("/src/include/a.h:3:1: warning: w\n".utf8)
        #expect(String(decoding: other.decode(r.encode(message)), as: UTF8.self) == "/elsewhere/include/a.h:3:1: warning: w\n")
    }

    @Test func streamDecoderHandlesMarkersSplitAcrossChunks() {
        let text = Array("a\u{0}../../include/x.h\u{0}b\u{0}gen/y\u{0}".utf8)
        for split in 0...text.count {
            let decoder = Relocator.StreamDecoder(workingDirectory: "/t/build/a")
            let collector = Collector()
            for part in [Array(text[..<split]), Array(text[split...])] {
                part.withUnsafeBytes { raw in collector.run { (sink) throws(FileError) in try decoder.feed(raw, sink) } }
            }
            collector.run { (sink) throws(FileError) in try decoder.finish(sink) }
            #expect(String(decoding: collector.bytes, as: UTF8.self) == "a/t/include/x.hb/t/build/a/gen/y")
        }
    }
}

/// Collects what a stream decoder emits.
final class Collector {
    var bytes: [UInt8] = []
    func run(_ body: ((UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) -> Void) {
        do throws(FileError) {
            try body { (piece) throws(FileError) in self.bytes.append(contentsOf: piece) }
        } catch {
            Issue.record("decoder failed: \(error)")
        }
    }
}

@Suite struct ManifestAndObjectTests {
    func sampleEntry() -> ManifestEntry {
        let stat = FileStat(device: 1, inode: 2, size: 3, mtime: .init(seconds: 4, nanoseconds: 5),
                            ctime: .init(seconds: 6, nanoseconds: 7), mode: 0o100644)
        return ManifestEntry(objectKey: SHA256.hash("obj"),
                             files: [.init(stored: "R:a b.cxx", digest: SHA256.hash("a"), stat: stat),
                                     .init(stored: "A:/odd%path\nx.h", digest: SHA256.hash("b"), stat: nil)],
                             probes: [.init(stored: "B:inc/sub", state: .present(stat), names: ["x.h", "y.h"]),
                                      .init(stored: "A:/nope", state: .absent, names: ["z.h"]),
                                      .init(stored: "A:/new", state: .unsettled, names: ["w.h"])])
    }

    @Test func manifestRoundTrips() throws {
        let entries = [sampleEntry(), sampleEntry()]
        #expect(try DirectManifest.parse(DirectManifest.render(entries), path: "m") == entries)
    }

    @Test func entriesAreVerifiedOneAtATime() throws {
        let second = ManifestEntry(objectKey: SHA256.hash("other"), files: [], probes: [])
        var bytes = DirectManifest.render([sampleEntry(), second])
        bytes[bytes.count - 90] ^= 1  // inside the second (last) entry
        var seen: [ManifestEntry] = []
        // The first entry is whole: a lookup that stops there never meets the damage.
        try DirectManifest.forEachEntry(bytes, path: "m") { (entry) throws(CacheError) in
            seen.append(entry)
            return true
        }
        #expect(seen == [sampleEntry()])
        // Going on to the damaged entry is corrupt.
        seen = []
        #expect(throws: CacheError.self) {
            try DirectManifest.forEachEntry(bytes, path: "m") { (entry) throws(CacheError) in
                seen.append(entry)
                return false
            }
        }
        #expect(seen == [sampleEntry()])
        #expect(throws: CacheError.self) { try DirectManifest.parse(bytes, path: "m") }
    }

    @Test func rejectedEntriesStopAtTheirFirstChangedFileAndNeedNoChecksum() throws {
        let stale = ManifestEntry(objectKey: SHA256.hash("stale"),
                                  files: [.init(stored: "R:first.cxx", digest: SHA256.hash("x"), stat: nil),
                                          .init(stored: "R:second.h", digest: SHA256.hash("y"), stat: nil)],
                                  probes: [])
        var bytes = DirectManifest.render([stale, sampleEntry()])
        let firstEnd = try #require(bytes.firstRange(of: Array("\nend ".utf8)))
        bytes[firstEnd.upperBound + 3] ^= 1  // the stale entry's checksum no longer matches
        var asked: [String] = [], reasons: [String] = [], seen: [ManifestEntry] = []
        try DirectManifest.forEachEntry(bytes, path: "m", rejectFile: { file in
            asked.append(file.stored)
            return file.stored == "R:first.cxx" ? "first.cxx changed" : nil
        }, rejected: { reasons.append($0) }) { (entry) throws(CacheError) in
            seen.append(entry)
            return true
        }
        #expect(reasons == ["first.cxx changed"])
        #expect(seen == [sampleEntry()])
        #expect(asked == ["R:first.cxx"] + sampleEntry().files.map(\.stored))
        // Without the rejection the damaged entry is met first: corrupt.
        #expect(throws: CacheError.self) {
            try DirectManifest.forEachEntry(bytes, path: "m") { (_) throws(CacheError) in true }
        }
    }

    @Test func damagedManifestIsCorrupt() {
        var bytes = DirectManifest.render([sampleEntry()])
        bytes[30] ^= 1
        #expect(throws: CacheError.self) { try DirectManifest.parse(bytes, path: "m") }
        #expect(throws: CacheError.self) { try DirectManifest.parse(Array(bytes.prefix(bytes.count / 2)), path: "m") }
        #expect(throws: CacheError.self) { try DirectManifest.parse([], path: "m") }
    }

    @Test(arguments: [ObjectStore.Codec.none, .zstd, .lz4])
    func objectRoundTripsAndDetectsDamage(codec: ObjectStore.Codec) throws {
        let result = CachedResult(xml: Array(String(repeating: "<Class name=\"A\"/>\n", count: 5000).utf8),
                                  standardOutput: Array("out".utf8), standardError: Array("warning: w\n".utf8),
                                  castxmlMilliseconds: 1234)
        let bytes = try ObjectStore.encode(result, codec: codec, relocated: true)
        let (decoded, relocated) = try ObjectStore.decode(bytes, path: "o")
        #expect(decoded == result)
        #expect(relocated)
        if codec != .none { #expect(bytes.count < result.xml.count / 10) }
        let damages: [(inout [UInt8]) -> Void] = [
            { b in b[b.count / 2] ^= 0x40 },                       // inside the stored XML
            { b in b[b.count - 1] ^= 0x01 },                       // its last byte
            { b in b[ObjectStore.headerSize + 1] ^= 0x20 },        // a replayed stream
            { b in b[9] ^= 0x01 },                                 // the recorded XML size
            { b in b.removeLast(b.count / 3) }, { b in b.removeLast(1) }, { b in b = [] },
        ]
        for damage in damages {
            var copy = bytes
            damage(&copy)
            #expect(throws: CacheError.self) { try ObjectStore.decode(copy, path: "o") }
        }
    }

    @Test func verboseIncludeListIsParsed() {
        let text = "ignored\n#include \"...\" search starts here:\n#include <...> search starts here:\n /usr/lib/gcc/x/12/../../../../include/c++/12\n /usr/include\nEnd of search list.\n"
        #expect(ToolIdentityResolver.includeDirectories(fromVerbose: text) == ["/usr/include/c++/12", "/usr/include"])
    }
}

@Suite struct ElfBuildIDTests {
    @Test func realSharedLibrariesHaveABuildID() throws {
        // libc is on every Linux machine this project supports, and Debian links it with a build ID.
        let libc = try #require(FileSystem.realPath("/lib/x86_64-linux-gnu/libc.so.6") ?? FileSystem.realPath("/usr/lib64/libc.so.6"))
        let id = try #require(ElfBuildID.read(libc))
        #expect(id.count >= 8)
        #expect(ElfBuildID.read(libc) == id)
    }

    @Test func nonELFFilesHaveNone() throws {
        let dir = TemporaryDirectory()
        #expect(ElfBuildID.read(dir.write("script.sh", "#!/bin/sh\nexec castxml \"$@\"\n")) == nil)
        #expect(ElfBuildID.read(dir.write("short", "\u{7f}ELF")) == nil)
        #expect(ElfBuildID.read("/nonexistent") == nil)
    }
}

@Suite struct SearchListTests {
    /// The list castxml 0.5.1 prints for `--castxml-cc-gnu ( g++ )` on Debian 12 (castxml -E -v),
    /// rebuilt from what g++ -v prints.
    @Test func castxmlListFromTheCompilerList() throws {
        let gxx = ["/usr/include/c++/12", "/usr/include/x86_64-linux-gnu/c++/12", "/usr/include/c++/12/backward",
                   "/usr/lib/gcc/x86_64-linux-gnu/12/include", "/usr/local/include", "/usr/include/x86_64-linux-gnu", "/usr/include"]
        let dir = TemporaryDirectory()
        dir.write("share/castxml/clang/include/stddef.h", "")
        let castxml = dir.write("bin/castxml", "")
        let list = ToolIdentityResolver.castxmlSearchList(compilerDirectories: gxx, castxml: castxml)
        #expect(ToolIdentityResolver.castxmlSearchList(compilerDirectories: gxx, castxml: "/nowhere/bin/castxml") == nil)
        #expect(list == ["/usr/include/c++/12", "/usr/include/x86_64-linux-gnu/c++/12", "/usr/include/c++/12/backward",
                         dir.path + "/share/castxml/clang/include", "/usr/local/include", "/usr/include/x86_64-linux-gnu", "/usr/include"])
    }
}

@Suite struct SmallStateFileTests {
    @Test func statisticsShardKeepsItsSizeAndNeverEmpties() throws {
        let dir = TemporaryDirectory()
        let stats = Statistics(layout: CacheLayout(root: dir.path))
        let shard = CacheLayout(root: dir.path).statsPath(shard: 3)
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
        let layout = CacheLayout(root: dir.path)
        let output = dir.path + "/out.xml"
        try AtomicWriter.write("<xml/>", to: output)
        let memo = OutputMemo(layout: layout, output: output, workingDirectory: dir.path)
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

    @Test func missingProbeDirectoriesAreCoveredByTheirNearestExistingAncestor() throws {
        let dir = TemporaryDirectory()
        let root = dir.path
        try FileSystem.createDirectories(root + "/inc/present")
        #expect(symlink(root + "/nowhere", root + "/inc/dangling") == 0)
        let covered = DependencyCheck.coverMissingDirectories([
            root + "/inc/present": ["a.h"],
            root + "/inc/missing/deeper/still": ["b.h"],
            root + "/inc/missing/other": ["c.h"],
            root + "/gone": ["d.h"],
            root + "/inc/dangling/sub": ["e.h"],
            root + "/inc/dangling": ["f.h"],
        ])
        #expect(covered == [
            root + "/inc/present": ["a.h"],
            root + "/inc": ["missing"],
            root: ["gone"],
            root + "/inc/dangling": ["sub", "f.h"],
        ])
    }
}

@Suite struct SourceScanTests {
    @Test func timeMacrosAreFoundAndLookalikesAreNot() {
        func scan(_ text: String) -> String? { SourceScan.timeMacro(in: Array(text.utf8)) }
        #expect(scan("int x; // nothing here\n") == nil)
        #expect(scan("#define __TIMEOUT 3\nint __TIME_BASE;\n__DATE") == nil)
        #expect(scan("#define __TIMEOUT 3\nconst char* t = __TIME__;") == "__TIME__")
        #expect(scan("__TIMEX __TIMESTAMP__") == "__TIMESTAMP__")
        #expect(scan("const char* d = __DATE__;") == "__DATE__")
        #expect(scan("__TIME") == nil)
    }

    @Test func hasIncludeNamesAreRead() {
        let text = "#if __has_include(<optional>) && __has_include_next( \"local/x.h\" )\n#endif\n__has_include"
        #expect(SourceScan.hasIncludeNames(in: Array(text.utf8)) == ["optional", "local/x.h"])
    }
}

@Suite struct InodeCacheTests {
    @Test func loadsEverythingOrOnlyTheInodesAsked() {
        let dir = TemporaryDirectory()
        let cache = InodeCache(layout: CacheLayout(root: dir.path))
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
