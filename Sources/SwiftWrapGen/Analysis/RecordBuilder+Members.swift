import SwiftWrapRecords

/// Members of one class as they accumulate: record entries and `.i` lines side by side.
struct MemberCollector {
    let owner: String
    let isAbstract: Bool
    var constructors: [FunctionRecord] = []
    var implicitDefault: FunctionRecord?
    var methods: [(name: String, pythonName: String, function: FunctionRecord)] = []
    var operators: [(name: String, pythonName: String, function: FunctionRecord)] = []
    var enums: [EnumRecord] = []
    var lines: [String] = []
    /// Data members (RecordBuilder+Fields.swift): records, `.i` lines before the class, `%pythoncode` after it.
    var fields: [FieldRecord] = []
    var fieldDirectives: [String] = []
    var fieldTrailer: [String] = []
    /// `.i` lines right after the class (`--buffer` typemaps are deleted there: BufferArguments.swift).
    var closingDirectives: [String] = []
    /// A user-declared constructor or the destructor is not public: SWIG must not generate one.
    var hasHiddenConstructor = false
    var hasHiddenDestructor = false
    /// Director support (DirectorInterface.swift): constructor lines of an abstract class (SWIG sees
    /// them only for a director class) and whether the destructor is virtual.
    var abstractConstructorLines: [String] = []
    var hasVirtualDestructor = false
    /// Twin detection (MemberCollector+Twins.swift): `.i` line of each overload by name and parameters.
    var twinLines: [String: (index: Int, isConst: Bool)] = [:]
    var droppedLines = Set<Int>()
    /// `operator[]` overloads, and what bounds them (RecordBuilder+Subscript.swift).
    var subscripts: [FunctionNode] = []
    var sizeMembers: [String: Bool] = [:]
    var hasDimension = false

    /// Groups overloads by name (sorted by name, overloads in declaration order).
    static func grouped(_ items: [(name: String, pythonName: String, function: FunctionRecord)]) -> [MethodGroup] {
        var groups: [MethodGroup] = []
        var positions: [String: Int] = [:]
        for item in items {
            if let position = positions[item.name] {
                groups[position].overloads.append(item.function)
            } else {
                positions[item.name] = groups.count
                groups.append(MethodGroup(name: item.name, pythonName: item.pythonName, overloads: [item.function]))
            }
        }
        // Names are distinct: the order is the names' alone.
        return groups.sorted { $0.name < $1.name }
    }
}

extension RecordBuilder {
    /// Adds one member of a wrapped class, or warns why it cannot be wrapped.
    mutating func collect(_ id: String, into members: inout MemberCollector, recordID: String, record: RecordNode) {
        guard let node = document[id] else { return }
        switch node {
        case .function(let function):
            // A member declared in a base and listed here through a using-declaration: CastXML reports
            // the base's access, not the using-declaration's, so it cannot be trusted to be callable.
            guard function.context == recordID else { return }
            if function.kind == .destructor && function.isVirtual { members.hasVirtualDestructor = true }
            if function.access != "public" {
                if function.kind == .constructor && !function.isArtificial { members.hasHiddenConstructor = true }
                if function.kind == .destructor { members.hasHiddenDestructor = true }
                return
            }
            collectFunction(function, into: &members)
        case .enumeration(let enumeration):
            guard enumeration.access == "public", !enumeration.name.isEmpty else { return }
            members.enums.append(enumRecord(enumeration, cppType: resolver.qualifiedName(id), prefix: python(enumeration.name)))
            if !enumeration.values.isEmpty { members.lines.append("  " + enumBody(enumeration)) }
        case .variable(let variable):
            guard variable.access == "public" else { return }
            noteDimension(variable, into: &members)
            collectVariable(variable, into: &members, alias: members.owner)
        case .record(let nested):
            guard nested.access == "public" else { return }
            warn(nested.place, "nested \(nested.tag.rawValue) '\(members.owner)::\(nested.name)' is not wrapped; wrap it with its own typedef")
        case .unsupported(let what):
            warn(record.place, "member of '\(members.owner)' of unsupported kind '\(what)' is not wrapped")
        case .typedef, .namespace, .fundamental, .pointer, .reference, .rvalueReference, .cvQualified, .elaborated, .array:
            return
        }
    }

    mutating func warn(_ place: SourcePlace, _ message: String) {
        warnings.insert(Warning(location: resolver.location(place), message: message))
    }

