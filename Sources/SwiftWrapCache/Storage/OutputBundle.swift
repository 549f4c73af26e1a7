import SwiftWrapCore

/// The outputs of one run that writes several files (SWIG: the wrapper, the proxy `.py`, …), as
/// the payload of one object. The object (`ObjectFile`) gives it a codec, relocation, its XXH64
/// damage check and its replayed streams; the bundle says which bytes are which file.
///
///     "SWCB"  4  version (1)  5  0  6  0  7  0  8  output count (u32 LE)  12  0 (u32)
///     per output: place (u8: 0 beside the -o file, 1 in -outdir)  name length (u32)  size (u64)  name
///     then the outputs' bytes, in the same order
///
/// Names are plain file names (no `/`, not `.` or `..`); a bundle is read whole and checked
/// against its own sizes, so a short, long or otherwise malformed payload is a corrupt object.
public struct OutputBundle: Equatable, Sendable {
    public enum Place: UInt8, Sendable { case besideOutput = 0, outputDirectory = 1 }

    public struct Output: Equatable, Sendable {
        public var place: Place
        public var name: String
        public var bytes: [UInt8]
        public init(place: Place, name: String, bytes: [UInt8]) {
            self.place = place
            self.name = name
            self.bytes = bytes
        }
    }

    static let magic: [UInt8] = Array("SWCB".utf8)
    static let version: UInt8 = 1

    public var outputs: [Output]
    public init(outputs: [Output]) { self.outputs = outputs }

    public func encode() -> [UInt8] {
        var bytes = OutputBundle.magic + [OutputBundle.version, 0, 0, 0]
        append(UInt32(outputs.count), to: &bytes)
        append(UInt32(0), to: &bytes)
        for output in outputs {
            let name = LosslessText.encode(output.name)
            bytes.append(output.place.rawValue)
            append(UInt32(name.count), to: &bytes)
            append(UInt64(output.bytes.count), to: &bytes)
            bytes += name
        }
        for output in outputs { bytes += output.bytes }
        return bytes
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(CacheError) -> OutputBundle {
        func corrupt(_ why: String) -> CacheError { .corruptEntry(path: path, reason: "output bundle: \(why)") }
        guard bytes.count >= 16, Array(bytes[0..<4]) == magic else { throw corrupt("bad magic") }
        guard bytes[4] == version else { throw corrupt("version \(bytes[4])") }
        let count = Int(read(bytes, at: 8, width: 4))
        var offset = 16
        var heads: [(Place, String, Int)] = []
        for _ in 0..<min(count, 1 << 16) {
            guard offset + 13 <= bytes.count, let place = Place(rawValue: bytes[offset]) else { throw corrupt("bad output header") }
            let nameLength = Int(read(bytes, at: offset + 1, width: 4))
            let size = read(bytes, at: offset + 5, width: 8)
            offset += 13
            guard nameLength > 0, nameLength <= 4096, offset + nameLength <= bytes.count, size < 1 << 40 else {
                throw corrupt("bad output header")
            }
            let name = LosslessText.decode(Array(bytes[offset..<offset + nameLength]))
            guard !name.contains("/"), name != ".", name != ".." else { throw corrupt("bad output name '\(name)'") }
            heads.append((place, name, Int(size)))
            offset += nameLength
        }
        guard heads.count == count, count > 0 else { throw corrupt("no outputs") }
        var outputs: [Output] = []
        for (place, name, size) in heads {
            guard offset + size <= bytes.count else { throw corrupt("truncated output '\(name)'") }
            outputs.append(Output(place: place, name: name, bytes: Array(bytes[offset..<offset + size])))
            offset += size
        }
        guard offset == bytes.count else { throw corrupt("trailing bytes") }
        return OutputBundle(outputs: outputs)
    }

    private func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private static func read(_ bytes: [UInt8], at offset: Int, width: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in 0..<width { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        return value
    }
}
