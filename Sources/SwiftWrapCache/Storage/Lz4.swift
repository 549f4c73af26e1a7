import CLZ4

/// In-process LZ4 (liblz4, frame format with independent 256 KiB blocks). Only this file imports
/// CLZ4. LZ4 decodes castxml's XML at ~4 GB/s here, against ~2.3 GB/s for zstd level 1, at a
/// 5.6:1 ratio against zstd's 12.5:1 (docs/benchmarks.md): the default codec of cache objects.
enum Lz4 {
    static func compress(_ input: [UInt8]) throws(CacheError) -> [UInt8] {
        var preferences = LZ4F_preferences_t()
        preferences.frameInfo.blockSizeID = LZ4F_max256KB
        preferences.frameInfo.blockMode = LZ4F_blockIndependent
        return try compressedBytes(bound: LZ4F_compressFrameBound(input.count, &preferences), compress: { dst in
            input.withUnsafeBytes { src in LZ4F_compressFrame(dst.baseAddress, dst.count, src.baseAddress, src.count, &preferences) }
        }, failure: { LZ4F_isError($0) != 0 ? String(cString: LZ4F_getErrorName($0)) : nil })
    }

    /// Streaming decompression of one frame fed in arbitrary pieces; output goes out in pieces of
    /// at most 256 KiB (one block). Damaged input is a `compression` failure.
    final class Decoder: StreamDecompressor {
        private let context: OpaquePointer
        private let buffer: UnsafeMutableRawBufferPointer
        private(set) var finished = false

        init() throws(CacheError) {
            var context: OpaquePointer?
            let status = LZ4F_createDecompressionContext(&context, UInt32(LZ4F_VERSION))
            guard LZ4F_isError(status) == 0, let context else { throw .compression("cannot create an lz4 context") }
            self.context = context
            buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 64)
        }

        deinit {
            LZ4F_freeDecompressionContext(context)
            buffer.deallocate()
        }

        func feed(_ input: UnsafeRawBufferPointer,
                  _ emit: (UnsafeRawBufferPointer) throws(CacheError) -> Void) throws(CacheError) {
            var position = 0
            while true {
                if finished {
                    guard position == input.count else { throw .compression("data after the lz4 frame") }
                    return
                }
                var outSize = buffer.count
                var inSize = input.count - position
                let hint = LZ4F_decompress(context, buffer.baseAddress, &outSize,
                                           input.baseAddress.map { $0 + position }, &inSize, nil)
                if LZ4F_isError(hint) != 0 { throw .compression(String(cString: LZ4F_getErrorName(hint))) }
                position += inSize
                if outSize > 0 { try emit(UnsafeRawBufferPointer(rebasing: buffer[0..<outSize])) }
                if hint == 0 { finished = true; continue }
                // All input taken and the output not full: nothing more to flush for now.
                if position == input.count && outSize < buffer.count { return }
            }
        }
    }
}
