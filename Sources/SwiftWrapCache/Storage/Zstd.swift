import CZstd

/// In-process zstd (libzstd). Only this file imports CZstd.
enum Zstd {
    static func compress(_ input: [UInt8], level: Int32 = 1) throws(CacheError) -> [UInt8] {
        try compressedBytes(bound: ZSTD_compressBound(input.count), compress: { dst in
            input.withUnsafeBytes { src in ZSTD_compress(dst.baseAddress, dst.count, src.baseAddress, src.count, level) }
        }, failure: { ZSTD_isError($0) != 0 ? String(cString: ZSTD_getErrorName($0)) : nil })
    }

    /// Streaming decompression of one frame fed in arbitrary pieces; output goes out in pieces of
    /// at most 256 KiB. Damaged input is a `compression` failure.
    final class Decoder: StreamDecompressor {
        private let context: OpaquePointer
        private let buffer: UnsafeMutableRawBufferPointer
        /// The frame's end was reached.
        private(set) var finished = false

        init() throws(CacheError) {
            guard let context = ZSTD_createDCtx() else { throw .compression("cannot create a zstd context") }
            self.context = context
            buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 64)
        }

        deinit {
            ZSTD_freeDCtx(context)
            buffer.deallocate()
        }

        func feed(_ input: UnsafeRawBufferPointer,
                  _ emit: (UnsafeRawBufferPointer) throws(CacheError) -> Void) throws(CacheError) {
            var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
            while true {
                if finished {
                    guard inBuffer.pos == inBuffer.size else { throw .compression("data after the zstd frame") }
                    return
                }
                var outBuffer = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                let status = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                if ZSTD_isError(status) != 0 { throw .compression(String(cString: ZSTD_getErrorName(status))) }
                if outBuffer.pos > 0 { try emit(UnsafeRawBufferPointer(rebasing: buffer[0..<outBuffer.pos])) }
                if status == 0 { finished = true; continue }
                // All input taken and the output buffer not filled: nothing more to flush for now.
                if inBuffer.pos == inBuffer.size && outBuffer.pos < outBuffer.size { return }
            }
        }
    }
}
