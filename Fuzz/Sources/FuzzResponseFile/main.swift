import FuzzSupport
import SwiftWrapCore

// A response file (`@FILE`, GNU quoting) on arbitrary bytes: it tokenizes; the tokens, quoted by the
// package's own quoting, tokenize back to the same tokens.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResponseFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Scratch.write(data, size, to: Scratch.path("args.rsp"))
    guard let text = try? FileSystem.readText(path) else { return 0 }
    let tokens = ResponseFile.tokenize(text)
    let again = ResponseFile.tokenize(tokens.map(ResponseFile.quote).joined(separator: " "))
    fuzzCheck(again == tokens, "quoted tokens do not tokenize back: \(tokens) -> \(again)")
    return 0
}

@_cdecl("FuzzResponseFile_main")
public func fuzzResponseFileMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzResponseFile)
}
