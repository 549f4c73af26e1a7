import SwiftWrapCore
import SwiftWrapRecords
import Testing
@testable import SwiftWrapStubs

@Suite struct ModuleStubWriterTests {
    func type(_ python: String, _ wrapped: String? = nil) -> TypeRecord { TypeRecord(cpp: python, python: python, wrapped: wrapped) }

    func function(_ arguments: [(String, TypeRecord)], returns: TypeRecord? = nil, isStatic: Bool = false,
                  defaults: Int = 0) -> FunctionRecord {
        FunctionRecord(arguments: arguments.enumerated().map { index, argument in
            let isDefault = index >= arguments.count - defaults
            return ArgumentRecord(name: argument.0, type: argument.1, cppDefault: isDefault ? "0" : nil, pythonDefault: isDefault ? "0" : nil)
        }, returns: returns ?? type("None"), isStatic: isStatic, isConst: false, isVirtual: false, isPure: false,
           isImplicit: false, line: 1)
    }

    func record(_ name: String, _ sub: String, package: String = "pkg", bases: [(String, String)] = [],
                methods: [MethodGroup] = []) -> ClassRecord {
        ClassRecord(key: name + "." + sub, pythonName: name, owner: "o", module: "M", submodule: sub, package: package,
                    kind: "class", cppType: "ns::" + name, templateName: nil, templateArguments: [],
                    bases: bases.map { BaseRecord(cppType: "ns::" + $0.0, pythonName: $0.0, submodule: $0.1, access: "public", isVirtual: false) },
                    isAbstract: false, constructors: [function([])], methods: methods, operators: [], enums: [], file: "a.h", line: 1)
    }

    @Test func narrowerOverloadsMoveFirstAndPythonDuplicatesAreDropped() {
        let group = MethodGroup(name: "F", pythonName: "F", overloads: [
            function([("x", type("float"))], returns: type("float")),
            function([("x", type("Any"))], returns: type("Any")),
            function([("x", type("int"))], returns: type("int")),
            function([("y", type("int"))], returns: type("int")),   // C++ long vs int: the same in Python
            function([("x", type("bool"))], returns: type("bool")),
        ])
        let a = record("A", "S", methods: [group])
        let text = ModuleStubWriter(package: "pkg", submodule: "S", catalog: StubCatalog(own: [a])).render([a])
        let defs = text.split(separator: "\n").filter { $0.contains("def F") }
        #expect(defs == ["    def F(self, x: bool, /) -> bool: ...", "    def F(self, x: int, /) -> int: ...",
                         "    def F(self, x: float, /) -> float: ...", "    def F(self, x: Any, /) -> Any: ..."])
    }

    @Test func subclassArgumentsAreNarrower() {
        let base = record("Base", "S")
        let derived = record("Derived", "T", bases: [("Base", "S")])
        let user = record("User", "T", methods: [MethodGroup(name: "Take", pythonName: "Take", overloads: [
            function([("b", type("Base", "Base.S"))]), function([("d", type("Derived", "Derived.T"))])])])
        let catalog = StubCatalog(own: [base, derived, user])
        let text = ModuleStubWriter(package: "pkg", submodule: "T", catalog: catalog).render([user, derived])
        #expect(text.contains("class Derived(Base):"))
        #expect(text.contains("from .S import Base\n"))
        let takes = text.split(separator: "\n").filter { $0.contains("def Take") }
        #expect(takes == ["    def Take(self, d: Derived, /) -> None: ...", "    def Take(self, b: Base, /) -> None: ..."])
    }

    @Test func clashingNamesGetPrivateAliases() {
        // A local class named Any, and a class named like a local one imported from another package.
        let any = record("Any", "S", methods: [MethodGroup(name: "G", pythonName: "G", overloads: [
            function([("x", type("Point", "Point.Other"))], returns: type("Sequence[float]")),
            function([("x", type("Any"))], returns: type("Any"))])])
        let localPoint = record("Point", "S")
        let foreign = record("Point", "Other", package: "otherpkg")
        var catalog = StubCatalog(own: [any, localPoint])
        catalog.addExternal(foreign)
        let text = ModuleStubWriter(package: "pkg", submodule: "S", catalog: catalog).render([any, localPoint])
        #expect(text.contains("from collections.abc import Sequence\nfrom typing import Any as _Any, overload\n"), "\(text)")
        #expect(text.contains("from otherpkg.Other import Point as _Other_Point\n"))
        #expect(text.contains("    def G(self, x: _Other_Point, /) -> Sequence[float]: ..."))
        #expect(text.contains("    def G(self, x: _Any, /) -> _Any: ..."))
    }

    @Test func unknownNamesBecomeAny() {
        let a = record("A", "S", methods: [MethodGroup(name: "H", pythonName: "H", overloads: [
            function([("x", type("Mystery"))], returns: type("Sequence[Mystery]"))])])
        let text = ModuleStubWriter(package: "pkg", submodule: "S", catalog: StubCatalog(own: [a])).render([a])
        #expect(text.contains("    def H(self, x: Any) -> Any: ..."))
    }

    @Test func defaultsWithAPythonSpellingKeepKeywords() {
        let a = record("A", "S", methods: [MethodGroup(name: "K", pythonName: "K", overloads: [
            function([("x", type("int")), ("y", type("int"))], defaults: 1)])])
        let text = ModuleStubWriter(package: "pkg", submodule: "S", catalog: StubCatalog(own: [a])).render([a])
        #expect(text.contains("    def K(self, x: int, y: int = ...) -> None: ..."))
    }

    @Test func namesBoundTwiceAreWrittenOnce() {
        func values(_ names: [String]) -> [EnumRecord.Value] { names.map { EnumRecord.Value(name: $0, pythonName: $0, value: 0) } }
        var first = record("First", "S")
        first.kind = "enum"
        first.enums = [EnumRecord(name: "First", cppType: "a::First", isScoped: false, values: values(["Red", "Blue", "Cls"]))]
        var second = record("Second", "S")
        second.kind = "enum"
        second.enums = [EnumRecord(name: "Second", cppType: "b::Second", isScoped: false, values: values(["Red", "Green"]))]
        var cls = record("Cls", "S", methods: [MethodGroup(name: "Size", pythonName: "Size", overloads: [function([])])])
        cls.enums = [EnumRecord(name: "E", cppType: "Cls::E", isScoped: false, values: values(["Size", "Small", "Small"]))]
        let text = ModuleStubWriter(package: "pkg", submodule: "S", catalog: StubCatalog(own: [first, second, cls]))
            .render([first, second, cls])
        #expect(text.contains("\nRed: int\nBlue: int\nGreen: int\n\nclass Cls:\n    Small: int\n    def __init__(self) -> None: ...\n"), "\(text)")
        #expect(text.components("Red: int") == 1 && text.components("Small: int") == 1 && !text.contains("Size: int"))
    }
}

extension String {
    func components(_ part: String) -> Int {
        var count = 0, rest = Substring(self)
        while let range = rest.firstRange(of: part) { count += 1; rest = rest[range.upperBound...] }
        return count
    }
}
