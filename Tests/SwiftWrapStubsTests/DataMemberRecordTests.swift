import SwiftWrapCore
import SwiftWrapGen
import SwiftWrapRecords
import Testing
@testable import SwiftWrapStubs

/// Data members and byte buffers in records and stubs (issue 16; end to end: Tests/EndToEnd/test_data_members.py).
@Suite struct DataMemberRecordTests {
    func plan() throws -> ModulePlan {
        let request = ModuleRequest(module: "Base", owner: "o", package: "p", wrappersNamespace: "_wrapping_::wrappers",
                                    databaseDirectory: "/nonexistent", outputDirectory: "/nonexistent",
                                    submodules: [.init(name: "Points", xmlPath: fixture, includes: ["point.h"])],
                                    importedIndexes: [], depfile: nil, command: ["wrapgen"], workingDirectory: "/")
        return try ModuleGenerator.plan(request)
    }

    @Test func aPublicDataMemberIsAFieldOfTheRecordAndALineOfTheInterface() throws {
        let plan = try plan()
        let point = try #require(plan.rows.first { $0.record.pythonName == "PointD" })
        let field = FieldRecord(name: "m_Public", pythonName: "m_Public", type: TypeRecord(cpp: "int", python: "int", wrapped: nil),
                                isStatic: false, isReadOnly: false, line: 31)
        #expect(point.record.fields == [field])
        #expect(!plan.warnings.contains { $0.message.contains("m_Public") })
        #expect(point.json.contains("\"fields\":[{"))
        #expect(RecordJSONReader.decode(point.json) == point.record)
        let interface = try #require(plan.files.first { $0.path.hasSuffix("Points.i") }).text
        #expect(interface.contains("\n  int m_Public;\n"))
    }

    @Test func recordsWithoutDataMembersOrBuffersHaveNoNewKeys() throws {
        var record = try #require(try plan().rows.first { $0.record.pythonName == "PointD" }).record
        record.fields = nil
        let json = RecordCoding.encode(record)
        #expect(!json.contains("\"fields\"") && !json.contains("bufferSize"))
    }

    @Test func theFastReaderReadsBufferSizes() throws {
        var record = try #require(try plan().rows.first { $0.record.pythonName == "PointD" }).record
        var function = FunctionRecord(arguments: [], returns: TypeRecord(cpp: "unsigned char const *", python: "bytes", wrapped: nil),
                                      isStatic: false, isConst: true, isVirtual: false, isPure: false, isImplicit: false, line: 3)
        function.bufferSize = "self.size()"
        var argument = ArgumentRecord(name: "data", type: TypeRecord(cpp: "void const *", python: "Union[bytes, bytearray, memoryview]", wrapped: nil),
                                      cppDefault: nil, pythonDefault: nil)
        argument.bufferSize = "size"
        function.arguments = [argument]
        record.methods = [MethodGroup(name: "bytes", pythonName: "bytes", overloads: [function])]
        let json = RecordCoding.encode(record)
        #expect(RecordJSONReader.decode(json) == record)
        #expect(RecordCoding.decode(json) == record)
    }

    @Test func stubsTypeFieldsStaticsAndBuffers() {
        func type(_ python: String, _ wrapped: String? = nil) -> TypeRecord { TypeRecord(cpp: python, python: python, wrapped: wrapped) }
        var color = ClassRecord(key: "Color.S", pythonName: "Color", owner: "o", module: "M", submodule: "S", package: "pkg",
                                kind: "class", cppType: "ns::Color", templateName: nil, templateArguments: [], bases: [],
                                isAbstract: false, constructors: [], methods: [], operators: [], enums: [], file: "a.h", line: 1)
        color.fields = [
            FieldRecord(name: "r", pythonName: "r", type: type("int"), isStatic: false, isReadOnly: false, line: 2),
            FieldRecord(name: "id", pythonName: "id", type: type("int"), isStatic: false, isReadOnly: true, line: 3),
            FieldRecord(name: "Red", pythonName: "Red", type: type("Color", "Color.S"), isStatic: true, isReadOnly: true, line: 4),
        ]
        let load = FunctionRecord(arguments: [ArgumentRecord(name: "data", type: type("Union[bytes, bytearray, memoryview]"),
                                                             cppDefault: nil, pythonDefault: nil)],
                                  returns: TypeRecord(cpp: "unsigned char const *", python: "bytes", wrapped: nil), isStatic: false, isConst: false, isVirtual: false,
                                  isPure: false, isImplicit: false, line: 5)
        color.methods = [MethodGroup(name: "load", pythonName: "load", overloads: [load])]
        let text = ModuleStubWriter(package: "pkg", submodule: "S", catalog: StubCatalog(own: [color])).render([color])
        #expect(text.contains("from typing import Any, ClassVar, Union"), "\(text)")
        #expect(text.contains("""
            class Color:
                r: int
                @property
                def id(self) -> int: ...
                Red: ClassVar[Color]
            """), "\(text)")
        #expect(text.contains("    def load(self, data: Union[bytes, bytearray, memoryview]) -> bytes | None: ...\n"), "\(text)")
    }
}

@Suite struct BufferDeclarationTests {
    @Test func aBufferDeclarationThatNamesNoMethodIsWarned() throws {
        var request = ModuleRequest(module: "Base", owner: "o", package: "p", wrappersNamespace: "_wrapping_::wrappers",
                                    databaseDirectory: "/nonexistent", outputDirectory: "/nonexistent",
                                    submodules: [.init(name: "Points", xmlPath: fixture, includes: ["point.h"])],
                                    importedIndexes: [], depfile: nil, command: ["wrapgen"], workingDirectory: "/")
        request.buffers = ["PointD.Nothing": "4", "PointD.X": "4"]
        let warnings = try ModuleGenerator.plan(request).warnings.map(\.message)
        #expect(warnings.contains("--buffer PointD.Nothing: no wrapped class has a public method of this name; declaration ignored"))
        #expect(warnings.contains { $0.hasPrefix("--buffer PointD.X: 'PointD::X' is not a method returning a const void, char or unsigned char pointer") },
                "\(warnings)")
    }
}
