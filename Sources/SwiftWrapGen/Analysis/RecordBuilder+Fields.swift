import SwiftWrapRecords

/// Public data members (issue 16): non-static ones become Python properties of instances, static
/// ones attributes of the class (docs/cli.md, wrapgen, "Data members, buffers and conversions").
///
/// - A non-static member is declared in the class body of the `.i`, so SWIG writes its getter and
///   setter. It is read-only (`%immutable`) when it is `const`, a pointer (a pointer set from
///   Python would point into an object Python may free) or of a class without a public copy
///   assignment (SWIG's setter assigns). A member of a wrapped class type comes
///   back as a proxy of the member inside its object, which keeps that object alive
///   (`_swiftwrap_keep_owner`, DataMemberInterface.swift). `std::string` and `std::vector` members
///   are values (`%naturalvar`).
/// - A static member gets a static `%extend` getter that returns a copy of its current value, and
///   a `_SwiftWrapStatic` descriptor on the class that calls it: `Color.Red` and `Color().Red` read
///   C++'s value at every access. Assigning it from Python raises `AttributeError` (a non-const one
///   is warned: SWIG's own static setters do not work through the proxy class).
/// - Arrays, references, smart pointers and types wrapgen cannot spell are warned and not wrapped. A
///   static member of a class type is returned as a copy: its type must be copyable.
extension RecordBuilder {
    mutating func collectVariable(_ variable: VariableNode, into members: inout MemberCollector, alias: String) {
        let what = variable.isField ? "data member" : "static data member"
        let place = "\(members.owner).\(variable.name)"
        let type = resolver.type(variable.type)
        if let part = type.unsupportedPart ?? smartPointerProblem(type) {
            warn(variable.place, "\(what) '\(place)' has a type wrapgen does not support (\(part): \(type.spelling)); not wrapped")
            return
        }
        var unqualified = type
        var isConst = false
        if case .qualified(let inner, let const, _) = type { unqualified = inner; isConst = const }
        switch unqualified {
        case .array:
            warn(variable.place, "\(what) '\(place)' is an array (\(type.spelling)); not wrapped (wrap an accessor method instead)")
            return
        case .reference, .rvalueReference:
            warn(variable.place, "\(what) '\(place)' is a reference (\(type.spelling)); not wrapped (wrap an accessor method instead)")
            return
        case .named(let named) where smartPointer(named) != nil:
            // SWIG's member getters return a class-type member by pointer: the smart-pointer typemaps do not apply.
            warn(variable.place, "\(what) '\(place)' is a smart pointer (\(type.spelling)); not wrapped (wrap an accessor method instead)")
            return
        default:
            break
        }
        let pythonName = python(variable.name)
        let record = typeRecord(unqualified, isArgument: false, place: variable.place, user: place)
        let spelling = swigSpelling(unqualified)
        if variable.isField {
            var isPointer = false
            if case .pointer = unqualified { isPointer = true }
            let readOnly = isConst || isPointer || !isAssignable(variable.type)
            members.fields.append(FieldRecord(name: variable.name, pythonName: pythonName, type: record, isStatic: false,
                                              isReadOnly: readOnly, line: variable.place.line))
            if case .named(let named) = unqualified, named.kind == .record {
                if named.spelling == "std::string" || PythonTypes.vectorElement(named.spelling) != nil {
                    members.fieldDirectives.append("%naturalvar \(alias)::\(variable.name);")
                } else if record.wrapped != nil {
                    members.fieldTrailer.append("_swiftwrap_keep_owner(\(PythonNames.python(alias)), '\(pythonName)')")
                }
            }
            if readOnly { members.lines.append("  %immutable \(variable.name);") }
            members.lines.append("  \(spelling) \(variable.name);")
        } else {
            if !isConst {
                warn(variable.place, "static data member '\(place)' is not const: Python reads its current value but cannot assign it (wrapped read-only)")
            }
            members.fields.append(FieldRecord(name: variable.name, pythonName: pythonName, type: record, isStatic: true,
                                              isReadOnly: true, line: variable.place.line))
            let getter = DataMemberInterface.staticGetter(variable.name)
            members.closingDirectives.append("%extend \(alias) { static \(spelling) \(getter)() { return \(alias)::\(variable.name); } }")
            members.fieldTrailer.append("\(PythonNames.python(alias)).\(pythonName) = _SwiftWrapStatic(\(PythonNames.python(alias)).\(getter), '\(members.owner).\(pythonName)')")
        }
    }

    /// Whether a member of this type can be assigned: not a class, or a class with a public copy
    /// assignment operator (castxml lists the implicit one, and omits a deleted one).
    func isAssignable(_ typeID: String) -> Bool {
        guard let (_, node) = AutomaticBases.record(typeID, in: document) else { return true }
        if node.incomplete { return false }
        for id in MemberIDs.split(node.members) {
            guard case .function(let function)? = document[id], function.kind == .operatorMethod,
                  function.name == "=", function.access == "public", function.arguments.count == 1 else { continue }
            if case .rvalueReference = resolver.type(function.arguments[0].type) { continue }
            return true
        }
        return false
    }
}
