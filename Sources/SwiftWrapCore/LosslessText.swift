/// Byte strings (command-line arguments, paths) carried in Swift `String`s without loss.
///
/// A path or argument may hold any byte but NUL; a Swift `String` holds only valid UTF-8 and
/// repairs anything else. `decode` maps each byte that is not part of valid UTF-8 to the scalar
/// U+10FF00 + byte (the last 256 code points of Supplementary Private Use Area-B), and, so that
/// the mapping stays one-to-one, also the bytes of any scalar already in that range. `encode`
/// maps them back. Valid UTF-8 without such scalars (every ordinary path) decodes to the same
/// string and encodes to the same bytes, so keys and file names of ordinary text do not change.
///
/// Every file-system call on such a string goes through `withCPath`, which hands the kernel the
/// original bytes.
import Glibc

public enum LosslessText {
    static let escapeBase: UInt32 = 0x10FF00

    /// The text standing for `bytes`.
    public static func decode(_ bytes: [UInt8]) -> String {
        if isPlain(bytes) { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            let length = validSequenceLength(bytes, at: index)
            if length > 0, let scalar = scalar(bytes, at: index, length: length), scalar.value < escapeBase {
                scalars.append(scalar)
            } else {
                for byte in bytes[index..<index + max(length, 1)] { scalars.append(Unicode.Scalar(escapeBase + UInt32(byte))!) }
            }
            index += max(length, 1)
        }
        return String(scalars)
    }

    /// True when `bytes` is valid UTF-8 without escape-range scalars: its text is its own decoding.
    private static func isPlain(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 { index += 1; continue }
            let length = validSequenceLength(bytes, at: index)
            if length == 0 || (bytes[index] == 0xF4 && bytes[index + 1] == 0x8F && bytes[index + 2] >= 0xBC) { return false }
            index += length
        }
        return true
    }

    /// The text standing for the bytes at `buffer` (a C string's bytes, a directory entry's name).
    public static func decode(_ buffer: UnsafeRawBufferPointer) -> String {
        decode(Array(buffer))
    }

    /// The bytes `text` stands for.
    public static func encode(_ text: String) -> [UInt8] {
        guard hasEscapes(text) else { return Array(text.utf8) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value >= escapeBase {
                bytes.append(UInt8(scalar.value - escapeBase))
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return bytes
    }

    /// Calls `body` with the NUL-terminated bytes `text` stands for (no copy for ordinary text).
    /// Inlinable, so each call site is specialised: no generic metadata at run time on the hit path.
    @inlinable
    public static func withCPath<R>(_ text: String, _ body: (UnsafePointer<CChar>) -> R) -> R {
        if !hasEscapes(text) { return text.withCString(body) }
        return cString(text).withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// The NUL-terminated bytes `text` stands for.
    public static func cString(_ text: String) -> [CChar] {
        encode(text).map { CChar(bitPattern: $0) } + [0]
    }

    /// True when `text` holds an escape scalar (UTF-8 lead byte F4 followed by 8F BC…8F BF).
    public static func hasEscapes(_ text: String) -> Bool {
        // Native strings are contiguous: memchr finds the (almost always absent) lead byte F4 fast.
        if let answer = text.utf8.withContiguousStorageIfAvailable({ hasEscapes(UnsafeRawBufferPointer($0)) }) {
            return answer
        }
        return Array(text.utf8).withUnsafeBytes { hasEscapes($0) }
    }

    private static func hasEscapes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var offset = 0
        while offset < bytes.count, let found = memchr(base + offset, 0xF4, bytes.count - offset) {
            let at = base.distance(to: UnsafeRawPointer(found))
            if at + 2 < bytes.count && bytes[at + 1] == 0x8F && bytes[at + 2] >= 0xBC && bytes[at + 2] <= 0xBF { return true }
            offset = at + 1
        }
        return false
    }

    /// Length of the valid UTF-8 sequence starting at `index`, or 0 when it is not one.
    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int, low: UInt8, high: UInt8
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return 0
        }
        guard index + length <= bytes.count, bytes[index + 1] >= low, bytes[index + 1] <= high else { return 0 }
        for k in 2..<max(length, 2) where k < length {
            guard bytes[index + k] >= 0x80, bytes[index + k] <= 0xBF else { return 0 }
        }
        return length
    }

    private static func scalar(_ bytes: [UInt8], at index: Int, length: Int) -> Unicode.Scalar? {
        String(validating: bytes[index..<index + length], as: UTF8.self)?.unicodeScalars.first
    }
}
