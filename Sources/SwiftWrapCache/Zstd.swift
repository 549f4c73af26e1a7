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

    /// Streams a zstd frame through `body` in 256 KiB chunks; returns the decompressed size.
    /// Truncated or damaged input is `compression` failure.
    static func decompressStream(_ input: ArraySlice<UInt8>,
                                 _ body: (UnsafeRawBufferPointer) throws(CacheError) -> Void) throws(CacheError) -> Int {
        guard let context = ZSTD_createDCtx() else { throw .compression("cannot create a zstd context") }
        defer { ZSTD_freeDCtx(context) }
        let chunk = 1 << 18
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 64)
        defer { buffer.deallocate() }
        var total = 0
        var failure: CacheError?
        input.withUnsafeBytes { src in
            var inBuffer = ZSTD_inBuffer(src: src.baseAddress, size: src.count, pos: 0)
            var frameDone = false
            while true {
                var outBuffer = ZSTD_outBuffer(dst: buffer.baseAddress, size: chunk, pos: 0)
                let status = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                if ZSTD_isError(status) != 0 {
                    failure = .compression(String(cString: ZSTD_getErrorName(status)))
                    return
                }
                if outBuffer.pos > 0 {
                    do throws(CacheError) { try body(UnsafeRawBufferPointer(rebasing: buffer[0..<outBuffer.pos])) } catch {
                        failure = error
                        return
                    }
                    total += outBuffer.pos
                }
                if status == 0 { frameDone = true }
                if inBuffer.pos == inBuffer.size && outBuffer.pos < chunk { break }
            }
            if !frameDone { failure = .compression("truncated zstd frame") }
        }
        if let failure { throw failure }
        return total
    }
}
