import SwiftWrapCore
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapGen

@Suite struct CastXMLReaderTests {
    @Test func readsRealCastXMLOutput() throws {
        let document = try CastXMLReader.read(fixture)
        #expect(document.format == "1.3.1")
        let resolver = TypeResolver(document: document)
        var warnings = Set<Warning>()
        let typedefs = try WrappersNamespace.typedefs(in: document, resolver: resolver, qualifiedName: "_wrapping_::wrappers",
                                                      warnings: &warnings)
        #expect(typedefs.map(\.name) == ["PointD", "PointI"])
        #expect(typedefs.map(\.cppType) == ["geo::Point<double>", "geo::Point<int>"])
    }

    @Test func decodesEntitiesInAttributes() throws {
        let scratch = Scratch()
        let path = scratch.write("amp.xml", """
            <?xml version="1.0"?>
            <CastXML format="1.4.0">
              <Namespace id="_1" name="::"/>
              <OperatorMethod id="_2" name="&amp;=" returns="_3" context="_1" access="public" file="f1" line="3"/>
              <Class id="_4" name="Pair&lt;int, long unsigned int&gt;" context="_1" file="f1" line="1" members="_2"/>
              <FundamentalType id="_3" name="long unsigned int"/>
              <File id="f1" name="a &amp; b.h"/>
            </CastXML>
            """)
        let document = try CastXMLReader.read(path)
        guard case .function(let function)? = document["_2"] else { Issue.record("no operator"); return }
        #expect(function.name == "&=")
        #expect(document.fileName("f1") == "a & b.h")
        let resolver = TypeResolver(document: document)
        #expect(resolver.qualifiedName("_4") == "Pair<int, unsigned long>")
        #expect(resolver.type("_3") == .fundamental("unsigned long"))
    }

    @Test func rejectsOtherMajorVersionsAndGCCXML() {
        let scratch = Scratch()
        let v2 = scratch.write("v2.xml", "<?xml version=\"1.0\"?>\n<CastXML format=\"2.0.0\">\n</CastXML>\n")
        #expect(throws: CastXMLError(path: v2, line: 2, message: "unsupported CastXML format '2.0.0': wrapgen reads format 1.x (castxml --castxml-output=1)")) {
            try CastXMLReader.read(v2)
        }
        let gcc = scratch.write("gcc.xml", "<?xml version=\"1.0\"?>\n<GCC_XML version=\"0.9.0\">\n</GCC_XML>\n")
        #expect(throws: CastXMLError.self) { try CastXMLReader.read(gcc) }
    }

    @Test func reportsTruncationWithLineAndColumn() {
        let scratch = Scratch()
        let path = scratch.write("cut.xml", "<?xml version=\"1.0\"?>\n<CastXML format=\"1.3.1\">\n  <Namespace id=\"_1\" name=\"::\"/>\n  <Class id=")
        do {
            _ = try CastXMLReader.read(path)
            Issue.record("truncated XML was accepted")
        } catch {
            #expect(error.path == path)
            #expect(error.line != nil && error.column != nil)
            #expect(error.message.contains("malformed XML"))
        }
    }

    @Test func missingFileNamesThePath() {
        #expect(throws: CastXMLError.self) { try CastXMLReader.read("/nonexistent/x.xml") }
    }
}
