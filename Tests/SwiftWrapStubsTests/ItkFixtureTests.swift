import SwiftWrapCore
import SwiftWrapGen
import SwiftWrapRecords
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapStubs

/// itk::Index<2>, itk::Size<2> and itk::Offset<2> from the committed castxml fixture (Debian's ITK
/// 5.2 headers, Tests/Fixtures/regenerate.sh): the `.i` and stub wrapgen and stubgen make of them.
/// The end-to-end runtime checks are in Tests/EndToEnd/test_wrapgen_values.py.
@Suite struct ItkFixtureTests {
    static let xml = repositoryRoot() + "/Tests/Fixtures/castxml/ItkIndex.xml"

    func plan() throws -> ModulePlan {
        let request = ModuleRequest(module: "Itk", owner: "itkp", package: "itkp", wrappersNamespace: "_wrapping_::wrappers",
                                    databaseDirectory: "/nonexistent", outputDirectory: "/out",
                                    submodules: [.init(name: "Itk", xmlPath: ItkFixtureTests.xml, includes: ["itkSize.h"])],
                                    importedIndexes: [], depfile: nil, command: ["wrapgen"], workingDirectory: "/")
        return try ModuleGenerator.plan(request)
    }

    func stub(_ plan: ModulePlan) -> String {
        let records = plan.rows.map(\.record)
        var catalog = StubCatalog(own: records)
        catalog.indexInheritance()
        let checker = OverrideChecker(catalog: catalog)
        let inplace = checker.incompatibleInplaceOperators(of: records)
        return ModuleStubWriter(package: "itkp", submodule: "Itk", catalog: catalog,
                                overrideIgnores: checker.incompatibleOverrides(of: records).union(inplace.override),
                                inplaceIgnores: inplace.misc).render(records)
    }

    @Test func operatorSubscriptIsExtendedAndBoundedBySize() throws {
        let interface = try #require(try plan().files.first { $0.path == "/out/Itk.i" }).text
        #expect(interface.contains("%extend Index2 {\n  long __getitem__(long long index) {\n"))
        #expect(interface.contains("    const long long size = static_cast<long long>($self->size());\n"))
        #expect(interface.contains("  void __setitem__(long long index, long const & value) {\n"))
        #expect(interface.contains("%exception Size2::__getitem__ {"))
        #expect(interface.contains("(*$self)[static_cast<unsigned int>(index)] = value;"))
    }

    @Test func referenceReturnsOfNumbersAreValuesAndConstTwinsAreLeftOut() throws {
        let interface = try #require(try plan().files.first { $0.path == "/out/Itk.i" }).text
        #expect(interface.contains("%typemap(out) long & = long const &;\n"))
        #expect(interface.contains("%typemap(out) unsigned long & = unsigned long const &;\n"))
        // itk::Index::front(): `reference front()` and `const_reference front() const`; only the first is declared.
        let index = try #require(interface.range(of: "class Index2 {"))
        let body = interface[index.lowerBound...].prefix { $0 != "}" }
        #expect(body.components(separatedBy: " front(").count == 2)
        #expect(body.contains("  long & front();"))
    }

    @Test func stubsTypeIndexAsTheRuntimeDoes() throws {
        let text = stub(try plan())
        #expect(text.contains("    def front(self) -> int: ...\n"))
        #expect(text.contains("    def __getitem__(self, index: int, /) -> int: ...\n"))
        #expect(text.contains("    def __setitem__(self, index: int, value: int, /) -> None: ...\n"))
        // Three operator- but two operator-=: mypy would call __isub__ incompatible with __sub__.
        #expect(text.contains("    @overload  # type: ignore[misc]\n    def __isub__(self, "))
        // Size2's single operator- and operator-= fit: no marker (it would be an unused ignore under --strict).
        // (with its doc comment, found above the operator in itkSize.h: castxml records none for templates)
        #expect(text.contains("    def __isub__(self, vec: Size2, /) -> Size2:\n        \"\"\"Decrement size by a size.\"\"\"\n"))
    }
}
