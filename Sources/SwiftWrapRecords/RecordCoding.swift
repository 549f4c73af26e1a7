import FoundationEssentials
import SwiftWrapCore

/// The stored form of records: JSON with sorted keys (deterministic bytes), and the digest that
/// identifies one module's commit.
public enum RecordCoding {
    public static func encode(_ record: ClassRecord) -> String {
        guard RecordJSONLayout.matches else { return encodeWithFoundation(record) }
        var out = JSONOutput(capacity: 4096)
        record.write(into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// The reference encoding (RecordJSONWriter.swift writes the same bytes faster).
    static func encodeWithFoundation(_ record: ClassRecord) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings, numbers and arrays cannot fail.
        let data = try! encoder.encode(record)
        return String(decoding: data, as: UTF8.self)
    }

    public static func decode(_ json: String) -> ClassRecord? {
        try? JSONDecoder().decode(ClassRecord.self, from: Data(json.utf8))
    }

    /// SHA-256 over the module's (key, JSON) pairs in key order.
    public static func digest(_ rows: [(key: String, json: String)]) -> Digest {
        var hasher = SHA256()
        for row in rows.sorted(by: { $0.key < $1.key }) {
            hasher.field(row.key)
            hasher.field(row.json)
        }
        return hasher.finalize()
    }
}
