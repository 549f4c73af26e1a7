import SwiftWrapCore
import SwiftWrapGen
import SwiftWrapRecords
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapStubs

/// Free functions, namespace constants and free operators (issue 16) from the committed castxml
/// fixture (Tests/Fixtures/cmake/freefuncs' header and the translation unit the CMake module writes for
/// it, Tests/Fixtures/regenerate.sh): the records, `.i` and stub wrapgen and stubgen make of them.
/// The runtime checks are in Tests/EndToEnd/test_free_functions.py.
@Suite struct FreeFunctionsFixtureTests {
    static let xml = repositoryRoot() + "/Tests/Fixtures/castxml/FreeFuncs.xml"

    func plan(functions: [String] = ["vf::Length", "vf::Scale", "vf::Describe"],
              constants: [String] = ["vf::Origin", "vf::Answer", "vf::Pi", "vf::Greeting"]) throws -> ModulePlan {
        var submodule = ModuleRequest.Submodule(name: "Vectors", xmlPath: FreeFunctionsFixtureTests.xml, includes: ["vecfn.h"])
        submodule.functions = functions
        submodule.constants = constants
        let request = ModuleRequest(module: "Vecs", owner: "vecfn", package: "vecfn", wrappersNamespace: "_wrapping_::wrappers",
                                    databaseDirectory: "/nonexistent", outputDirectory: "/out", submodules: [submodule],
                                    importedIndexes: [], depfile: nil, command: ["wrapgen"], workingDirectory: "/")
        return try ModuleGenerator.plan(request)
    }

    func record(_ plan: ModulePlan, _ key: String) throws -> ClassRecord {
        try #require(plan.rows.first { $0.record.key == key }).record
    }

