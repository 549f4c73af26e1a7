import FuzzSupport
import SwiftWrapGen

// The CastXML reader (libxml2 SAX2 stream -> id graph) on arbitrary bytes: it returns a document or
// throws CastXMLError; it never crashes, hangs or reads past the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCastXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Scratch.write(data, size, to: Scratch.path("input.xml"))
    do {
        let document = try CastXMLReader.read(path)
        _ = document.nodes.count
    } catch {
        fuzzCheck(error.path == path, "a CastXMLError must name the file read: \(error)")
    }
    return 0
}
