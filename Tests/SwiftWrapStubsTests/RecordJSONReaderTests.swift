import SwiftWrapCore
import SwiftWrapGen
import SwiftWrapRecords
import Testing
@testable import SwiftWrapStubs

@Suite struct RecordJSONReaderTests {
    /// Records built by wrapgen's own code from the committed castxml fixture.
    func fixtureRecords() throws -> [StoredRecord] {
        let request = ModuleRequest(module: "Base", owner: "o", package: "p", wrappersNamespace: "_wrapping_::wrappers",
                                    databaseDirectory: "/nonexistent", outputDirectory: "/nonexistent",
                                    submodules: [.init(name: "Points", xmlPath: fixture, includes: ["point.h"])],
                                    importedIndexes: [], depfile: nil, command: ["wrapgen"], workingDirectory: "/")
        return try ModuleGenerator.plan(request).rows
    }

    @Test func agreesWithJSONDecoderOnRealRecords() throws {
        let rows = try fixtureRecords()
        #expect(rows.count == 2)
        for row in rows {
            let fast = RecordJSONReader.decode(row.json)
            #expect(fast != nil)
            #expect(fast == RecordCoding.decode(row.json))
            #expect(fast == row.record)
        }
    }

    @Test func escapesAndUnicode() throws {
        var record = try fixtureRecords()[0].record
        record.file = "/dir with \"quotes\"/back\\slash/tab\there/é/𝄞/\u{1}.h"
        record.templateName = nil
        let json = RecordCoding.encode(record)
        #expect(RecordJSONReader.decode(json) == record)
        let escaped = json.replacingOccurrences("é", "\\u00e9").replacingOccurrences("𝄞", "\\ud834\\udd1e")
        #expect(RecordJSONReader.decode(escaped) == record)
    }

    @Test func skipsUnknownKeysAndReadsNullOptionals() throws {
        let record = try fixtureRecords()[0].record
        let json = RecordCoding.encode(record)
        let rest = String(json.dropFirst()).replacingOccurrences(",\"templateName\":\"geo::Point\"", "")
        #expect(rest.count < json.count - 10)
        let extended = "{\"added\": {\"a\": [1, -2, true, null, \"x\", {}], \"b\": []}, \"templateName\": null, " + rest
        var expected = record
        expected.templateName = nil
        #expect(RecordJSONReader.decode(extended) == expected)
    }

    @Test func rejectsWhatItDoesNotUnderstand() throws {
        let json = RecordCoding.encode(try fixtureRecords()[0].record)
        #expect(RecordJSONReader.decode(String(json.dropLast())) == nil)          // truncated
        #expect(RecordJSONReader.decode(json + "x") == nil)                       // trailing garbage
        #expect(RecordJSONReader.decode(json.replacingOccurrences("\"line\":", "\"line\":1.5,\"x\":")) == nil)
        #expect(RecordJSONReader.decode("{\"key\": 1}") == nil)                   // wrong type
        #expect(RecordJSONReader.decode("\"\\ud834\"") == nil)                   // lone surrogate
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        var result = "", rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
