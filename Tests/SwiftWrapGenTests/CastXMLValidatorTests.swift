import SwiftWrapCore
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapGen

/// Malformed CastXML (issue 11, item 11 and the reader's messages): every case is an error naming
/// the file, the line and what is wrong; none crashes or yields a wrong stub.
@Suite struct CastXMLValidatorTests {
    private func malformed(_ name: String) -> String {
        repositoryRoot() + "/Tests/Fixtures/castxml/malformed/" + name
    }

    private func failure(_ name: String) -> CastXMLError? {
        do {
            _ = try CastXMLReader.read(malformed(name))
            Issue.record("\(name) was accepted")
            return nil
        } catch { return error }
    }

    @Test func contextCycleIsAnErrorNotACrash() throws {
        let error = try #require(failure("context-cycle.xml"))
        #expect(error.path == malformed("context-cycle.xml"))
        #expect(error.line == 4)
        #expect(error.message.contains("context chain of namespace '_wrapping_' (id '_2') is a cycle: '_2' (line 4) → '_3' (line 5) → '_2'"))
    }

    @Test func duplicateIdNamesBothLines() throws {
        let error = try #require(failure("duplicate-id.xml"))
        #expect(error.line == 8)
        #expect(error.message.contains("<Struct> has id '_5', which the element at line 7 already has"))
    }

    @Test func danglingReturnsIsAnError() throws {
        let error = try #require(failure("dangling-returns.xml"))
        #expect(error.line == 8)
        #expect(error.message.contains("returns '_99' of Method 'size' (id '_6') names no element of this file"))
    }

    @Test func classThatIsItsOwnBaseIsAnError() throws {
        let error = try #require(failure("self-base.xml"))
        #expect(error.line == 7)
        #expect(error.message.contains("class 'Widget' ('_5', line 7) lists itself as its base"))
    }

    @Test func inheritanceAndTypeCyclesAreErrors() throws {
        let scratch = Scratch()
        let loop = scratch.write("loop.xml", """
            <?xml version="1.0"?>
            <CastXML format="1.4.0">
              <Namespace id="_1" name="::"/>
              <Class id="_2" name="A" context="_1" file="f1" line="1" members=""><Base type="_3" access="public" virtual="0"/></Class>
              <Class id="_3" name="B" context="_1" file="f1" line="2" members=""><Base type="_4" access="public" virtual="0"/></Class>
              <Typedef id="_4" name="AA" type="_2" context="_1" file="f1" line="3"/>
              <Typedef id="_5" name="T" type="_6" context="_1" file="f1" line="4"/>
              <PointerType id="_6" type="_5"/>
              <File id="f1" name="a.h"/>
            </CastXML>
            """)
        do {
            _ = try CastXMLReader.read(loop)
            Issue.record("a type cycle was accepted")
        } catch {
            #expect(error.line == 7)
            #expect(error.message.contains("the type chain of typedef 'T' (id '_5') is a cycle"))
        }
        let bases = scratch.write("bases.xml", try FileSystem.readText(loop).replacingAll(#"type="_6""#, with: #"type="_2""#))
        do {
            _ = try CastXMLReader.read(bases)
            Issue.record("an inheritance cycle was accepted")
        } catch {
            #expect(error.message.contains("classes 'A' ('_2', line 4) → 'B' ('_3', line 5) → 'A' ('_2', line 4) inherit from each other in a cycle"))
        }
    }

    @Test func emptyFileSaysItIsEmpty() throws {
        let error = try #require(failure("empty.xml"))
        #expect(error.message.hasPrefix("the file is empty"))
        #expect(error.description.hasPrefix(malformed("empty.xml") + ": the file is empty"))
    }

    @Test func entityBombIsReportedAsEntityExpansion() throws {
        let error = try #require(failure("entity-bomb.xml"))
        #expect(error.line == 3)
        #expect(error.message.contains("declares the XML entity 'a', over wrapgen's entity expansion limit"))
        #expect(!error.message.contains("truncated"))
    }
}
