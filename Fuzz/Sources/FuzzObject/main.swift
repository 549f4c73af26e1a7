import FuzzSupport
import SwiftWrapCache

// A cache object file (header, streams, lz4/zstd/raw XML, checksums) on arbitrary bytes: it verifies
// or throws corruptEntry naming the file; it never crashes or allocates what the header claims.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzObject(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Scratch.write(data, size, to: Scratch.path("input.obj"))
    do {
        _ = try StoredFileCheck.object(path: path)
    } catch {
        fuzzCheck("\(error)".contains(path), "the error must name the object: \(error)")
    }
    return 0
}

@_cdecl("FuzzObject_main")
public func fuzzObjectMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzObject)
}
