import Glibc
import SwiftWrapTestSupport
@testable import SwiftWrapCache
@testable import SwiftWrapCore

/// Whole objects in memory, for format tests (the cache itself streams them).
extension ObjectFile {
    /// An object's bytes in one array.
    static func encodedBytes(_ result: CachedResult, codec: Codec, relocated: Bool) throws(CacheError) -> [UInt8] {
        Array(try encode(result, codec: codec, relocated: relocated).joined())
    }

    /// Decodes a whole object held in memory (through a file: the cache reads objects from files).
    static func decode(_ bytes: [UInt8], path: String) throws(CacheError) -> (CachedResult, relocated: Bool) {
        let dir = TemporaryDirectory()
        let file = dir.path + "/object"
        do { try AtomicWriter.write(bytes, to: file) } catch { throw error.cache }
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .file(.current(.open, file)) }
        let reader = try reader(OpenFile(fd), size: bytes.count, path: path)
        var xml: [UInt8] = []
        xml.reserveCapacity(reader.xmlSize)
        try reader.streamXML { chunk in xml.append(contentsOf: chunk) }
        let result = CachedResult(xml: xml, standardOutput: reader.standardOutput,
                                  standardError: reader.standardError, castxmlMilliseconds: reader.castxmlMilliseconds)
        return (result, reader.relocated)
    }
}
