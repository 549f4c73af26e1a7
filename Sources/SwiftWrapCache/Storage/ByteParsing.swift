import Glibc
import SwiftWrapCore

/// Byte-level field parsing for the cache's text formats, over borrowed bytes (no copies, no
/// per-line allocations: these formats are read on every cache hit).
enum ByteParsing {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// `bytes[from..<to]` as a buffer of its own (indices from 0).
    static func slice(_ bytes: Bytes, _ from: Int, _ to: Int) -> Bytes {
        guard let base = bytes.baseAddress, to > from else { return Bytes(start: nil, count: 0) }
        return Bytes(start: base + from, count: to - from)
    }

    static func equals(_ bytes: Bytes, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        guard let base = bytes.baseAddress else { return bytes.isEmpty }
        return memcmp(base, text.utf8Start, bytes.count) == 0
    }

    static func equals(_ bytes: Bytes, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            utf8.count == bytes.count && (bytes.isEmpty || memcmp(bytes.baseAddress!, utf8.baseAddress!, bytes.count) == 0)
        }
    }

    /// Index of the first `byte` at or after `from`, or `bytes.count`.
    static func find(_ byte: UInt8, in bytes: Bytes, from: Int) -> Int {
        guard from < bytes.count, let base = bytes.baseAddress,
              let hit = memchr(base + from, Int32(byte), bytes.count - from) else { return bytes.count }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
    }

    /// Newline-separated lines (without their newline).
    struct Lines {
        let bytes: Bytes
        var position = 0
        init(_ bytes: Bytes) { self.bytes = bytes }
        mutating func next() -> Bytes? {
            guard position < bytes.count else { return nil }
            let end = ByteParsing.find(0x0a, in: bytes, from: position)
            defer { position = end + 1 }
            return ByteParsing.slice(bytes, position, end)
        }
    }

    /// Space-separated fields of one line; `rest()` returns everything after the fields taken so far.
    struct Fields {
        let line: Bytes
        var position = 0
        init(_ line: Bytes) { self.line = line }
        mutating func next() -> Bytes {
            let end = ByteParsing.find(0x20, in: line, from: position)
            defer { position = min(end + 1, line.count) }
            return ByteParsing.slice(line, position, end)
        }
        func rest() -> Bytes { ByteParsing.slice(line, position, line.count) }
    }

    static func digest(_ hex: Bytes) -> Digest? {
        guard hex.count == 64 else { return nil }
        var out = [UInt8](repeating: 0, count: 32)
        for k in 0..<32 {
            guard let hi = nibble(hex[2 * k]), let lo = nibble(hex[2 * k + 1]) else { return nil }
            out[k] = hi << 4 | lo
        }
        return Digest(bytes: out)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// A stat token `dev,ino,size,ms.mns,cs.cns,mode` (see `StatCodec`).
    static func stat(_ token: Bytes) -> FileStat? {
        var numbers: (Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64) = (0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var value: Int64 = 0, digits = 0
        func store() -> Bool {
            guard digits > 0, digits <= 18, count < 8 else { return false }
            withUnsafeMutableBytes(of: &numbers) { $0.storeBytes(of: value, toByteOffset: count * 8, as: Int64.self) }
            count += 1
            value = 0
            digits = 0
            return true
        }
        for c in token {
            if c >= 0x30 && c <= 0x39 {
                value = value &* 10 &+ Int64(c - 0x30)
                digits += 1
            } else if c == 0x2c || c == 0x2e {
                guard store() else { return nil }
            } else {
                return nil
            }
        }
        guard store(), count == 8 else { return nil }
        return FileStat(device: UInt64(numbers.0), inode: UInt64(numbers.1), size: numbers.2,
                        mtime: Timestamp(seconds: numbers.3, nanoseconds: numbers.4),
                        ctime: Timestamp(seconds: numbers.5, nanoseconds: numbers.6), mode: UInt32(truncatingIfNeeded: numbers.7))
    }

    /// The self-check of a line in the cache's small text files (inode cache, output memo): the
    /// first 8 hex digits of the SHA-256 of the rest of the line. A torn or damaged line fails it.
    static func lineCheck(_ body: UnsafeRawBufferPointer) -> String {
        var h = SHA256()
        h.update(body)
        return String(h.finalize().hex.prefix(8))
    }

    /// UTF-8 text with `%XX` escapes undone (only when a `%` is present).
    static func text(_ bytes: Bytes) -> String? {
        guard !bytes.isEmpty else { return nil }
        let string = String(decoding: bytes, as: UTF8.self)
        return find(0x25, in: bytes, from: 0) < bytes.count ? LineEscaping.unescape(string[...]) : string
    }
}
