import SwiftWrapRecords

/// Type spelling for SWIG and type annotations for records.
extension RecordBuilder {
    /// The SWIG spelling: wrapped classes by their wrapped name, nested types through the wrapped
    /// name of their class, everything else canonical. Records what the `.i` must import.
    mutating func swigSpelling(_ type: CppType) -> String {
        let spelled = swigSpelled(type)
        use(spelled, core: type.core)
        return spelled.text
    }

    /// `swigSpelling` of the type with id `typeID` (`type` is the resolver's type of it), memoised
    /// per id; what the `.i` must import is noted at every use, as without the memo.
    mutating func swigSpelling(id typeID: String, _ type: CppType) -> String {
        let spelled: SwigSpelled
        if let known = typeMemo.swig[typeID] {
            spelled = known
        } else {
            spelled = swigSpelled(type)
            typeMemo.swig[typeID] = spelled
        }
        use(spelled, core: type.core)
        return spelled.text
    }

    private func swigSpelled(_ type: CppType) -> SwigSpelled {
        var used: [AliasIndex.Entry] = []
        var enums: [String] = []
        let index = aliases
        var smartUses: [SmartPointerUse] = []
        let pointers = intrusivePointers
        let text = type.spelled { named in
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
        return SwigSpelled(text: text, used: used, smartUses: smartUses, enums: enums)
    }

    private mutating func use(_ spelled: SwigSpelled, core: CppType) {
        for entry in spelled.used { useClass(entry) }
        if !spelled.smartUses.isEmpty { interface.smartPointers.formUnion(spelled.smartUses) }
        if !spelled.enums.isEmpty { interface.unwrappedEnums.formUnion(spelled.enums) }
        noteStandardTypes(core)
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
        let view = typeView(type, isArgument: isArgument)
        note(view.notes, isArgument: isArgument, place: place, user: user)
        return view.record
    }

    /// `typeRecord` of the type with id `typeID` (`type` is the resolver's type of it), memoised
    /// per id: every use still gets its own warnings, which name the user.
    mutating func typeRecord(id typeID: String, _ type: CppType, isArgument: Bool, place: SourcePlace, user: String) -> TypeRecord {
        let view: TypeView
        if let known = isArgument ? typeMemo.arguments[typeID] : typeMemo.results[typeID] {
            view = known
        } else {
            view = typeView(type, isArgument: isArgument)
            if isArgument { typeMemo.arguments[typeID] = view } else { typeMemo.results[typeID] = view }
        }
        note(view.notes, isArgument: isArgument, place: place, user: user)
        return view.record
    }

    /// The record of a type and what its use must warn about, without warning.
    func typeView(_ type: CppType, isArgument: Bool) -> TypeView {
        if let named = EnumPositions.opaqueEnumeration(type, isArgument: isArgument) {
            return TypeView(record: TypeRecord(cpp: type.spelling, python: "Any", wrapped: nil), notes: [.opaqueEnumeration(named)])
        }
        var notes: [TypeView.Note] = []
        let (python, wrapped) = pythonType(type, isArgument: isArgument, notes: &notes)
        return TypeView(record: TypeRecord(cpp: type.spelling, python: python, wrapped: wrapped), notes: notes)
    }

    private mutating func note(_ notes: [TypeView.Note], isArgument: Bool, place: SourcePlace, user: String) {
        for note in notes {
            switch note {
            case .opaqueEnumeration(let named):
                let how = isArgument ? "takes" : "returns"
                warn(place, "'\(user)' \(how) enumeration '\(named)' through a pointer or non-const reference; Python sees an opaque pointer (typed Any)")
            case .unwrappedEnumeration(let spelling):
                noteUnwrappedEnumeration(spelling, place: place, user: user)
            case .unwrappedPointee(let pointee, let holder):
                warn(place, "type '\(pointee)' held by '\(holder)' in '\(user)' is not wrapped; Python sees an opaque pointer")
            case .unwrapped(let spelling):
                warnings.insert(Warning(location: resolver.location(place),
                                        message: "type '\(spelling)' used by '\(user)' is not wrapped; Python sees an opaque pointer",
                                        unwrappedType: spelling))
            }
        }
    }

    private func pythonType(_ type: CppType, isArgument: Bool, notes: inout [TypeView.Note]) -> (String, String?) {
        let core = type.core
        switch core {
        case .fundamental(let name):
            return (PythonTypes.fundamental(name) ?? "Any", nil)
        case .pointer(let pointee):
            if case .fundamental(let name) = pointee.core, name == "char" { return ("str", nil) }
            if case .named = pointee.core { return pythonType(pointee, isArgument: isArgument, notes: &notes) }
            return ("Any", nil)
        case .named(let named):
            if named.kind == .enumeration {
                let key = aliases.alias(for: named.spelling).map(\.key)
                    ?? named.enclosing.flatMap { aliases.alias(for: $0) }.map(\.key)
                if key == nil { notes.append(.unwrappedEnumeration(named.spelling)) }
                return ("int", key)
            }
            if named.spelling == "std::string" { return ("str", nil) }
            if let smart = smartPointer(named) {
                // A smart pointer is its pointee in Python: a proxy of the class, accepted where it is expected.
                if let entry = aliases.alias(for: smart.pointee) { return (entry.pythonName, entry.key) }
                notes.append(.unwrappedPointee(smart.pointee, holder: named.spelling))
                return ("Any", nil)
            }
            if let element = PythonTypes.vectorElement(named.spelling) {
                let inner = elementPythonType(element)
                return (isArgument ? "Sequence[\(inner)]" : "tuple[\(inner), ...]", nil)
            }
            if let entry = aliases.alias(for: named.spelling) { return (entry.pythonName, entry.key) }
            notes.append(.unwrapped(named.spelling))
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
