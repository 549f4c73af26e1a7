import SwiftWrapRecords

/// `operator[]` (SubscriptExtensions.swift explains the Python side) and value returns of `T&`
/// (ValueTypemaps.swift).
extension RecordBuilder {
    /// Member functions that give a subscriptable class its size, in order of preference.
    static let sizeMemberNames = ["size", "Size", "GetSize"]

    /// A non-const `T&` return of a number, `bool` or enumeration: the `.i` copies `const T&`'s out typemap.
    mutating func noteReferenceReturn(_ type: CppType) {
        guard case .reference(let inner) = type else { return }
        if case .qualified(_, let isConst, _) = inner, isConst { return }
        switch inner.core {
        case .fundamental(let name) where ValueTypemaps.valueTypes.contains(name):
            interface.referenceReturns.insert(name)
        case .named(let named) where named.kind == .enumeration:
            interface.referenceReturns.insert(swigSpelling(inner.core))
        default:
            return
        }
    }

    mutating func noteSizeMember(_ function: FunctionNode, into members: inout MemberCollector) {
        guard RecordBuilder.sizeMemberNames.contains(function.name), function.arguments.isEmpty,
              function.isConst || function.isStatic, isInteger(resolver.type(function.returns)) else { return }
        members.sizeMembers[function.name] = true
    }

    mutating func noteDimension(_ variable: VariableNode, into members: inout MemberCollector) {
        if !variable.isField, variable.name == "Dimension", isInteger(resolver.type(variable.type)) { members.hasDimension = true }
    }

    private func isInteger(_ type: CppType) -> Bool {
        if case .reference = type { return false }
        if case .fundamental(let name) = type.core { return PythonTypes.integerNames.contains(name) }
        return false
    }

    /// Builds `__getitem__`/`__setitem__` from the class's `operator[]` overloads: their records
    /// (under the C++ name `operator[]`) and the `%extend` of the `.i`.
    mutating func addSubscript(_ members: MemberCollector, alias: String, to record: inout ClassRecord) {
        guard !members.subscripts.isEmpty else { return }
        var chosen: [(key: String, function: FunctionNode)] = []
        for function in members.subscripts {
            guard function.arguments.count == 1 else { continue }
            guard signature(function, owner: members.owner, displayName: "operator[]") != nil else { continue }
            let indexType = resolver.type(function.arguments[0].type)
            let key = isInteger(indexType) ? "" : indexType.spelling
            if let position = chosen.firstIndex(where: { $0.key == key }) {
                // Prefer the non-const overload: it is the one that can be assigned through.
                if chosen[position].function.isConst && !function.isConst { chosen[position].function = function }
            } else {
                chosen.append((key, function))
            }
        }
        let size = RecordBuilder.sizeMemberNames.first { members.sizeMembers[$0] == true }.map { "$self->\($0)()" }
            ?? (members.hasDimension ? "\(alias)::Dimension" : nil)
        var getters: [FunctionRecord] = []
        var setters: [FunctionRecord] = []
        var accessors: [SubscriptExtension.Accessor] = []
        let place = members.subscripts[0].place
        let user = "\(members.owner)::operator[]"
        for (key, function) in chosen {
            let operatorIndex = resolver.type(function.arguments[0].type)
            let checked = key.isEmpty ? size : nil
            let index: CppType = checked == nil ? operatorIndex : .fundamental("long long")
            let returnType = resolver.type(function.returns)
            var returned = returnType
            var assignable: CppType?
            if case .reference(let inner) = returnType {
                if isValue(inner.core) { returned = inner.core }
                // Assignment is generated for values and wrapped classes only (an unwrapped element
                // type may not be assignable, and Python could not build one anyway).
                if !function.isConst, !isConstQualified(inner), isValue(inner.core) || isWrappedClass(inner.core) { assignable = inner }
            }
            let indexRecord = ArgumentRecord(name: "index", type: typeRecord(index, isArgument: true, place: place, user: user),
                                             cppDefault: nil, pythonDefault: nil)
            getters.append(FunctionRecord(arguments: [indexRecord], returns: typeRecord(returned, isArgument: false, place: place, user: user),
                                          isStatic: false, isConst: function.isConst, isVirtual: false, isPure: false,
                                          isImplicit: false, line: function.place.line))
            var valueSpelling: String?
            if let assignable {
                let valueType = CppType.reference(.qualified(assignable, isConst: true, isVolatile: false))
                let valueRecord = ArgumentRecord(name: "value", type: typeRecord(valueType, isArgument: true, place: place, user: user),
                                                 cppDefault: nil, pythonDefault: nil)
                setters.append(FunctionRecord(arguments: [indexRecord, valueRecord], returns: TypeRecord(cpp: "void", python: "None", wrapped: nil),
                                              isStatic: false, isConst: false, isVirtual: false, isPure: false,
                                              isImplicit: false, line: function.place.line))
                valueSpelling = swigSpelling(valueType)
            }
            accessors.append(SubscriptExtension.Accessor(index: swigSpelling(index), operatorIndex: swigSpelling(operatorIndex),
                                                         returns: swigSpelling(returned), value: valueSpelling, size: checked))
        }
        guard !accessors.isEmpty else { return }
        record.operators.append(MethodGroup(name: "operator[]", pythonName: "__getitem__", overloads: getters))
        if !setters.isEmpty { record.operators.append(MethodGroup(name: "operator[]", pythonName: "__setitem__", overloads: setters)) }
        record.operators = record.operators.enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }.map(\.element)
        interface.subscripts.append(SubscriptExtension(alias: alias, accessors: accessors))
    }

    /// Element types returned as a Python value: numbers, `bool`, enumerations and `std::string`.
    private func isValue(_ core: CppType) -> Bool {
        switch core {
        case .fundamental(let name): return name != "void"
        case .named(let named): return named.kind == .enumeration || named.spelling == "std::string"
        default: return false
        }
    }

    private func isWrappedClass(_ core: CppType) -> Bool {
        if case .named(let named) = core, named.kind == .record { return aliases.alias(for: named.spelling) != nil }
        return false
    }

    private func isConstQualified(_ type: CppType) -> Bool {
        if case .qualified(_, let isConst, _) = type { return isConst }
        return false
    }
}
