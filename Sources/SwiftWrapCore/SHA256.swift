import CSHA256
import Glibc

/// A SHA-256 digest.
public struct Digest: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let bytes: [UInt8]
    public init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "a SHA-256 digest has 32 bytes")
        self.bytes = bytes
    }

    /// Parses 64 lowercase or uppercase hex digits.
    public init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var out = [UInt8](repeating: 0, count: 32)
        for i in 0..<32 {
            guard let hi = Digest.nibble(utf8[2 * i]), let lo = Digest.nibble(utf8[2 * i + 1]) else { return nil }
            out[i] = hi << 4 | lo
        }
        self.bytes = out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }
    public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}

/// Streaming SHA-256 (CSHA256: our own C, SHA-NI accelerated on x86-64, Foundation-free).
/// The context lives inline: no allocation per hash.
public struct SHA256: ~Copyable {
    private var context = csha256_ctx()

    public init() {
        csha256_init(&context)
    }

    /// A hash that uses the portable C block function even where SHA-NI is available (for tests).
    init(portable: Bool) {
        if portable { csha256_init_portable(&context) } else { csha256_init(&context) }
    }

    /// Whether `init()` uses the x86-64 SHA extensions on this CPU.
    static var isAccelerated: Bool { csha256_accelerated() != 0 }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        csha256_update(&context, base, bytes.count)
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Adds a length-prefixed field, so that ("ab","c") and ("a","bc") hash differently.
    public mutating func field(_ text: String) {
        update("\(text.utf8.count):")
        update(text)
    }

    public mutating func field(_ bytes: [UInt8]) {
        update("\(bytes.count):")
        update(bytes)
    }

    public consuming func finalize() -> Digest {
        var out = [UInt8](repeating: 0, count: 32)
        csha256_final(&context, &out)
        return Digest(bytes: out)
    }

    public static func hash(_ bytes: [UInt8]) -> Digest {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }

    public static func hash(_ text: String) -> Digest {
        var h = SHA256()
        h.update(text)
        return h.finalize()
    }

    /// Hashes a file by streaming it in 256 KiB chunks; returns the digest and the stat of the open file.
    public static func hashFile(_ path: String) throws(FileError) -> (Digest, FileStat) {
        let fd = LosslessText.withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw .current(.open, path) }
        defer { close(fd) }
        var raw = stat()
        guard fstat(fd, &raw) == 0 else { throw .current(.stat, path) }
        var h = SHA256()
        let chunk = 1 << 18
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = sysRead(fd, buffer.baseAddress!, chunk)
            if n < 0 {
                if errno == EINTR { continue }
                throw .current(.read, path)
            }
            if n == 0 { break }
            h.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return (h.finalize(), FileStat(raw))
    }
}
