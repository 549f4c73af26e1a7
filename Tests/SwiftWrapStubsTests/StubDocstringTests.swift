import SwiftWrapCore
import SwiftWrapRecords
import Testing
@testable import SwiftWrapStubs

/// Docstrings in the stubs (StubDocstrings) and the records' optional `doc` fields.
@Suite struct StubDocstringTests {
    @Test func recordsWithDocsRoundTripAndOldRecordsStillDecode() throws {
        var record = try RecordJSONReaderTests().fixtureRecords()[0].record
        let plain = RecordCoding.encode(record)
        #expect(!plain.contains("\"doc\""))  // no doc: the bytes of a record without comments do not change
        record.doc = "Class \"doc\" \\ \n\u{FFFD}"
        record.constructors[0].doc = "Ctor."
        let json = RecordCoding.encode(record)
        #expect(RecordJSONReader.decode(json) == record)
        #expect(RecordCoding.decode(json) == record)
        // A reader that does not know the field skips it (what stubgen before the field did).
        let unknown = json.replacingOccurrences("\"doc\":", "\"documentation\":")
        var expected = record
        expected.doc = nil
        expected.constructors[0].doc = nil
        #expect(RecordJSONReader.decode(unknown) == expected)
    }

    @Test func stubDocstringsEscapeOnlyWhatWouldEndTheString() {
        #expect(StubDocstrings.lines("One line.", indent: "    ") == ["    \"\"\"One line.\"\"\""])
        #expect(StubDocstrings.lines("First.\n\n  indented", indent: "  ") == ["  \"\"\"First.", "", "    indented", "  \"\"\""])
        #expect(StubDocstrings.escaped("a \"q\" \"\"\" b\\c \"") == "a \"q\" \\\"\\\"\" b\\\\c \\\"")
    }

    @Test func classesAndOverloadsGetTheirDocstrings() {
        let t = ModuleStubWriterTests()
        var first = t.function([("x", t.type("int"))])
        first.doc = "From an int."
        let second = t.function([("x", t.type("str"))])
        var a = t.record("A", "S", methods: [MethodGroup(name: "F", pythonName: "F", overloads: [first, second])])
        a.doc = "The A."
        let text = ModuleStubWriter(package: "pkg", submodule: "S", catalog: StubCatalog(own: [a])).render([a])
        #expect(text.contains("class A:\n    \"\"\"The A.\"\"\"\n    def __init__(self) -> None: ...\n"))
        #expect(text.contains("    def F(self, x: int, /) -> None:\n        \"\"\"From an int.\"\"\"\n    @overload\n    def F(self, x: str, /) -> None: ...\n"))
        var empty = t.record("B", "S")
        empty.constructors = []
        empty.isAbstract = true
        empty.doc = "Only a doc."
        let b = ModuleStubWriter(package: "pkg", submodule: "S", catalog: StubCatalog(own: [empty])).render([empty])
        #expect(b.contains("class B:\n    \"\"\"Only a doc.\"\"\"\n"))
    }
}
