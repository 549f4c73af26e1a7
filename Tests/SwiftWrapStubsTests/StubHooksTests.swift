import SwiftWrapCore
import SwiftWrapGen
import SwiftWrapRecords
import Testing
@testable import SwiftWrapStubs

/// The hooks' record fields and stub pieces (wrapgen --director/--output-parameter, stubgen --stub-code).
@Suite struct StubHooksTests {
    func plan(_ hooks: SubmoduleHooks) throws -> ModulePlan {
        var submodule = ModuleRequest.Submodule(name: "Points", xmlPath: fixture, includes: ["point.h"])
        submodule.hooks = hooks
        let request = ModuleRequest(module: "Base", owner: "o", package: "p", wrappersNamespace: "_wrapping_::wrappers",
                                    databaseDirectory: "/nonexistent", outputDirectory: "/nonexistent", submodules: [submodule],
                                    importedIndexes: [], depfile: nil, command: ["wrapgen"], workingDirectory: "/")
        return try ModuleGenerator.plan(request)
    }

    @Test func recordsWithoutHooksKeepTheirJSONAndHookFieldsRoundTrip() throws {
        let plain = try plan(SubmoduleHooks())
        #expect(!plain.rows.contains { $0.json.contains("isDirector") || $0.json.contains("isOutput") })
        var hooks = SubmoduleHooks()
        hooks.directors = ["PointD"]
        let directed = try plan(hooks)
        let row = try #require(directed.rows.first { $0.record.pythonName == "PointD" })
        #expect(row.record.isDirector == true)
        #expect(RecordJSONReader.decode(row.json) == row.record)
        #expect(RecordJSONReader.decode(row.json) == RecordCoding.decode(row.json))
        let interface = try #require(directed.files.first { $0.path.hasSuffix("Points.i") }).text
        #expect(interface.contains("directors=\"1\""))
        #expect(interface.contains("%feature(\"director\") PointD;"))
        #expect(!interface.contains("%feature(\"director\") PointI;"))
    }

    @Test func anUnknownDirectorClassIsAnErrorNamingTheWrappedOnes() throws {
        var hooks = SubmoduleHooks()
        hooks.directors = ["geo::Nowhere"]
        #expect(throws: WrapgenError.self) { try plan(hooks) }
        do { _ = try plan(hooks) } catch { #expect("\(error)".contains("'geo::Nowhere' is not a class this submodule wraps; it wraps: ")) }
    }

    @Test func outputParameterDeclarationsParse() {
        let parsed = OutputParameters.parse("tinyxml2::XMLElement::QueryIntAttribute(value)")
        #expect(parsed?.scope == "tinyxml2::XMLElement" && parsed?.method == "QueryIntAttribute" && parsed?.parameters == ["value"])
        #expect(OutputParameters.parse("a::B<int>::Get(w, h)")?.parameters == ["w", "h"])
        #expect(OutputParameters.parse("Get(w)") == nil)
        #expect(OutputParameters.parse("A::Get()") == nil)
        #expect(OutputParameters.parse("A::Get(w") == nil)
        #expect(OutputParameters.parse("A::Get(1w)") == nil)
    }

    @Test func resultsFollowSwigsAppendingRules() {
        let int = (PythonAnnotation.name("int", nil), "int"), none = (PythonAnnotation.name("None", nil), "None")
        let float = (PythonAnnotation.name("float", nil), "float")
        #expect(StubHooks.result(returns: none, outputs: [int]).1 == "int")
        #expect(StubHooks.result(returns: none, outputs: [float, float]).1 == "tuple[float, float]")
        #expect(StubHooks.result(returns: int, outputs: [int]).1 == "tuple[int, int]")
        #expect(StubHooks.result(returns: int, outputs: []).1 == "int")
    }

    @Test func fragmentsSplitIntoImportsClassMembersAndModuleLines() throws {
        let text = """
            from typing import Iterator
            # a comment
            class Element:
              def Doubled(self) -> int: ...

              def describe(self) -> str: ...
            class Extra(Element):
                def more(self) -> None: ...

            def total_of(e: Element) -> int: ...
            """
        let fragment = try StubFragment.parse(text, path: "f.pyi", classes: ["Element"])
        #expect(fragment.imports == ["from typing import Iterator"])
        #expect(fragment.classMembers["Element"] == ["    def Doubled(self) -> int: ...", "", "    def describe(self) -> str: ..."])
        #expect(fragment.moduleLines == ["# a comment", "class Extra(Element):", "    def more(self) -> None: ...", "",
                                         "def total_of(e: Element) -> int: ..."])
    }

    @Test func fragmentErrorsNameTheFileAndLine() {
        #expect(throws: StubError.self) { try StubFragment.parse("class Element(Base):\n    x: int\n", path: "f.pyi", classes: ["Element"]) }
        do { _ = try StubFragment.parse("x: int\n\tdef f(): ...\n", path: "f.pyi", classes: []) } catch {
            #expect("\(error)".hasPrefix("f.pyi:2: a tab character"))
        }
        do { _ = try StubFragment.parse("    x: int\n", path: "f.pyi", classes: []) } catch {
            #expect("\(error)".hasPrefix("f.pyi:1: indented line outside a class or function block"))
        }
    }
}
