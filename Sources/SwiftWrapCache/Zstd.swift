import CZstd

/// In-process zstd (libzstd). Only this file imports CZstd.
enum Zstd {
    static func compress(_ input: [UInt8], level: Int32 = 1) throws(CacheError) -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = input.withUnsafeBytes { src in
            output.withUnsafeMutableBytes { dst in
                ZSTD_compress(dst.baseAddress, dst.count, src.baseAddress, src.count, level)
            }
        }
        if ZSTD_isError(written) != 0 { throw .compression(String(cString: ZSTD_getErrorName(written))) }
        output.removeSubrange(written...)
        return output
    }

    /// Decompresses a single frame whose decompressed size is known to be `expectedSize`.
    static func decompress(_ input: ArraySlice<UInt8>, expectedSize: Int) -> [UInt8]? {
        var ok = false
        let output = [UInt8](unsafeUninitializedCapacity: expectedSize) { buffer, count in
            let produced = input.withUnsafeBytes { src in
                ZSTD_decompress(buffer.baseAddress, buffer.count, src.baseAddress, src.count)
            }
            ok = ZSTD_isError(produced) == 0 && produced == expectedSize
            count = ok ? produced : 0
        }
        return ok ? output : nil
    }
}
