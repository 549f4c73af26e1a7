import FuzzSupport
import SwiftWrapCache

// The inode cache (`<cache dir>/v2/inodes`, self-checked lines) on arbitrary bytes: damaged lines are
// skipped; never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInodeCache(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let inodes = Scratch.write(data, size, to: Scratch.path("cache/v2/inodes"))
    _ = StoredFileCheck.inodeCacheLines(cacheDirectory: String(inodes.dropLast("/v2/inodes".count)))
    return 0
}

@_cdecl("FuzzInodeCache_main")
public func fuzzInodeCacheMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzInodeCache)
}
