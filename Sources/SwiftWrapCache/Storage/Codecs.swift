/// What the object codecs (`Lz4`, `Zstd`) share.

/// A decompressor fed the stored bytes of an object piece by piece.
protocol StreamDecompressor: AnyObject {
    /// The end of the compressed frame was reached.
    var finished: Bool { get }
    func feed(_ input: UnsafeRawBufferPointer, _ emit: (UnsafeRawBufferPointer) throws(CacheError) -> Void) throws(CacheError)
}

/// Runs a one-shot C compressor into the uninitialised capacity of a new array (zero-filling a
/// 7 MB bound first would cost as much as a third of the compression). `compress` returns the
/// written size or the library's error code, which `failure` turns into a message.
func compressedBytes(bound: Int, compress: (UnsafeMutableRawBufferPointer) -> Int,
                     failure: (Int) -> String?) throws(CacheError) -> [UInt8] {
    var message: String?
    let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
        let written = compress(UnsafeMutableRawBufferPointer(buffer))
        message = failure(written)
        count = message == nil ? written : 0
    }
    if let message { throw .compression(message) }
    return output
}
