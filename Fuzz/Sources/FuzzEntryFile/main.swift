import FuzzSupport
import SwiftWrapCache

// A direct-index entry file (the `.mf` of a direct key) on arbitrary bytes: entries parse or the file is
// corruptEntry naming it; never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntryFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = "/cache/v2/manifests/ab/abcdef.mf"
    do {
        _ = try StoredFileCheck.entryFile(Scratch.bytes(data, size), path: path)
    } catch {
        fuzzCheck("\(error)".contains(path), "the error must name the entry file: \(error)")
    }
    return 0
}

@_cdecl("FuzzEntryFile_main")
public func fuzzEntryFileMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzEntryFile)
}
