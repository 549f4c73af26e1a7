import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

@Suite struct ManifestAndObjectTests {
    func sampleEntry() -> DirectIndexEntry {
        let stat = FileStat(device: 1, inode: 2, size: 3, mtime: .init(seconds: 4, nanoseconds: 5),
                            ctime: .init(seconds: 6, nanoseconds: 7), mode: 0o100644)
        return DirectIndexEntry(objectKey: SHA256.hash("obj"),
                             files: [.init(stored: "R:a b.cxx", digest: SHA256.hash("a"), stat: stat),
                                     .init(stored: "A:/odd%path\nx.h", digest: SHA256.hash("b"), stat: nil)],
                             probes: [.init(stored: "B:inc/sub", state: .present(stat), names: ["x.h", "y.h"]),
                                      .init(stored: "A:/nope", state: .absent, names: ["z.h"]),
                                      .init(stored: "A:/new", state: .unsettled, names: ["w.h"])])
    }

    @Test func manifestRoundTrips() throws {
        let entries = [sampleEntry(), sampleEntry()]
        #expect(try DirectIndexFile.parse(DirectIndexFile.render(entries), path: "m") == entries)
    }

    /// Key inputs and the time stored survive a round trip and a later store's merge (`adding`), and
    /// lookups skip them.
    @Test func keyInputsAndTimeStoredRoundTrip() throws {
        var entry = sampleEntry()
        entry.keyInputs = ["castxml abc /usr/bin/castxml", "arg -I\u{1}src:include", "arg 100%"]
        entry.storedAt = 1_700_000_000
        let bytes = DirectIndexFile.render([entry])
        #expect(try DirectIndexFile.parse(bytes, path: "m", keyInputs: true) == [entry])
        #expect(try DirectIndexFile.parse(bytes, path: "m") == [sampleEntry()])
        let newer = DirectIndexEntry(objectKey: SHA256.hash("newer"), files: [], probes: [])
        let merged = try DirectIndexFile.parse(DirectIndexFile.adding(newer, to: bytes, path: "m"), path: "m", keyInputs: true)
        #expect(merged == [newer, entry])
    }

    @Test func entriesAreVerifiedOneAtATime() throws {
        let second = DirectIndexEntry(objectKey: SHA256.hash("other"), files: [], probes: [])
        var bytes = DirectIndexFile.render([sampleEntry(), second])
        bytes[bytes.count - 90] ^= 1  // inside the second (last) entry
        var seen: [DirectIndexEntry] = []
        // The first entry is whole: a lookup that stops there never meets the damage.
        try DirectIndexFile.forEachEntry(bytes, path: "m") { (entry) throws(CacheError) in
            seen.append(entry)
            return true
        }
        #expect(seen == [sampleEntry()])
        // Going on to the damaged entry is corrupt.
        seen = []
        #expect(throws: CacheError.self) {
            try DirectIndexFile.forEachEntry(bytes, path: "m") { (entry) throws(CacheError) in
                seen.append(entry)
                return false
            }
        }
        #expect(seen == [sampleEntry()])
        #expect(throws: CacheError.self) { try DirectIndexFile.parse(bytes, path: "m") }
    }

    @Test func rejectedEntriesStopAtTheirFirstChangedFileAndNeedNoChecksum() throws {
        let stale = DirectIndexEntry(objectKey: SHA256.hash("stale"),
                                  files: [.init(stored: "R:first.cxx", digest: SHA256.hash("x"), stat: nil),
                                          .init(stored: "R:second.h", digest: SHA256.hash("y"), stat: nil)],
                                  probes: [])
        var bytes = DirectIndexFile.render([stale, sampleEntry()])
        let firstEnd = try #require(bytes.firstRange(of: Array("\nend ".utf8)))
        bytes[firstEnd.upperBound + 3] ^= 1  // the stale entry's checksum no longer matches
        var asked: [String] = [], reasons: [String] = [], seen: [DirectIndexEntry] = []
        try DirectIndexFile.forEachEntry(bytes, path: "m", rejectFile: { file in
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
            try DirectIndexFile.forEachEntry(bytes, path: "m") { (_) throws(CacheError) in true }
        }
    }

    @Test func damagedManifestIsCorrupt() {
        var bytes = DirectIndexFile.render([sampleEntry()])
        bytes[30] ^= 1
        #expect(throws: CacheError.self) { try DirectIndexFile.parse(bytes, path: "m") }
        #expect(throws: CacheError.self) { try DirectIndexFile.parse(Array(bytes.prefix(bytes.count / 2)), path: "m") }
        #expect(throws: CacheError.self) { try DirectIndexFile.parse([], path: "m") }
    }

    @Test(arguments: [ObjectFile.Codec.none, .zstd, .lz4])
    func objectRoundTripsAndDetectsDamage(codec: ObjectFile.Codec) throws {
        let result = CachedResult(xml: Array(String(repeating: "<Class name=\"A\"/>\n", count: 5000).utf8),
                                  standardOutput: Array("out".utf8), standardError: Array("warning: w\n".utf8),
                                  castxmlMilliseconds: 1234)
        let bytes = try ObjectFile.encodedBytes(result, codec: codec, relocated: true)
        let (decoded, relocated) = try ObjectFile.decode(bytes, path: "o")
        #expect(decoded == result)
        #expect(relocated)
        if codec != .none { #expect(bytes.count < result.xml.count / 10) }
        let damages: [(inout [UInt8]) -> Void] = [
            { b in b[b.count / 2] ^= 0x40 },                       // inside the stored XML
            { b in b[b.count - 1] ^= 0x01 },                       // its last byte
            { b in b[ObjectFile.headerSize + 1] ^= 0x20 },        // a replayed stream
            { b in b[9] ^= 0x01 },                                 // the recorded XML size
            { b in b.removeLast(b.count / 3) }, { b in b.removeLast(1) }, { b in b = [] },
        ]
        for damage in damages {
            var copy = bytes
            damage(&copy)
            #expect(throws: CacheError.self) { try ObjectFile.decode(copy, path: "o") }
        }
    }

    @Test func verboseIncludeListIsParsed() {
        let text = "ignored\n#include \"...\" search starts here:\n#include <...> search starts here:\n /usr/lib/gcc/x/12/../../../../include/c++/12\n /usr/include\nEnd of search list.\n"
        #expect(ToolIdentityResolver.includeDirectories(fromVerbose: text) == ["/usr/include/c++/12", "/usr/include"])
    }
}
