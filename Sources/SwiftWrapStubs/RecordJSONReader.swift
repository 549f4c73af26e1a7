import SwiftWrapRecords

/// A fast reader for the record JSON that wrapgen stores (`RecordCoding.encode`), for bulk loads:
/// Foundation's `JSONDecoder` spends ~0.1 ms per record in `Codable` machinery, which dominated
/// stubgen's run time at 10,000 records. This reads the bytes once, straight into the structs of
/// ClassRecord.swift (same field names; optional fields may be absent or null; unknown keys are
/// skipped). A missing required field or anything unexpected returns nil, and the caller falls back
/// to `RecordCoding.decode`; a unit test checks both agree on real records.
enum RecordJSONReader {
    static func decode(_ json: String) -> ClassRecord? {
        var text = json
        return text.withUTF8 { bytes in
            var cursor = JSONCursor(bytes: bytes)
            guard let record = classRecord(&cursor), cursor.atEnd else { return nil }
            return record
        }
    }

    /// A string or null (nil inside the optional), or nil when neither is there.
    private static func optionalString(_ cursor: inout JSONCursor) -> String?? {
        if cursor.null() { return .some(nil) }
        return cursor.string().map { .some($0) }
    }

    static func classRecord(_ c: inout JSONCursor) -> ClassRecord? {
        var key, pythonName, owner, module, submodule, package, kind, cppType, file: String?
        var templateName: String?, templateArguments: [String]?, bases: [BaseRecord]?, isAbstract: Bool?
        var constructors: [FunctionRecord]?, methods: [MethodGroup]?, operators: [MethodGroup]?, enums: [EnumRecord]?
        var line: Int?, doc: String?, isDirector: Bool?, valueType: TypeRecord?, fields: [FieldRecord]?
        let ok = c.members { c, name in
            switch name {
            case "fields": fields = c.elements(fieldRecord); return fields != nil
            case "doc":
                guard let value = optionalString(&c) else { return false }
                doc = value; return true
            case "isDirector":
                if c.null() { return true }
                isDirector = c.bool(); return isDirector != nil
            case "key": key = c.string(); return key != nil
            case "pythonName": pythonName = c.string(); return pythonName != nil
            case "owner": owner = c.string(); return owner != nil
            case "module": module = c.string(); return module != nil
            case "submodule": submodule = c.string(); return submodule != nil
            case "package": package = c.string(); return package != nil
            case "kind": kind = c.string(); return kind != nil
            case "cppType": cppType = c.string(); return cppType != nil
            case "file": file = c.string(); return file != nil
            case "templateName":
                guard let value = optionalString(&c) else { return false }
                templateName = value; return true
            case "templateArguments": templateArguments = c.elements { $0.string() }; return templateArguments != nil
            case "bases": bases = c.elements(baseRecord); return bases != nil
            case "isAbstract": isAbstract = c.bool(); return isAbstract != nil
            case "constructors": constructors = c.elements(functionRecord); return constructors != nil
            case "methods": methods = c.elements(methodGroup); return methods != nil
            case "operators": operators = c.elements(methodGroup); return operators != nil
            case "enums": enums = c.elements(enumRecord); return enums != nil
            case "line": line = c.int(); return line != nil
            case "valueType":
                if c.null() { return true }
                valueType = typeRecord(&c); return valueType != nil
            default: return c.skipValue()
            }
        }
        guard ok, let key, let pythonName, let owner, let module, let submodule, let package, let kind, let cppType,
              let templateArguments, let bases, let isAbstract, let constructors, let methods, let operators, let enums,
              let file, let line else { return nil }
        var record = ClassRecord(key: key, pythonName: pythonName, owner: owner, module: module, submodule: submodule,
                                 package: package, kind: kind, cppType: cppType, templateName: templateName,
                                 templateArguments: templateArguments, bases: bases, isAbstract: isAbstract,
                                 constructors: constructors, methods: methods, operators: operators, enums: enums,
                                 file: file, line: line, valueType: valueType)
        record.fields = fields
        record.doc = doc
        record.isDirector = isDirector
        return record
    }

    static func baseRecord(_ c: inout JSONCursor) -> BaseRecord? {
        var cppType, access: String?, pythonName: String?, submodule: String?, isVirtual: Bool?
        let ok = c.members { c, name in
            switch name {
            case "cppType": cppType = c.string(); return cppType != nil
            case "access": access = c.string(); return access != nil
            case "pythonName":
                guard let value = optionalString(&c) else { return false }
                pythonName = value; return true
            case "submodule":
                guard let value = optionalString(&c) else { return false }
                submodule = value; return true
            case "isVirtual": isVirtual = c.bool(); return isVirtual != nil
            default: return c.skipValue()
            }
        }
        guard ok, let cppType, let access, let isVirtual else { return nil }
        return BaseRecord(cppType: cppType, pythonName: pythonName, submodule: submodule, access: access, isVirtual: isVirtual)
    }

