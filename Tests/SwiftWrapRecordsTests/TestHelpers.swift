import SwiftWrapRecords
import SwiftWrapTestSupport

/// Record data layer tests use the shared temporary directory helper.
typealias Scratch = TemporaryDirectory

/// A minimal stored class record for `key` (`<Class>.<submodule>`) of `module`, owner and package "o".
func storedRecord(_ key: String, module: String) -> StoredRecord {
    let parts = key.split(separator: ".")
    let record = ClassRecord(key: key, pythonName: String(parts[0]), owner: "o", module: module, submodule: String(parts[1]),
                             package: "o", kind: "class", cppType: "ns::" + parts[0], templateName: nil,
                             templateArguments: [], bases: [], isAbstract: false, constructors: [], methods: [],
                             operators: [], enums: [], file: "a.h", line: 1)
    return StoredRecord(record: record, json: RecordCoding.encode(record))
}
