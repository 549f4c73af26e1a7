import SwiftWrapCore
import SwiftWrapGen
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapRecords

/// The hand-written record JSON (RecordJSONWriter.swift) must be byte for byte what JSONEncoder writes:
/// the stored JSON, the module digest and the stamps depend on it.
@Suite struct RecordJSONWriterTests {
    func records(_ xml: String, _ submodule: String) throws -> [ClassRecord] {
        let request = ModuleRequest(module: "Base", owner: "o", package: "p", wrappersNamespace: "_wrapping_::wrappers",
                                    databaseDirectory: "/nonexistent", outputDirectory: "/nonexistent",
                                    submodules: [.init(name: submodule, xmlPath: xml, includes: ["x.h"])],
                                    importedIndexes: [], depfile: nil, command: ["wrapgen"], workingDirectory: "/")
        return try ModuleGenerator.plan(request).rows.map(\.record)
    }

    /// A stored property the writer does not know makes `encode` fall back to JSONEncoder; this names it.
    @Test func writerKnowsEveryStoredProperty() {
        #expect(RecordJSONLayout.mismatches() == [])
        #expect(RecordJSONLayout.matches)
    }

    @Test func sameBytesAsJSONEncoderOnRealRecords() throws {
        let all = try records(fixture, "Points") + records(repositoryRoot() + "/Tests/Fixtures/castxml/ItkIndex.xml", "Index")
        #expect(all.count > 3)
        #expect(all.contains { !$0.methods.isEmpty && !$0.constructors.isEmpty })
        for record in all {
            #expect(RecordCoding.encode(record) == RecordCoding.encodeWithFoundation(record))
        }
    }

    @Test func sameBytesForEscapesOptionalsAndNumbers() throws {
        var record = try records(fixture, "Points")[0]
        let controls = String(decoding: (0..<32).map { UInt8($0) }, as: UTF8.self)
        record.file = "/a \"q\" \\b/é/𝄞/\u{7f}\u{2028}" + controls
        record.templateName = nil
        record.line = -12
        record.bases = [BaseRecord(cppType: "b<c>", pythonName: "B", submodule: "s", access: "public", isVirtual: true),
                        BaseRecord(cppType: "d", pythonName: nil, submodule: nil, access: "private", isVirtual: false)]
        record.enums = [EnumRecord(name: "E", cppType: "n::E", isScoped: true,
                                   values: [.init(name: "A", pythonName: "E_A", value: Int.min), .init(name: "B", pythonName: "E_B", value: Int.max)])]
        let type = TypeRecord(cpp: "int", python: "int", wrapped: "k.s")
        record.constructors = [FunctionRecord(arguments: [ArgumentRecord(name: "x", type: type, cppDefault: "1", pythonDefault: "1"),
                                                          ArgumentRecord(name: "y", type: type, cppDefault: nil, pythonDefault: nil)],
                                              returns: nil, isStatic: true, isConst: true, isVirtual: true, isPure: true,
                                              isImplicit: true, line: 0)]
        record.operators = [MethodGroup(name: "operator+", pythonName: "__add__", overloads: record.constructors)]
        #expect(RecordCoding.encode(record) == RecordCoding.encodeWithFoundation(record))
        record.templateArguments = []
        record.methods = []
        #expect(RecordCoding.encode(record) == RecordCoding.encodeWithFoundation(record))
    }

    /// The properties main's branches added (data members, free functions, hooks, doc comments), set and unset.
    @Test func sameBytesForDataMembersConstantsHooksAndDocs() throws {
        var record = try records(fixture, "Points")[0]
        let type = TypeRecord(cpp: "double", python: "float", wrapped: nil)
        var argument = ArgumentRecord(name: "p", type: type, cppDefault: nil, pythonDefault: nil)
        argument.bufferSize = "n"
        argument.isOutput = true
        var function = FunctionRecord(arguments: [argument, ArgumentRecord(name: "q", type: type, cppDefault: "2", pythonDefault: "2")],
                                      returns: type, isStatic: false, isConst: true, isVirtual: false, isPure: false,
                                      isImplicit: false, line: 3)
        function.bufferSize = "Size()"
        function.doc = "Returns \"it\".\n\tSecond line/é"
        record.methods = [MethodGroup(name: "Get", pythonName: "Get", overloads: [function])]
        record.fields = [FieldRecord(name: "x", pythonName: "x", type: type, isStatic: false, isReadOnly: false, line: 4),
                         FieldRecord(name: "k", pythonName: "k", type: type, isStatic: true, isReadOnly: true, line: 5)]
        record.doc = "A class."
        record.isDirector = true
        record.valueType = type
        #expect(RecordCoding.encode(record) == RecordCoding.encodeWithFoundation(record))
        record.fields = []
        record.isDirector = false
        record.doc = ""
        #expect(RecordCoding.encode(record) == RecordCoding.encodeWithFoundation(record))
        record.fields = nil
        record.isDirector = nil
        record.doc = nil
        record.valueType = nil
        #expect(RecordCoding.encode(record) == RecordCoding.encodeWithFoundation(record))
    }
}
