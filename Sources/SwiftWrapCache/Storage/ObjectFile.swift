import Glibc
import SwiftWrapCore

/// A cached castxml result: the XML plus what castxml printed.
public struct CachedResult: Sendable, Equatable {
    public var xml: [UInt8]
    public var standardOutput: [UInt8]
    public var standardError: [UInt8]
    /// How long the castxml run that produced it took (for "time saved" statistics).
    public var castxmlMilliseconds: UInt32
}

/// The format of an object file: a fixed 80-byte header, the replayed streams, then the stored (raw, zstd or lz4) XML.
///
///     0  "SWCO"  4  format version (2)  5  codec (0 raw, 1 zstd, 2 lz4)  6  flags (bit 0: relocated)  7  0
///     8  XML size (u64)  16  stored XML size (u64)  24  stdout size (u32)  28  stderr size (u32)
///     32 castxml run time in ms (u32)  36  0 (u32)  40  XXH64 of the stored XML (u64)
///     48 SHA-256 of bytes 0..<48 and of the two streams
///     80 stdout, stderr, stored XML
///
/// The header and streams are verified when the object is opened; the XML is verified as it is
/// streamed (XXH64 at memory speed instead of SHA-256 over megabytes), and a caller publishes what
/// it streamed only after the stream ended without error. So a hit whose output is already in
/// place reads 80 bytes and the streams, and a restore reads the stored XML once, in 256 KiB chunks.
/// A file that is short, has another magic or version, fails a checksum or does not decompress to
/// the recorded size is corrupt (`corruptEntry`): the caller deletes it and reports a miss.
enum ObjectFile {
    static let magic: [UInt8] = Array("SWCO".utf8)
    static let version: UInt8 = 2
    static let headerSize = 80

    enum Codec: UInt8 {
        case none = 0, zstd = 1, lz4 = 2

        /// The setting's spelling (`SWIFTWRAP_CACHE_COMPRESSION`).
        init?(setting: String) {
            switch setting {
            case "none": self = .none
            case "zstd": self = .zstd
            case "lz4": self = .lz4
            default: return nil
            }
        }

        func compress(_ bytes: [UInt8]) throws(CacheError) -> [UInt8] {
            switch self {
            case .none: return bytes
            case .zstd: return try Zstd.compress(bytes)
            case .lz4: return try Lz4.compress(bytes)
            }
        }

        func decompressor() throws(CacheError) -> (any StreamDecompressor)? {
            switch self {
            case .none: return nil
            case .zstd: return try Zstd.Decoder()
            case .lz4: return try Lz4.Decoder()
            }
        }
    }

    /// Header and streams of an object; the stored XML follows them.
    static func prefix(_ result: CachedResult, stored: [UInt8], codec: Codec, relocated: Bool) -> [UInt8] {
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
        put(XXH64.hash(stored), at: 40, in: &header)
        var hasher = SHA256()
        hasher.update(Array(header[0..<48]))
        hasher.update(result.standardOutput)
        hasher.update(result.standardError)
        header.replaceSubrange(48..<80, with: hasher.finalize().bytes)
        return header + result.standardOutput + result.standardError
    }

    /// An object's bytes as the pieces to store one after the other: the header and streams, then
    /// the stored XML (not copied into one big buffer with the header).
    static func encode(_ result: CachedResult, codec: Codec, relocated: Bool) throws(CacheError) -> [[UInt8]] {
        let stored = try codec.compress(result.xml)
        return [prefix(result, stored: stored, codec: codec, relocated: relocated), stored]
    }

    /// An object file open for reading; the descriptor is closed with the last reference to it.
    final class OpenFile {
        let fd: Int32
        init(_ fd: Int32) { self.fd = fd }
        deinit { close(fd) }

        /// Reads up to `count` bytes at `offset` into `into`; returns how many (short only at the end).
        func read(into buffer: UnsafeMutableRawBufferPointer, count: Int, at offset: Int) -> Int {
            var done = 0
            while done < count {
                let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
            return done
        }
    }

    /// An object whose header and streams are verified. The XML is produced on demand.
    struct Reader {
        let path: String
        let source: OpenFile
        let codec: Codec
        let xmlSize: Int
        let storedSize: Int
        let storedChecksum: UInt64
        /// The XML carries relocation markers (see `Relocator`).
        let relocated: Bool
        let standardOutput: [UInt8]
        let standardError: [UInt8]
        let castxmlMilliseconds: UInt32
        let storedStart: Int

