/// Streaming XXH64 (Yann Collet's xxHash, 64-bit variant, seed 0), written from its published
/// specification. Not a cryptographic hash: it guards large cache payloads against damage (a
/// flipped bit, a torn or truncated write) at memory speed, where SHA-256 would cost a hit
/// milliseconds per 7 MB. Keys and small records keep SHA-256.
struct XXH64 {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var v1: UInt64, v2: UInt64, v3: UInt64, v4: UInt64
    private var total: UInt64 = 0
    /// Bytes of an unfinished 32-byte stripe.
    private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var pendingCount = 0
    private let seed: UInt64

    init(seed: UInt64 = 0) {
        self.seed = seed
        v1 = seed &+ XXH64.p1 &+ XXH64.p2
        v2 = seed &+ XXH64.p2
        v3 = seed
        v4 = seed &- XXH64.p1
    }

    @inline(__always) private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) private static func round(_ acc: UInt64, _ lane: UInt64) -> UInt64 {
        rotl(acc &+ lane &* p2, 31) &* p1
    }

    @inline(__always) private static func merge(_ acc: UInt64, _ v: UInt64) -> UInt64 {
        (acc ^ round(0, v)) &* p1 &+ p4
    }

    @inline(__always) private mutating func stripe(_ p: UnsafeRawPointer) {
        v1 = XXH64.round(v1, UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)))
        v2 = XXH64.round(v2, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        v3 = XXH64.round(v3, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
        v4 = XXH64.round(v4, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var p = bytes.baseAddress, bytes.count > 0 else { return }
        var left = bytes.count
        total &+= UInt64(left)
        if pendingCount > 0 {
            let take = min(32 - pendingCount, left)
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.advanced(by: pendingCount).copyMemory(from: p, byteCount: take) }
            pendingCount += take
            p += take
            left -= take
            guard pendingCount == 32 else { return }
            var block = pending
            withUnsafeBytes(of: &block) { stripe($0.baseAddress!) }
            pendingCount = 0
        }
        while left >= 32 {
            stripe(p)
            p += 32
            left -= 32
        }
        if left > 0 {
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.copyMemory(from: p, byteCount: left) }
            pendingCount = left
        }
    }

    mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    func finalize() -> UInt64 {
        var acc: UInt64
        if total >= 32 {
            acc = XXH64.rotl(v1, 1) &+ XXH64.rotl(v2, 7) &+ XXH64.rotl(v3, 12) &+ XXH64.rotl(v4, 18)
            acc = XXH64.merge(acc, v1)
            acc = XXH64.merge(acc, v2)
            acc = XXH64.merge(acc, v3)
            acc = XXH64.merge(acc, v4)
        } else {
            acc = seed &+ XXH64.p5
        }
        acc &+= total
        var tail = pending
        let count = pendingCount
        withUnsafeBytes(of: &tail) { raw in
            var i = 0
            while i + 8 <= count {
                acc ^= XXH64.round(0, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                acc = XXH64.rotl(acc, 27) &* XXH64.p1 &+ XXH64.p4
                i += 8
            }
            if i + 4 <= count {
                acc ^= UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))) &* XXH64.p1
                acc = XXH64.rotl(acc, 23) &* XXH64.p2 &+ XXH64.p3
                i += 4
            }
            while i < count {
                acc ^= UInt64(raw[i]) &* XXH64.p5
                acc = XXH64.rotl(acc, 11) &* XXH64.p1
                i += 1
            }
        }
        acc ^= acc >> 33
        acc &*= XXH64.p2
        acc ^= acc >> 29
        acc &*= XXH64.p3
        acc ^= acc >> 32
        return acc
    }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = XXH64()
        h.update(bytes)
        return h.finalize()
    }

    static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { hash($0) } }
}