    @Test func functionsAreRecordsWithEveryOverloadAndTheirDefaults() throws {
        let plan = try plan()
        let length = try record(plan, "Length.Vectors")
        #expect(length.kind == "function" && length.cppType == "vf::Length" && length.isModuleLevel)
        let overloads = try #require(length.methods.first).overloads
        #expect(overloads.map { $0.arguments.map(\.name) } == [["v", "squared"], ["x", "y"]])
        #expect(overloads[0].arguments[1].pythonDefault == "False")
        #expect(overloads[0].arguments[0].type.wrapped == "Vector2f.Vectors")
        let scale = try record(plan, "Scale.Vectors")
        #expect(scale.methods[0].overloads[0].arguments[1].cppDefault == "2")
        #expect(try KeyList.parse(try #require(plan.files.first { $0.path == "/out/Vectors.index.txt" }).text, path: "x")
                    .contains("Scale.Vectors"))
    }

    @Test func constantsAreRecordsOfTheirType() throws {
        let plan = try plan()
        #expect(try record(plan, "Origin.Vectors").valueType?.python == "Vector2f")
        #expect(try record(plan, "Origin.Vectors").valueType?.wrapped == "Vector2f.Vectors")
        #expect(try record(plan, "Answer.Vectors").valueType?.python == "int")
        #expect(try record(plan, "Pi.Vectors").valueType?.python == "float")
        #expect(try record(plan, "Greeting.Vectors").valueType?.python == "str")
        #expect(try record(plan, "Greeting.Vectors").kind == "constant")
    }

    @Test func freeOperatorsJoinTheirClassWithReflectedForms() throws {
        let plan = try plan()
        let vector = try record(plan, "Vector2f.Vectors")
        let names = Set(vector.operators.map(\.pythonName))
        #expect(names == ["__add__", "__neg__", "__mul__", "__rmul__", "__iadd__", "__eq__", "__ne__", "__gt__"])
        let rmul = try #require(vector.operators.first { $0.pythonName == "__rmul__" })
        #expect(rmul.name == "operator*" && rmul.overloads[0].arguments.map(\.type.python) == ["float"])
        #expect(try record(plan, "Tag.Vectors").operators.isEmpty)
        let interface = try #require(plan.files.first { $0.path == "/out/Vectors.i" }).text
        #expect(interface.contains("  Vector2f __rmul__(float other) const { return other * *$self; }\n"))
        #expect(interface.contains("  Vector2f & __iadd__(Vector2f const & other) { *$self += other; return *$self; }\n"))
        #expect(interface.contains("%feature(\"new\") Vector2f::__iadd__;\n"))
        #expect(interface.contains("%pythonmaybecall Vector2f::__eq__;\n"))
        #expect(interface.contains("namespace vf {\n  float Length(Vector2f const & v, bool squared = false);\n  float Length(float x, float y);\n}\n"))
        #expect(interface.contains("%constant Vector2f Origin = vf::Origin;\n%constant int Answer = vf::Answer;\n"))
        #expect(interface.contains("%constant char const * Greeting = vf::Greeting;\n"))
    }

    @Test func skippedOperatorsAreWarnedAndSummarisedPerOperator() throws {
        let plan = try plan()
        let messages = plan.warnings.map(\.message)
        #expect(messages.contains("operator++ of 'Tag' has no Python equivalent; not wrapped"))
        #expect(messages.contains { $0.hasPrefix("free operator<<(") && $0.hasSuffix("Python has no reflected form of it") })
        var more = plan.warnings[0]
        more.location = "other.h:1"
        let lines = WarningSummary.lines(plan.warnings + [more], module: "Vecs")
        #expect(lines.count == 2)
        #expect(lines.contains { $0.hasSuffix("(and 1 more \(plan.warnings[0].skippedOperator ?? "?") not wrapped in module Vecs)") })
    }

    @Test func stubsHaveModuleLevelEntriesAndHashNoneBesideEq() throws {
        let records = try plan().rows.map(\.record)
        let catalog = StubCatalog(own: records)
        let text = ModuleStubWriter(package: "vecfn", submodule: "Vectors", catalog: catalog).render(records)
        #expect(text.contains("\nOrigin: Vector2f\n"))
        #expect(text.contains("\nGreeting: str\n"))
        #expect(text.contains("\n@overload\ndef Length(v: Vector2f, squared: bool = ..., /) -> float: ...\n"))
        #expect(text.contains("\ndef Scale(value: int, factor: int = ...) -> int: ...\n"))
        #expect(text.contains("    def __rmul__(self, other: float, /) -> Vector2f: ...\n"))
        #expect(text.contains("    __hash__: ClassVar[None]  # type: ignore[assignment]\n"))
        #expect(text.contains("from typing import ClassVar, overload\n"))
        #expect(!text.contains("class Length") && !text.contains("class Origin"))
    }

    @Test func hashNoneIsDeclaredOnceUpTheHierarchy() throws {
        var records = try plan().rows.map(\.record).filter { !$0.isModuleLevel }
        var derived = try record(try plan(), "Vector2f.Vectors")
        derived.key = "Derived.Vectors"
        derived.pythonName = "Derived"
        derived.cppType = "vf::Derived"
        derived.bases = [BaseRecord(cppType: "vf::Vector2<float>", pythonName: "Vector2f", submodule: "Vectors",
                                    access: "public", isVirtual: false)]
        records.append(derived)
        var catalog = StubCatalog(own: records)
        catalog.indexInheritance()
        let text = ModuleStubWriter(package: "vecfn", submodule: "Vectors", catalog: catalog).render(records)
        #expect(text.components(separatedBy: "__hash__: ClassVar[None]").count == 2)
        let body = try #require(text.range(of: "class Derived(Vector2f):"))
        #expect(!text[body.lowerBound...].contains("__hash__"))
    }

    @Test func fastReaderAgreesWithJSONDecoderOnTheNewKinds() throws {
        for row in try plan().rows {
            let fast = RecordJSONReader.decode(row.json)
            #expect(fast == row.record)
            #expect(RecordCoding.decode(row.json) == row.record)
        }
    }

    @Test func aNameOfTheWrongKindOrMissingIsAnErrorNamingTheCall() throws {
        do {
            _ = try plan(functions: ["vf::Answer", "vf::Nothing"], constants: ["vf::Scale"])
            Issue.record("no error")
        } catch let error as WrapgenError {
            let text = error.description
            #expect(text.contains("swiftwrap_add_submodule(Vectors FUNCTIONS) names 'vf::Answer', which castxml reports as no function (it is a variable: list it in CONSTANTS)"))
            #expect(text.contains("swiftwrap_add_submodule(Vectors FUNCTIONS) names 'vf::Nothing'"))
            #expect(text.contains("swiftwrap_add_submodule(Vectors CONSTANTS) names 'vf::Scale', which castxml reports as no namespace-level variable (it is a function: list it in FUNCTIONS)"))
        }
    }

    @Test func aModuleLevelNameTakingAClassNameIsAnError() throws {
        var records = try plan().rows.map(\.record)
        var clash = try record(try plan(), "Scale.Vectors")
        clash.pythonName = "Tag"
        clash.key = "Tag.Other"
        records.append(clash)
        #expect(throws: WrapgenError.self) { try ModuleLevelNames.check(records, module: "Vecs") }
        #expect(throws: Never.self) { try ModuleLevelNames.check(try plan().rows.map(\.record), module: "Vecs") }
    }
}