        func corrupt(_ why: String) -> CacheError { .corruptEntry(path: path, reason: why) }

        /// Feeds the XML to `body` in chunks; verifies the stored bytes' checksum and the XML size at
        /// the end. Whatever `body` did must be discarded when this throws `corruptEntry`.
        func streamXML(_ body: (UnsafeRawBufferPointer) throws(CacheError) -> Void) throws(CacheError) {
            let chunk = 1 << 18
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: min(chunk, max(storedSize, 1)), alignment: 64)
            defer { buffer.deallocate() }
            var checksum = XXH64()
            let decoder = try codec.decompressor()
            var produced = 0
            var offset = 0
            while offset < storedSize {
                let want = min(buffer.count, storedSize - offset)
                let got = source.read(into: buffer, count: want, at: storedStart + offset)
                guard got == want else { throw corrupt("truncated XML") }
                let piece = UnsafeRawBufferPointer(rebasing: buffer[0..<got])
                checksum.update(piece)
                offset += got
                if let decoder {
                    do {
                        try decoder.feed(piece) { (out) throws(CacheError) in
                            produced += out.count
                            guard produced <= xmlSize else { throw corrupt("XML size mismatch") }
                            try body(out)
                        }
                    } catch {
                        // Stored bytes the codec rejects are damage in this object, like a bad checksum.
                        if case .compression(let why) = error { throw corrupt("undecodable XML (\(why))") }
                        throw error
                    }
                } else {
                    produced += got
                    try body(piece)
                }
            }
            // The checksum first: damaged input can make the decoder's own complaint misleading.
            guard checksum.finalize() == storedChecksum else { throw corrupt("XML checksum mismatch") }
            if let decoder, !decoder.finished { throw corrupt("truncated compressed frame") }
            guard produced == xmlSize else { throw corrupt("XML size mismatch") }
        }
    }

    /// Checks an object's header, sizes and stream checksum; damage is `corruptEntry`.
    static func reader(_ source: OpenFile, size: Int, path: String) throws(CacheError) -> Reader {
        func corrupt(_ why: String) -> CacheError { .corruptEntry(path: path, reason: why) }
        guard size >= headerSize else { throw corrupt("truncated header (\(size) bytes)") }
        var header = [UInt8](repeating: 0, count: headerSize)
        let got = header.withUnsafeMutableBytes { source.read(into: $0, count: headerSize, at: 0) }
        guard got == headerSize else { throw corrupt("truncated header") }
        guard Array(header[0..<4]) == magic else { throw corrupt("bad magic") }
        guard header[4] == version else { throw corrupt("format version \(header[4])") }
        guard let codec = Codec(rawValue: header[5]) else { throw corrupt("unknown codec \(header[5])") }
        let xmlSize = get64(header, 8), storedSize = get64(header, 16)
        let outSize = Int(get32(header, 24)), errSize = Int(get32(header, 28))
        guard xmlSize < 1 << 40, storedSize < 1 << 40, size == headerSize + outSize + errSize + Int(storedSize) else {
            throw corrupt("size mismatch")
        }
        // castxml never writes an empty XML on success: an object without one is damage, never a result.
        guard xmlSize > 0 else { throw corrupt("empty XML") }
        var streams = [UInt8](repeating: 0, count: outSize + errSize)
        let streamBytes = streams.withUnsafeMutableBytes { source.read(into: $0, count: outSize + errSize, at: headerSize) }
        guard streamBytes == streams.count else { throw corrupt("truncated streams") }
        var hasher = SHA256()
        hasher.update(Array(header[0..<48]))
        hasher.update(streams)
        guard hasher.finalize().bytes == Array(header[48..<80]) else { throw corrupt("checksum mismatch") }
        return Reader(path: path, source: source, codec: codec, xmlSize: Int(xmlSize), storedSize: Int(storedSize),
                      storedChecksum: get64(header, 40), relocated: header[6] & 1 != 0,
                      standardOutput: Array(streams[0..<outSize]), standardError: Array(streams[outSize...]),
                      castxmlMilliseconds: get32(header, 32), storedStart: headerSize + outSize + errSize)
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
