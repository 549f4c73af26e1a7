import SwiftWrapRecords

/// Type spelling for SWIG and type annotations for records.
extension RecordBuilder {
    /// The SWIG spelling: wrapped classes by their wrapped name, nested types through the wrapped
    /// name of their class, everything else canonical. Records what the `.i` must import.
    mutating func swigSpelling(_ type: CppType) -> String {
        var used: [AliasIndex.Entry] = []
        var enums: [String] = []
        var text = ""
        let index = aliases
        var smartUses: [SmartPointerUse] = []
        let pointers = intrusivePointers
        text = type.spelled { named in
            if named.kind == .record, let smart = SmartPointerType.recognize(named.spelling, intrusive: pointers),
               let entry = index.alias(for: smart.pointee) {
                used.append(entry)
                smartUses.append(SmartPointerUse(kind: smart.kind, alias: entry.alias, isConst: smart.isConst))
                return smart.swigSpelling(alias: entry.alias)
            }
            if let entry = index.alias(for: named.spelling) {
                used.append(entry)
                return named.kind == .record ? entry.alias : nil
            }
            if let enclosing = named.enclosing, let entry = index.alias(for: enclosing) {
                used.append(entry)
                return entry.alias + "::" + named.name
            }
            if named.kind == .enumeration { enums.append(named.spelling) }
            return nil
        }
        for entry in used { useClass(entry) }
        interface.smartPointers.formUnion(smartUses)
        interface.unwrappedEnums.formUnion(enums)
        noteStandardTypes(type.core)
        return text
    }

    private mutating func noteStandardTypes(_ core: CppType) {
        guard case .named(let named) = core else { return }
        if named.spelling == "std::string" { interface.usesString = true }
        if let element = PythonTypes.vectorElement(named.spelling), PythonTypes.isVectorElementSupported(element) {
            interface.vectorElements.insert(element)
            if element == "std::string" { interface.usesString = true }
        }
    }

    /// The record view of a type: C++ spelling, Python annotation and wrapped key.
    mutating func typeRecord(_ type: CppType, isArgument: Bool, place: SourcePlace, user: String) -> TypeRecord {
        if let opaque = opaqueEnumRecord(type, isArgument: isArgument, place: place, user: user) { return opaque }
        let (python, wrapped) = pythonType(type, isArgument: isArgument, place: place, user: user)
        return TypeRecord(cpp: type.spelling, python: python, wrapped: wrapped)
    }

    private mutating func pythonType(_ type: CppType, isArgument: Bool, place: SourcePlace, user: String) -> (String, String?) {
        let core = type.core
        switch core {
        case .fundamental(let name):
            return (PythonTypes.fundamental(name) ?? "Any", nil)
        case .pointer(let pointee):
            if case .fundamental(let name) = pointee.core, name == "char" { return ("str", nil) }
            if case .named = pointee.core { return pythonType(pointee, isArgument: isArgument, place: place, user: user) }
            return ("Any", nil)
        case .named(let named):
            if named.kind == .enumeration {
                let key = aliases.alias(for: named.spelling).map(\.key)
                    ?? named.enclosing.flatMap { aliases.alias(for: $0) }.map(\.key)
                if key == nil { noteUnwrappedEnumeration(named.spelling, place: place, user: user) }
                return ("int", key)
            }
            if named.spelling == "std::string" { return ("str", nil) }
            if let smart = smartPointer(named) {
                // A smart pointer is its pointee in Python: a proxy of the class, accepted where it is expected.
                if let entry = aliases.alias(for: smart.pointee) { return (entry.pythonName, entry.key) }
                warn(place, "type '\(smart.pointee)' held by '\(named.spelling)' in '\(user)' is not wrapped; Python sees an opaque pointer")
                return ("Any", nil)
            }
            if let element = PythonTypes.vectorElement(named.spelling) {
                let inner = elementPythonType(element)
                return (isArgument ? "Sequence[\(inner)]" : "tuple[\(inner), ...]", nil)
            }
            if let entry = aliases.alias(for: named.spelling) { return (entry.pythonName, entry.key) }
            warnings.insert(Warning(location: resolver.location(place),
                                    message: "type '\(named.spelling)' used by '\(user)' is not wrapped; Python sees an opaque pointer",
                                    unwrappedType: named.spelling))
            return ("Any", nil)
        default:
            return ("Any", nil)
        }
    }

    private func elementPythonType(_ element: String) -> String {
        if element == "std::string" { return "str" }
        if let python = PythonTypes.fundamental(element) { return python }
        if let entry = aliases.alias(for: element) { return entry.pythonName }
        return "Any"
    }
}
