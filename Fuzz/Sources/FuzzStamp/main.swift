import FuzzSupport
import SwiftWrapRecords

// A wrapgen stamp on arbitrary bytes: it parses or throws FormatError naming the file; a stamp that
// parses renders to text that parses back to the same stamp.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStamp(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Scratch.write(data, size, to: Scratch.path("Module.stamp"))
    do {
        let stamp = try Stamp.read(path)
        let again = try? Stamp.parse(stamp.render(), path: path)
        fuzzCheck(again == stamp, "a rendered stamp does not parse back: \(stamp)")
    } catch {
        fuzzCheck(error.path == path, "a FormatError must name the stamp: \(error)")
    }
    return 0
}

@_cdecl("FuzzStamp_main")
public func fuzzStampMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzStamp)
}
