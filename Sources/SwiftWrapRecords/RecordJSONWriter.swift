/// Writes a record's JSON by hand: the same bytes as `JSONEncoder` with `[.sortedKeys,
/// .withoutEscapingSlashes]` (keys in byte order, nil optionals left out, `/` unescaped), about
/// twenty times faster (Foundation's encoder builds a tree of dictionaries per record first).
///
/// Adding a field to a record type: write it in that type's `write(into:)` below, at the place its
/// key sorts (byte order), and add the key to the type's `jsonKeys` list. Until both are done,
/// `RecordJSONLayout.matches` sees the unknown stored property (Mirror) and `RecordCoding.encode`
/// falls back to `JSONEncoder` (correct, slower), and `RecordJSONWriterTests` fails naming the type.
enum RecordJSONLayout {
    /// Whether every record type's stored properties are exactly the keys its writer knows.
    static let matches: Bool = mismatches().isEmpty

    /// `Type: property` for each stored property a writer does not know, and each key it writes
    /// that is not a property.
    static func mismatches() -> [String] {
        let type = TypeRecord(cpp: "", python: "", wrapped: nil)
        let function = FunctionRecord(arguments: [], returns: nil, isStatic: false, isConst: false, isVirtual: false,
                                      isPure: false, isImplicit: false, line: 0)
        let samples: [(name: String, value: Any, keys: [String])] = [
            ("ClassRecord", ClassRecord(key: "", pythonName: "", owner: "", module: "", submodule: "", package: "", kind: "",
                                        cppType: "", templateName: nil, templateArguments: [], bases: [], isAbstract: false,
                                        constructors: [], methods: [], operators: [], enums: [], file: "", line: 0),
             ClassRecord.jsonKeys),
            ("BaseRecord", BaseRecord(cppType: "", pythonName: nil, submodule: nil, access: "", isVirtual: false), BaseRecord.jsonKeys),
            ("TypeRecord", type, TypeRecord.jsonKeys),
            ("ArgumentRecord", ArgumentRecord(name: "", type: type, cppDefault: nil, pythonDefault: nil), ArgumentRecord.jsonKeys),
            ("FunctionRecord", function, FunctionRecord.jsonKeys),
            ("MethodGroup", MethodGroup(name: "", pythonName: "", overloads: []), MethodGroup.jsonKeys),
            ("EnumRecord", EnumRecord(name: "", cppType: "", isScoped: false, values: []), EnumRecord.jsonKeys),
            ("EnumRecord.Value", EnumRecord.Value(name: "", pythonName: "", value: 0), EnumRecord.Value.jsonKeys),
            ("FieldRecord", FieldRecord(name: "", pythonName: "", type: type, isStatic: false, isReadOnly: false, line: 0),
             FieldRecord.jsonKeys),
        ]
        var problems: [String] = []
        for sample in samples {
            let properties = Mirror(reflecting: sample.value).children.compactMap(\.label)
            for property in properties where !sample.keys.contains(property) {
                problems.append("\(sample.name): \(property) is not written by RecordJSONWriter")
            }
            for key in sample.keys where !properties.contains(key) {
                problems.append("\(sample.name): RecordJSONWriter writes \(key), which is no stored property")
            }
            if sample.keys != sample.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                problems.append("\(sample.name): jsonKeys are not in byte order")
            }
        }
        return problems
    }
}

