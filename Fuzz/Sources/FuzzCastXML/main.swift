import FuzzSupport
import SwiftWrapGen

// The CastXML reader (libxml2 SAX2 stream -> id graph) on arbitrary bytes: it returns a document or
// throws CastXMLError; it never crashes, hangs or reads past the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCastXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Scratch.write(data, size, to: Scratch.path("input.xml"))
    do {
        _ = try CastXMLReader.read(path)
    } catch {
        fuzzCheck(error.path == path, "a CastXMLError must name the file read: \(error)")
    }
    return 0
}

@_cdecl("FuzzCastXML_main")
public func fuzzCastXMLMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzCastXML)
}