    private mutating func collectFunction(_ function: FunctionNode, into members: inout MemberCollector) {
        switch function.kind {
        case .destructor, .function, .operatorFunction:
            return
        case .converter:
            if !function.isArtificial {
                warn(function.place, "conversion operator of '\(members.owner)' is not wrapped")
            }
            return
        case .constructor:
            if function.isArtificial {
                if function.arguments.isEmpty {
                    members.implicitDefault = FunctionRecord(arguments: [], returns: nil, isStatic: false, isConst: false,
                                                             isVirtual: false, isPure: false, isImplicit: true, line: function.place.line)
                }
                return
            }
            guard let (record, line) = signature(function, owner: members.owner, displayName: members.owner) else { return }
            members.constructors.append(record)
            if !members.isAbstract { members.lines.append(line) } else { members.abstractConstructorLines.append(line) }
        case .method:
            if function.isArtificial { return }
            noteSizeMember(function, into: &members)
            guard let (signed, line) = signature(function, owner: members.owner, displayName: function.name) else { return }
            var record = signed
            bufferReturn(function, owner: members.owner, record: &record, members: &members)
            let pythonName = python(function.name)
            members.methods.append((function.name, pythonName, record))
            members.appendOverload(line, name: function.name, record: record)
        case .operatorMethod:
            if function.isArtificial || function.name == "=" { return }
            if function.name == "[]" {
                members.subscripts.append(function)
                return
            }
            guard let pythonName = PythonTypes.operatorName(function.name, arity: function.arguments.count) else {
                var warning = Warning(location: resolver.location(function.place),
                                      message: "operator\(function.name) of '\(members.owner)' has no Python equivalent; not wrapped")
                warning.skippedOperator = "operator" + function.name
                warnings.insert(warning)
                return
            }
            guard let (record, line) = signature(function, owner: members.owner, displayName: "operator" + function.name) else { return }
            members.operators.append(("operator" + function.name, pythonName, record))
            members.appendOverload(line, name: "operator" + function.name, record: record)
        }
    }

    /// The record and the `.i` line of a function; nil (with a warning) when a type is unsupported.
    mutating func signature(_ function: FunctionNode, owner: String, displayName: String) -> (FunctionRecord, String)? {
        let isConstructor = function.kind == .constructor
        if function.variadic {
            warn(function.place, "'\(owner)::\(displayName)' takes variable arguments (...); not wrapped")
            return nil
        }
        let returnType: CppType? = isConstructor ? nil : resolver.type(function.returns)
        var types: [CppType] = []
        for argument in function.arguments { types.append(resolver.type(argument.type)) }
        for (index, type) in ([returnType].compactMap { $0 } + types).enumerated() {
            if let part = type.unsupportedPart ?? smartPointerProblem(type) {
                let what = returnType != nil && index == 0 ? "return type" : "an argument type"
                warn(function.place, "'\(owner)::\(displayName)' has \(what) wrapgen does not support (\(part): \(type.spelling)); not wrapped")
                return nil
            }
        }
        var arguments: [ArgumentRecord] = []
        var swigArguments: [String] = []
        let user = owner + "::" + displayName
        // Byte buffers (BufferArguments.swift): the pointer is one Python argument, its size none.
        let buffers = BufferArguments.pairs(types, function.arguments)
        for (index, argument) in function.arguments.enumerated() {
            let type = types[index]
            let name = argument.name.isEmpty ? SwigParameterNames.unnamed(index, isStatic: function.isStatic) : argument.name
            let pythonName = PythonNames.python(name)
            let isBuffer = buffers.contains(index), isBufferSize = buffers.contains(index - 1)
            if !isBufferSize {
                var record = ArgumentRecord(name: pythonName, type: typeRecord(id: argument.type, type, isArgument: true, place: function.place, user: user),
                                            cppDefault: argument.defaultValue,
                                            pythonDefault: argument.defaultValue.map(PythonTypes.defaultValue))
                if isBuffer {
                    record.type.python = BufferArguments.argumentPython
                    record.type.wrapped = nil
                    let size = function.arguments[index + 1].name
                    record.bufferSize = PythonNames.python(size.isEmpty ? SwigParameterNames.unnamed(index + 1, isStatic: function.isStatic) : size)
                }
                arguments.append(record)
            }
            var text = swigSpelling(id: argument.type, type)
            // A parameter is renamed in place (%rename does not reach parameters): SWIG's proxy uses the name.
            if !argument.name.isEmpty || isBuffer || isBufferSize { text += " " + pythonName }
            if isBufferSize, let pointer = swigArguments.last { interface.bufferPairs.insert(pointer + ", " + text) }
            if let value = argument.defaultValue { text += " = " + value }
            swigArguments.append(text)
        }
        let returns = returnType.map { typeRecord(id: function.returns, $0, isArgument: false, place: function.place, user: user) }
        if let returns, !isConstructor { noteCountedReturn(function.returns, spelling: returns.cpp) }
        var record = FunctionRecord(arguments: arguments, returns: returns, isStatic: function.isStatic, isConst: function.isConst,
                                    isVirtual: function.isVirtual, isPure: function.isPure, isImplicit: false,
                                    line: function.place.line)
        record.doc = docs?.text(function.comment, what: "'\(owner)::\(displayName)'")
            ?? docs?.textAbove(function.place, name: function.kind == .operatorMethod ? "operator" : function.name)
        var line = "  "
        if function.isStatic { line += "static " }
        if function.isVirtual { line += "virtual " }
        if let returnType {
            line += swigSpelling(id: function.returns, returnType) + " "
            noteReferenceReturn(returnType)
        }
        line += displayName + "(" + swigArguments.joined(separator: ", ") + ")"
        if function.isConst { line += " const" }
        if function.isPure { line += " = 0" }
        return (record, line + ";")
    }
}
