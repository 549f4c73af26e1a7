import SwiftWrapCore

/// A cached castxml result: the XML plus what castxml printed.
public struct CachedResult: Sendable, Equatable {
    public var xml: [UInt8]
    public var standardOutput: [UInt8]
    public var standardError: [UInt8]
    /// How long the castxml run that produced it took (for "time saved" statistics).
    public var castxmlMilliseconds: UInt32
}

/// Object files: a fixed 72-byte header, the replayed streams, then the (optionally zstd) XML.
///
///     0  "SWCO"  4  format version (1)  5  codec (0 raw, 1 zstd)  6  flags (bit 0: relocated)
///     8  XML size (u64)  16  stored XML size (u64)  24  stdout size (u32)  28  stderr size (u32)
///     32 castxml run time in ms (u32)  36 reserved  40  SHA-256 of bytes 0..<40 and 72..<end
///     72 stdout, stderr, stored XML
///
/// A file that is short, has another magic or version, fails its checksum or does not decompress
/// to the recorded size is corrupt: the reader deletes it and reports a miss.
enum ObjectStore {
    static let magic: [UInt8] = Array("SWCO".utf8)
    static let version: UInt8 = 1
    static let headerSize = 72

    enum Codec: UInt8 { case none = 0, zstd = 1 }

    static func encode(_ result: CachedResult, codec: Codec, relocated: Bool) throws(CacheError) -> [UInt8] {
        let stored = codec == .zstd ? try Zstd.compress(result.xml) : result.xml
        var header = [UInt8](repeating: 0, count: headerSize)
        header.replaceSubrange(0..<4, with: magic)
        header[4] = version
        header[5] = codec.rawValue
        header[6] = relocated ? 1 : 0
        put(UInt64(result.xml.count), at: 8, in: &header)
        put(UInt64(stored.count), at: 16, in: &header)
        put(UInt32(result.standardOutput.count), at: 24, in: &header)
        put(UInt32(result.standardError.count), at: 28, in: &header)
        put(result.castxmlMilliseconds, at: 32, in: &header)
        var hasher = SHA256()
        hasher.update(Array(header[0..<40]))
        hasher.update(result.standardOutput)
        hasher.update(result.standardError)
        hasher.update(stored)
        header.replaceSubrange(40..<72, with: hasher.finalize().bytes)
        return header + result.standardOutput + result.standardError + stored
    }

    /// A verified object: header checked, checksum matched. The XML is produced on demand.
    struct View {
        let path: String
        let bytes: [UInt8]
        let codec: Codec
        let xmlSize: Int
        /// The XML carries relocation markers (see `Relocator`).
        let relocated: Bool
        let standardOutput: [UInt8]
        let standardError: [UInt8]
        let castxmlMilliseconds: UInt32
        let storedStart: Int

        /// Feeds the XML to `body` in chunks (at most 256 KiB each for zstd objects).
        func streamXML(_ body: (UnsafeRawBufferPointer) throws(CacheError) -> Void) throws(CacheError) {
            let stored = bytes[storedStart...]
            switch codec {
            case .none:
                guard stored.count == xmlSize else { throw .corruptEntry(path: path, reason: "XML size mismatch") }
                var failure: CacheError?
                stored.withUnsafeBytes { raw in
                    do throws(CacheError) { try body(raw) } catch { failure = error }
                }
                if let failure { throw failure }
            case .zstd:
                let produced = try Zstd.decompressStream(stored, body)
                guard produced == xmlSize else { throw .corruptEntry(path: path, reason: "XML size mismatch") }
            }
        }

        func xml() throws(CacheError) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(xmlSize)
            try streamXML { chunk in out.append(contentsOf: chunk) }
            return out
        }
    }

    /// Checks an object's header and checksum; damage is `corruptEntry`.
    static func open(_ bytes: [UInt8], path: String) throws(CacheError) -> View {
        func corrupt(_ why: String) -> CacheError { .corruptEntry(path: path, reason: why) }
        guard bytes.count >= headerSize else { throw corrupt("truncated header (\(bytes.count) bytes)") }
        guard Array(bytes[0..<4]) == magic else { throw corrupt("bad magic") }
        guard bytes[4] == version else { throw corrupt("format version \(bytes[4])") }
        guard let codec = Codec(rawValue: bytes[5]) else { throw corrupt("unknown codec \(bytes[5])") }
        let xmlSize = Int(get64(bytes, 8)), storedSize = Int(get64(bytes, 16))
        let outSize = Int(get32(bytes, 24)), errSize = Int(get32(bytes, 28))
        guard xmlSize >= 0, storedSize >= 0, bytes.count == headerSize + outSize + errSize + storedSize else {
            throw corrupt("size mismatch")
        }
        var hasher = SHA256()
        bytes.withUnsafeBytes { raw in
            hasher.update(UnsafeRawBufferPointer(rebasing: raw[0..<40]))
            hasher.update(UnsafeRawBufferPointer(rebasing: raw[headerSize...]))
        }
        guard hasher.finalize().bytes == Array(bytes[40..<72]) else { throw corrupt("checksum mismatch") }
        let outEnd = headerSize + outSize, errEnd = outEnd + errSize
        return View(path: path, bytes: bytes, codec: codec, xmlSize: xmlSize, relocated: bytes[6] & 1 != 0,
                    standardOutput: Array(bytes[headerSize..<outEnd]), standardError: Array(bytes[outEnd..<errEnd]),
                    castxmlMilliseconds: get32(bytes, 32), storedStart: errEnd)
    }

    /// Decodes a whole object (tests and tools; the hit path streams through `open`).
    static func decode(_ bytes: [UInt8], path: String) throws(CacheError) -> (CachedResult, relocated: Bool) {
        let view = try open(bytes, path: path)
        let result = CachedResult(xml: try view.xml(), standardOutput: view.standardOutput,
                                  standardError: view.standardError, castxmlMilliseconds: view.castxmlMilliseconds)
        return (result, view.relocated)
    }

    private static func put<T: FixedWidthInteger>(_ value: T, at offset: Int, in bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (i, b) in raw.enumerated() { bytes[offset + i] = b }
        }
    }

    private static func get64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        return v
    }

    private static func get32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * UInt32(i)) }
        return v
    }
}
