import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCore

/// The two block functions of CSHA256: `best` is SHA-NI on x86-64 CPUs that have it (checked by
/// `sha256NIIsUsedWhereTheCPUHasIt`), `portable` is the plain C one.
enum SHA256BlockFunction: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case best, portable
    var testDescription: String { rawValue }
}

/// Deterministic pseudo-random bytes and split points (SplitMix64), so a failure reproduces.
private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next() >> 32) }
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Hashes `bytes` fed in pieces of the given sizes (the rest in one last piece).
private func digest(_ bytes: [UInt8], _ function: SHA256BlockFunction, pieces: [Int] = []) -> Digest {
    var h = SHA256(portable: function == .portable)
    bytes.withUnsafeBytes { all in
        var offset = 0
        for size in pieces where offset < all.count {
            let end = min(offset + size, all.count)
            h.update(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
            offset = end
        }
        h.update(UnsafeRawBufferPointer(rebasing: all[offset...]))
    }
    return h.finalize()
}

/// Random piece sizes, mostly small (buffer edge cases) with some spanning many blocks.
private func randomPieces(total: Int, _ random: inout SplitMix64) -> [Int] {
    var pieces: [Int] = []
    var sum = 0
    while sum < total {
        let size = random.below(4) == 0 ? random.below(5000) : random.below(130)
        pieces.append(size)
        sum += size
    }
    return pieces
}

/// `sha256sum` (coreutils) digests of files, run through the package's own launcher.
private func sha256sum(_ paths: [String]) throws -> [String: String] {
    let result = try Subprocess("/usr/bin/sha256sum", ["--"] + paths, standardOutput: .capture).run()
    #expect(result.termination == .exited(0))
    var sums: [String: String] = [:]
    for line in String(decoding: result.standardOutput, as: UTF8.self).split(separator: "\n") {
        // "<64 hex digits>  <path>" (the paths here need no escaping).
        sums[String(line.dropFirst(66))] = String(line.prefix(64))
    }
    #expect(sums.count == paths.count)
    return sums
}

@Suite struct SHA256Tests {
    // Known answers for the standard NIST test messages (the digests also agree with sha256sum).
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    @Test(arguments: SHA256BlockFunction.allCases)
    func fipsVectors(function: SHA256BlockFunction) {
        for (message, expected) in Self.vectors {
            let bytes = Array(message.utf8)
            #expect(digest(bytes, function).hex == expected, "\(message.utf8.count) bytes")
            // One byte at a time: every partial-block path.
            #expect(digest(bytes, function, pieces: Array(repeating: 1, count: bytes.count)).hex == expected)
        }
    }

    @Test(arguments: SHA256BlockFunction.allCases)
    func oneMillionAs(function: SHA256BlockFunction) {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(digest(bytes, function).hex == expected)
        // Uneven pieces: below, at and across block boundaries, and runs of many blocks.
        let cycle = [1, 63, 64, 65, 127, 128, 129, 1000, 4093, 65536 + 7]
        let pieces = (0..<2000).map { cycle[$0 % cycle.count] }
        #expect(digest(bytes, function, pieces: pieces).hex == expected)
    }

    @Test func sha256NIIsUsedWhereTheCPUHasIt() throws {
        // Linux names the CPUID bits sha_ni, sse4_1 and ssse3; other CPUs have none of them.
        let cpuinfo = try FileSystem.readText("/proc/cpuinfo")
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ") ?? []
        let hasSHANI = ["sha_ni", "sse4_1", "ssse3"].allSatisfy { flags.contains(Substring($0)) }
        #expect(SHA256.isAccelerated == hasSHANI)
    }

    /// Every length 0...300 and some large ones: both block functions, whole and in random pieces,
    /// agree with each other and with coreutils' sha256sum.
    @Test func randomInputsAgreeAcrossPathsAndWithSha256sum() throws {
        let dir = TemporaryDirectory()
        var random = SplitMix64(state: 0x5EED_2026)
        let sizes = Array(0...300) + [511, 4096, 65_535, 100_003, (1 << 18) + 1, (1 << 20) + 13]
        var expected: [String: Digest] = [:]
        for size in sizes {
            let bytes = random.bytes(size)
            let whole = digest(bytes, .best)
            #expect(digest(bytes, .portable) == whole, "\(size) bytes")
            for _ in 0..<3 {
                let pieces = randomPieces(total: size, &random)
                #expect(digest(bytes, .best, pieces: pieces) == whole, "\(size) bytes in \(pieces.count) pieces")
                #expect(digest(bytes, .portable, pieces: pieces) == whole, "\(size) bytes in \(pieces.count) pieces")
            }
            let path = dir.file("random-\(size)")
            try AtomicWriter.write(bytes, to: path)
            expected[path] = whole
        }
        let sums = try sha256sum(Array(expected.keys))
        for (path, digest) in expected {
            #expect(sums[path] == digest.hex, "\(path)")
        }
    }

    /// hashFile streams in 256 KiB chunks: sizes around that boundary, checked against sha256sum.
    @Test func hashFileAgreesWithSha256sum() throws {
        let dir = TemporaryDirectory()
        var random = SplitMix64(state: 42)
        var paths: [String] = []
        for size in [0, 1, 55, 56, 64, (1 << 18) - 1, 1 << 18, (1 << 18) + 1, 3 * (1 << 18) + 100] {
            let path = dir.file("file-\(size)")
            try AtomicWriter.write(random.bytes(size), to: path)
            paths.append(path)
        }
        let sums = try sha256sum(paths)
        for path in paths {
            let (digest, stat) = try SHA256.hashFile(path)
            #expect(sums[path] == digest.hex, "\(path)")
            #expect(stat == (try FileStat.of(path)))
        }
    }

    @Test func fieldsAndStringsMatchTheirBytes() {
        var h = SHA256()
        h.field("ab")
        h.field([UInt8(ascii: "c")])
        h.update("")
        h.update([])
        #expect(h.finalize() == SHA256.hash("2:ab1:c"))
        #expect(SHA256.hash("abc") == SHA256.hash(Array("abc".utf8)))
    }
}
