import FuzzSupport
import SwiftWrapRecords

// A key list (`<submodule>.index.txt`) on arbitrary bytes: it parses or throws FormatError naming the
// file; the keys that parse render to a list that parses back to the same set.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeyList(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Scratch.write(data, size, to: Scratch.path("Sub.index.txt"))
    do {
        let keys = try KeyList.read(path)
        let again = try? KeyList.parse(KeyList.render(keys: keys), path: path)
        fuzzCheck(again.map(Set.init) == Set(keys), "rendered keys do not parse back: \(keys)")
    } catch {
        fuzzCheck(error.path == path, "a FormatError must name the key list: \(error)")
    }
    return 0
}

@_cdecl("FuzzKeyList_main")
public func fuzzKeyListMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzKeyList)
}