    static func typeRecord(_ c: inout JSONCursor) -> TypeRecord? {
        var cpp, python: String?, wrapped: String?
        let ok = c.members { c, name in
            switch name {
            case "cpp": cpp = c.string(); return cpp != nil
            case "python": python = c.string(); return python != nil
            case "wrapped":
                guard let value = optionalString(&c) else { return false }
                wrapped = value; return true
            default: return c.skipValue()
            }
        }
        guard ok, let cpp, let python else { return nil }
        return TypeRecord(cpp: cpp, python: python, wrapped: wrapped)
    }

    static func functionRecord(_ c: inout JSONCursor) -> FunctionRecord? {
        var arguments: [ArgumentRecord]?, returns: TypeRecord?
        var isStatic, isConst, isVirtual, isPure, isImplicit: Bool?
        var line: Int?, bufferSize: String?, doc: String?
        let ok = c.members { c, name in
            switch name {
            case "bufferSize":
                guard let value = optionalString(&c) else { return false }
                bufferSize = value; return true
            case "doc":
                guard let value = optionalString(&c) else { return false }
                doc = value; return true
            case "arguments": arguments = c.elements(argumentRecord); return arguments != nil
            case "returns":
                if c.null() { return true }
                returns = typeRecord(&c); return returns != nil
            case "isStatic": isStatic = c.bool(); return isStatic != nil
            case "isConst": isConst = c.bool(); return isConst != nil
            case "isVirtual": isVirtual = c.bool(); return isVirtual != nil
            case "isPure": isPure = c.bool(); return isPure != nil
            case "isImplicit": isImplicit = c.bool(); return isImplicit != nil
            case "line": line = c.int(); return line != nil
            default: return c.skipValue()
            }
        }
        guard ok, let arguments, let isStatic, let isConst, let isVirtual, let isPure, let isImplicit, let line else { return nil }
        var function = FunctionRecord(arguments: arguments, returns: returns, isStatic: isStatic, isConst: isConst,
                                      isVirtual: isVirtual, isPure: isPure, isImplicit: isImplicit, line: line)
        function.bufferSize = bufferSize
        function.doc = doc
        return function
    }

    static func argumentRecord(_ c: inout JSONCursor) -> ArgumentRecord? {
        var name: String?, type: TypeRecord?, cppDefault: String?, pythonDefault: String?, isOutput: Bool?, bufferSize: String?
        let ok = c.members { c, key in
            switch key {
            case "bufferSize":
                guard let value = optionalString(&c) else { return false }
                bufferSize = value; return true
            case "isOutput":
                if c.null() { return true }
                isOutput = c.bool(); return isOutput != nil
            case "name": name = c.string(); return name != nil
            case "type": type = typeRecord(&c); return type != nil
            case "cppDefault":
                guard let value = optionalString(&c) else { return false }
                cppDefault = value; return true
            case "pythonDefault":
                guard let value = optionalString(&c) else { return false }
                pythonDefault = value; return true
            default: return c.skipValue()
            }
        }
        guard ok, let name, let type else { return nil }
        var argument = ArgumentRecord(name: name, type: type, cppDefault: cppDefault, pythonDefault: pythonDefault)
        argument.bufferSize = bufferSize
        argument.isOutput = isOutput
        return argument
    }

    static func methodGroup(_ c: inout JSONCursor) -> MethodGroup? {
        var name, pythonName: String?, overloads: [FunctionRecord]?
        let ok = c.members { c, key in
            switch key {
            case "name": name = c.string(); return name != nil
            case "pythonName": pythonName = c.string(); return pythonName != nil
            case "overloads": overloads = c.elements(functionRecord); return overloads != nil
            default: return c.skipValue()
            }
        }
        guard ok, let name, let pythonName, let overloads else { return nil }
        return MethodGroup(name: name, pythonName: pythonName, overloads: overloads)
    }

    static func enumRecord(_ c: inout JSONCursor) -> EnumRecord? {
        var name, cppType: String?, isScoped: Bool?, values: [EnumRecord.Value]?
        let ok = c.members { c, key in
            switch key {
            case "name": name = c.string(); return name != nil
            case "cppType": cppType = c.string(); return cppType != nil
            case "isScoped": isScoped = c.bool(); return isScoped != nil
            case "values": values = c.elements(enumValue); return values != nil
            default: return c.skipValue()
            }
        }
        guard ok, let name, let cppType, let isScoped, let values else { return nil }
        return EnumRecord(name: name, cppType: cppType, isScoped: isScoped, values: values)
    }

    static func enumValue(_ c: inout JSONCursor) -> EnumRecord.Value? {
        var name, pythonName: String?, value: Int?
        let ok = c.members { c, key in
            switch key {
            case "name": name = c.string(); return name != nil
            case "pythonName": pythonName = c.string(); return pythonName != nil
            case "value": value = c.int(); return value != nil
            default: return c.skipValue()
            }
        }
        guard ok, let name, let pythonName, let value else { return nil }
        return EnumRecord.Value(name: name, pythonName: pythonName, value: value)
    }
}
