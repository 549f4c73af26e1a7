import SwiftWrapRecords
import Testing
@testable import SwiftWrapStubs

@Suite struct StubNullabilityTests {
    func record(_ methods: [MethodGroup]) -> ClassRecord {
        ClassRecord(key: "A.S", pythonName: "A", owner: "o", module: "M", submodule: "S", package: "pkg", kind: "class",
                    cppType: "ns::A", templateName: nil, templateArguments: [], bases: [], isAbstract: false,
                    constructors: [], methods: methods, operators: [], enums: [], file: "a.h", line: 1)
    }

    func method(_ name: String, returns: TypeRecord, arguments: [ArgumentRecord] = []) -> MethodGroup {
        MethodGroup(name: name, pythonName: name, overloads: [
            FunctionRecord(arguments: arguments, returns: returns, isStatic: false, isConst: false, isVirtual: false,
                           isPure: false, isImplicit: false, line: 1),
        ])
    }

    @Test func pointerReturnsAreOptionalAndReferencesAreNot() {
        let a = record([
            method("Find", returns: TypeRecord(cpp: "ns::A *", python: "A", wrapped: "A.S")),
            method("First", returns: TypeRecord(cpp: "ns::A const * const", python: "A", wrapped: "A.S")),
            method("Ref", returns: TypeRecord(cpp: "ns::A &", python: "A", wrapped: "A.S")),
            method("PointerRef", returns: TypeRecord(cpp: "ns::A * const &", python: "A", wrapped: "A.S")),
            method("Name", returns: TypeRecord(cpp: "char const *", python: "str", wrapped: nil)),
            method("Raw", returns: TypeRecord(cpp: "void *", python: "Any", wrapped: nil)),
            method("Text", returns: TypeRecord(cpp: "std::string", python: "str", wrapped: nil)),
        ])
        let text = ModuleStubWriter(package: "pkg", submodule: "S", catalog: StubCatalog(own: [a])).render([a])
        for line in ["def Find(self) -> A | None: ...", "def First(self) -> A | None: ...", "def Ref(self) -> A: ...",
                     "def PointerRef(self) -> A | None: ...", "def Name(self) -> str | None: ...",
                     "def Raw(self) -> Any: ...", "def Text(self) -> str: ..."] {
            #expect(text.contains("    " + line + "\n"), "\(line)\n\(text)")
        }
    }

    @Test func pointerParametersWithANullDefaultAcceptNone() {
        func argument(_ name: String, _ cpp: String, _ python: String, _ value: String?) -> ArgumentRecord {
            ArgumentRecord(name: name, type: TypeRecord(cpp: cpp, python: python, wrapped: python == "A" ? "A.S" : nil),
                           cppDefault: value, pythonDefault: value == nil ? nil : "None")
        }
        let a = record([method("F", returns: TypeRecord(cpp: "void", python: "None", wrapped: nil), arguments: [
            argument("a", "ns::A const *", "A", nil), argument("b", "ns::A *", "A", "nullptr"),
            argument("c", "char const *", "str", "0"), argument("d", "int", "int", "0"),
        ])])
        let text = ModuleStubWriter(package: "pkg", submodule: "S", catalog: StubCatalog(own: [a])).render([a])
        #expect(text.contains("    def F(self, a: A, b: A | None = ..., c: str | None = ..., d: int = ...) -> None: ...\n"), "\(text)")
    }

    @Test func optionalIsASupertypeOfItsTypeAndOfNone() {
        let catalog = StubCatalog(own: [])
        let int = PythonAnnotation.name("int", nil)
        #expect(int.isSubtype(of: .optional(int), catalog: catalog))
        #expect(PythonAnnotation.name("bool", nil).isSubtype(of: .optional(int), catalog: catalog))
        #expect(PythonAnnotation.name("None", nil).isSubtype(of: .optional(int), catalog: catalog))
        #expect(!PythonAnnotation.optional(int).isSubtype(of: int, catalog: catalog))
        #expect(PythonAnnotation.optional(int).isSubtype(of: .any, catalog: catalog))
    }
}