/// JSON text under construction.
struct JSONOutput {
    var bytes: [UInt8] = []
    private var needsComma = false

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func object(_ body: (inout JSONOutput) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func array<T>(_ elements: [T], _ element: (inout JSONOutput, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for item in elements {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            element(&self, item)
            needsComma = true
        }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// `"name":` (with the comma before it when needed).
    mutating func key(_ name: StaticString) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func field(_ name: StaticString, _ value: String) { key(name); string(value) }
    mutating func field(_ name: StaticString, _ value: String?) { if let value { field(name, value) } }
    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        value ? bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) : bytes.append(contentsOf: [0x66, 0x61, 0x6c, 0x73, 0x65])
        needsComma = true
    }
    mutating func field(_ name: StaticString, _ value: Bool?) { if let value { field(name, value) } }
    mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }
    mutating func field(_ name: StaticString, _ value: [String]) {
        key(name)
        array(value) { $0.string($1) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string as Foundation writes it: `"` `\` and control characters escaped, the rest as is.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5c {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5c, 0x22])
                case 0x5c: bytes.append(contentsOf: [0x5c, 0x5c])
                case 0x08: bytes.append(contentsOf: [0x5c, UInt8(ascii: "b")])
                case 0x0c: bytes.append(contentsOf: [0x5c, UInt8(ascii: "f")])
                case 0x0a: bytes.append(contentsOf: [0x5c, UInt8(ascii: "n")])
                case 0x0d: bytes.append(contentsOf: [0x5c, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5c, UInt8(ascii: "t")])
                default:
                    bytes.append(contentsOf: [0x5c, UInt8(ascii: "u"), 0x30, 0x30, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 15)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }
}

extension ClassRecord {
    static let jsonKeys = ["bases", "constructors", "cppType", "doc", "enums", "fields", "file", "isAbstract", "isDirector", "key",
                           "kind", "line", "methods", "module", "operators", "owner", "package", "pythonName", "submodule",
                           "templateArguments", "templateName", "valueType"]

    func write(into out: inout JSONOutput) {
        out.object { out in
            out.key("bases"); out.array(bases) { $1.write(into: &$0) }
            out.key("constructors"); out.array(constructors) { $1.write(into: &$0) }
            out.field("cppType", cppType)
            out.field("doc", doc)
            out.key("enums"); out.array(enums) { $1.write(into: &$0) }
            if let fields { out.key("fields"); out.array(fields) { $1.write(into: &$0) } }
            out.field("file", file)
            out.field("isAbstract", isAbstract)
            out.field("isDirector", isDirector)
            out.field("key", key)
            out.field("kind", kind)
            out.field("line", line)
            out.key("methods"); out.array(methods) { $1.write(into: &$0) }
            out.field("module", module)
            out.key("operators"); out.array(operators) { $1.write(into: &$0) }
            out.field("owner", owner)
            out.field("package", package)
            out.field("pythonName", pythonName)
            out.field("submodule", submodule)
            out.field("templateArguments", templateArguments)
            out.field("templateName", templateName)
            if let valueType { out.key("valueType"); valueType.write(into: &out) }
        }
    }
}

extension BaseRecord {
    static let jsonKeys = ["access", "cppType", "isVirtual", "pythonName", "submodule"]

    func write(into out: inout JSONOutput) {
        out.object { out in
            out.field("access", access)
            out.field("cppType", cppType)
            out.field("isVirtual", isVirtual)
            out.field("pythonName", pythonName)
            out.field("submodule", submodule)
        }
    }
}

extension TypeRecord {
    static let jsonKeys = ["cpp", "python", "wrapped"]

    func write(into out: inout JSONOutput) {
        out.object { out in
            out.field("cpp", cpp)
            out.field("python", python)
            out.field("wrapped", wrapped)
        }
    }
}

extension ArgumentRecord {
    static let jsonKeys = ["bufferSize", "cppDefault", "isOutput", "name", "pythonDefault", "type"]

    func write(into out: inout JSONOutput) {
        out.object { out in
            out.field("bufferSize", bufferSize)
            out.field("cppDefault", cppDefault)
            out.field("isOutput", isOutput)
            out.field("name", name)
            out.field("pythonDefault", pythonDefault)
            out.key("type"); type.write(into: &out)
        }
    }
}

extension FunctionRecord {
    static let jsonKeys = ["arguments", "bufferSize", "doc", "isConst", "isImplicit", "isPure", "isStatic", "isVirtual", "line",
                           "returns"]

    func write(into out: inout JSONOutput) {
        out.object { out in
            out.key("arguments"); out.array(arguments) { $1.write(into: &$0) }
            out.field("bufferSize", bufferSize)
            out.field("doc", doc)
            out.field("isConst", isConst)
            out.field("isImplicit", isImplicit)
            out.field("isPure", isPure)
            out.field("isStatic", isStatic)
            out.field("isVirtual", isVirtual)
            out.field("line", line)
            if let returns { out.key("returns"); returns.write(into: &out) }
        }
    }
}

extension MethodGroup {
    static let jsonKeys = ["name", "overloads", "pythonName"]

    func write(into out: inout JSONOutput) {
        out.object { out in
            out.field("name", name)
            out.key("overloads"); out.array(overloads) { $1.write(into: &$0) }
            out.field("pythonName", pythonName)
        }
    }
}

extension EnumRecord {
    static let jsonKeys = ["cppType", "isScoped", "name", "values"]

    func write(into out: inout JSONOutput) {
        out.object { out in
            out.field("cppType", cppType)
            out.field("isScoped", isScoped)
            out.field("name", name)
            out.key("values"); out.array(values) { $1.write(into: &$0) }
        }
    }
}

extension EnumRecord.Value {
    static let jsonKeys = ["name", "pythonName", "value"]

    func write(into out: inout JSONOutput) {
        out.object { out in
            out.field("name", name)
            out.field("pythonName", pythonName)
            out.field("value", value)
        }
    }
}

extension FieldRecord {
    static let jsonKeys = ["isReadOnly", "isStatic", "line", "name", "pythonName", "type"]

    func write(into out: inout JSONOutput) {
        out.object { out in
            out.field("isReadOnly", isReadOnly)
            out.field("isStatic", isStatic)
            out.field("line", line)
            out.field("name", name)
            out.field("pythonName", pythonName)
            out.key("type"); type.write(into: &out)
        }
    }
}
