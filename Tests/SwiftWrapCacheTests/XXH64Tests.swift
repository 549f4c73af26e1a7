import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
import SwiftWrapCore

/// XXH64 guards cache payloads; its values must be the real XXH64's, checked against `xxhsum -H1`
/// (Debian's xxhash package, installed by scripts/setup.sh).
@Suite struct XXH64Tests {
    private struct Mix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 17
        }
    }

    private func xxhsum(_ paths: [String]) throws -> [String: String] {
        let result = try Subprocess("/usr/bin/xxhsum", ["-H1"] + paths, standardOutput: .capture).run()
        #expect(result.termination == .exited(0))
        var sums: [String: String] = [:]
        for line in String(decoding: result.standardOutput, as: UTF8.self).split(separator: "\n") {
            // "<16 hex digits>  <path>"
            sums[String(line.dropFirst(18))] = String(line.prefix(16))
        }
        #expect(sums.count == paths.count)
        return sums
    }

    private func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    @Test func knownAnswers() {
        #expect(XXH64.hash([]) == 0xEF46_DB37_51D8_E999)
        #expect(XXH64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
    }

    /// Every length 0...200 and some large ones, whole and fed in uneven pieces, equal xxhsum's value.
    @Test func agreesWithXxhsumWholeAndInPieces() throws {
        let dir = TemporaryDirectory()
        var mix = Mix(state: 2026)
        var expected: [String: UInt64] = [:]
        for size in Array(0...200) + [1000, 4096, 65_537, 1 << 20] {
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: mix.next()) }
            let whole = XXH64.hash(bytes)
            var pieces = XXH64()
            var offset = 0
            while offset < size {
                let end = min(size, offset + Int(mix.next() % 70))
                bytes[offset..<end].withUnsafeBytes { pieces.update($0) }
                offset = end
            }
            #expect(pieces.finalize() == whole, "size \(size)")
            let path = dir.file("bytes-\(size)")
            try AtomicWriter.write(bytes, to: path)
            expected[path] = whole
        }
        let sums = try xxhsum(Array(expected.keys))
        for (path, value) in expected { #expect(sums[path] == hex(value), "\(path)") }
    }
}
