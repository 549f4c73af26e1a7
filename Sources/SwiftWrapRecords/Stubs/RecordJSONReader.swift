/// A fast reader for the record JSON that wrapgen stores (`RecordCoding.encode`), for bulk loads:
/// Foundation's `JSONDecoder` spends ~0.1 ms per record in `Codable` machinery, which dominated
/// stubgen's run time at 10,000 records. This parses the bytes once into a small value tree and
/// builds the same structs by hand. Anything it does not understand returns nil, and the caller
/// falls back to `RecordCoding.decode`; a unit test checks both agree on real records.
enum RecordJSONReader {
    /// Not `indirect`: arrays already live on the heap, and boxing every value doubled the allocations.
    enum Value {
        case string(String), number(Int), bool(Bool), null
        case array([Value])
        case object([(key: String, value: Value)])

        subscript(_ key: String) -> Value? {
            guard case .object(let members) = self else { return nil }
            for member in members where member.key == key { return member.value }
            return nil
        }
        var string: String? { if case .string(let s) = self { return s }; return nil }
        var int: Int? { if case .number(let n) = self { return n }; return nil }
        var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
        var array: [Value]? { if case .array(let a) = self { return a }; return nil }
    }

    static func decode(_ json: String) -> ClassRecord? {
        var text = json
        return text.withUTF8 { bytes in
            var parser = Parser(bytes: bytes)
            guard let value = parser.value(), parser.atEnd else { return nil }
            return classRecord(value)
        }
    }

    // MARK: Mapping (field names as in ClassRecord.swift; optional fields may be absent or null)

    private static func optionalString(_ value: Value?) -> String?? {
        guard let value else { return .some(nil) }
        if case .null = value { return .some(nil) }
        return value.string.map { .some($0) }
    }

    private static func list<T>(_ value: Value?, _ element: (Value) -> T?) -> [T]? {
        guard let items = value?.array else { return nil }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let converted = element(item) else { return nil }
            result.append(converted)
        }
        return result
    }

    static func classRecord(_ v: Value) -> ClassRecord? {
        guard let key = v["key"]?.string, let pythonName = v["pythonName"]?.string, let owner = v["owner"]?.string,
              let module = v["module"]?.string, let submodule = v["submodule"]?.string, let package = v["package"]?.string,
              let kind = v["kind"]?.string, let cppType = v["cppType"]?.string, let templateName = optionalString(v["templateName"]),
              let templateArguments = list(v["templateArguments"], { $0.string }),
              let bases = list(v["bases"], baseRecord), let isAbstract = v["isAbstract"]?.bool,
              let constructors = list(v["constructors"], functionRecord), let methods = list(v["methods"], methodGroup),
              let operators = list(v["operators"], methodGroup), let enums = list(v["enums"], enumRecord),
              let file = v["file"]?.string, let line = v["line"]?.int else { return nil }
        return ClassRecord(key: key, pythonName: pythonName, owner: owner, module: module, submodule: submodule,
                           package: package, kind: kind, cppType: cppType, templateName: templateName,
                           templateArguments: templateArguments, bases: bases, isAbstract: isAbstract,
                           constructors: constructors, methods: methods, operators: operators, enums: enums,
                           file: file, line: line)
    }

    static func baseRecord(_ v: Value) -> BaseRecord? {
        guard let cppType = v["cppType"]?.string, let pythonName = optionalString(v["pythonName"]),
              let submodule = optionalString(v["submodule"]), let access = v["access"]?.string,
              let isVirtual = v["isVirtual"]?.bool else { return nil }
        return BaseRecord(cppType: cppType, pythonName: pythonName, submodule: submodule, access: access, isVirtual: isVirtual)
    }

    static func typeRecord(_ v: Value) -> TypeRecord? {
        guard let cpp = v["cpp"]?.string, let python = v["python"]?.string, let wrapped = optionalString(v["wrapped"]) else { return nil }
        return TypeRecord(cpp: cpp, python: python, wrapped: wrapped)
    }

    static func functionRecord(_ v: Value) -> FunctionRecord? {
        var returns: TypeRecord?
        if let value = v["returns"], !isNull(value) {
            guard let type = typeRecord(value) else { return nil }
            returns = type
        }
        guard let arguments = list(v["arguments"], argumentRecord), let isStatic = v["isStatic"]?.bool,
              let isConst = v["isConst"]?.bool, let isVirtual = v["isVirtual"]?.bool, let isPure = v["isPure"]?.bool,
              let isImplicit = v["isImplicit"]?.bool, let line = v["line"]?.int else { return nil }
        return FunctionRecord(arguments: arguments, returns: returns, isStatic: isStatic, isConst: isConst,
                              isVirtual: isVirtual, isPure: isPure, isImplicit: isImplicit, line: line)
    }

    static func argumentRecord(_ v: Value) -> ArgumentRecord? {
        guard let name = v["name"]?.string, let typeValue = v["type"], let type = typeRecord(typeValue),
              let cppDefault = optionalString(v["cppDefault"]), let pythonDefault = optionalString(v["pythonDefault"]) else { return nil }
        return ArgumentRecord(name: name, type: type, cppDefault: cppDefault, pythonDefault: pythonDefault)
    }

    static func methodGroup(_ v: Value) -> MethodGroup? {
        guard let name = v["name"]?.string, let pythonName = v["pythonName"]?.string,
              let overloads = list(v["overloads"], functionRecord) else { return nil }
        return MethodGroup(name: name, pythonName: pythonName, overloads: overloads)
    }

    static func enumRecord(_ v: Value) -> EnumRecord? {
        guard let name = v["name"]?.string, let cppType = v["cppType"]?.string, let isScoped = v["isScoped"]?.bool,
              let values = list(v["values"], { item -> EnumRecord.Value? in
                  guard let name = item["name"]?.string, let pythonName = item["pythonName"]?.string,
                        let value = item["value"]?.int else { return nil }
                  return EnumRecord.Value(name: name, pythonName: pythonName, value: value)
              }) else { return nil }
        return EnumRecord(name: name, cppType: cppType, isScoped: isScoped, values: values)
    }

    private static func isNull(_ value: Value) -> Bool { if case .null = value { return true }; return false }
}
