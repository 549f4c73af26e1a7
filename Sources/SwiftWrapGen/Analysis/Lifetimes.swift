import SwiftWrapRecords

/// A method whose C++ contract moves ownership, declared by the user (`--ownership KIND=CLASS::METHOD`,
/// CMake's `NEWOBJECT`, `DISOWN` and `INVALIDATES` keywords of `swiftwrap_add_submodule`).
public struct OwnershipDeclaration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        /// The method returns an object the caller must delete: Python owns the result (`%newobject`).
        case newObject = "newobject"
        /// The method takes ownership of its wrapped-class pointer arguments: Python stops owning
        /// them, and each argument's proxy keeps the object the method was called on alive.
        case disown
        /// The method deletes its wrapped-class pointer arguments: their proxies are invalidated
        /// (using one afterwards raises instead of reading freed memory).
        case invalidates
    }
    public var kind: Kind
    /// The qualified C++ class as wrapgen spells wrapped types (`lt::Container`, `geo::Point<double>`).
    public var cppClass: String
    public var method: String

    public init(kind: Kind, cppClass: String, method: String) {
        self.kind = kind
        self.cppClass = cppClass
        self.method = method
    }

    /// `KIND=CLASS::METHOD`; nil when malformed.
    public static func parse(_ text: String) -> OwnershipDeclaration? {
        guard let equals = text.firstIndex(of: "="), let kind = Kind(rawValue: String(text[..<equals])) else { return nil }
        var name = String(text[text.index(after: equals)...])
        if name.hasPrefix("::") { name.removeFirst(2) }
        let chars = Array(name)
        guard let colon = chars.indices.last(where: { $0 > 0 && chars[$0] == ":" && chars[$0 - 1] == ":" }), colon > 1 else { return nil }
        let method = String(chars[(colon + 1)...])
        let cppClass = String(chars[..<(colon - 1)])
        guard let first = method.first, first == "_" || first.isLetter,
              method.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else { return nil }
        return OwnershipDeclaration(kind: kind, cppClass: CppSpelling.normalize(cppClass),
                                    method: method)
    }

    public var description: String { kind.rawValue.uppercased() + " " + cppClass + "::" + method }
    public static func < (a: OwnershipDeclaration, b: OwnershipDeclaration) -> Bool { a.description < b.description }
}

/// What the `.i` says about one method's lifetimes (LifetimeFeatures.swift writes it).
public struct LifetimeFeature: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The result (a proxy of a reference or pointer into the object) keeps the object alive.
        case keepOwner
        case newObject
        /// `swig_obj` indices (1 = first argument) of the wrapped-class pointer arguments.
        case disown([Int])
        case invalidate([Int])
    }
    /// The class's wrapped name, as the `.i` declares it.
    public var alias: String
    /// The C++ (or `%extend`) method name.
    public var method: String
    public var kind: Kind
}

/// Safe lifetimes by default (pybind11's `reference_internal`): a method that returns a reference or
/// a pointer to a wrapped class (the proxy SWIG makes does not own the object) gets a proxy that
/// keeps the object the method was called on alive. So an element keeps its document alive, an
/// item its container, and `Transform().Translate(1, 0)` the temporary `*this` refers to.
/// Static methods have no such object; operators are left to SWIG (its in-place operators already
/// move ownership to the result); `__getitem__` returning a class element is included. A returned
/// reference-counted class (`--intrusive-pointer`) needs nothing: its proxy holds its own reference.
extension RecordBuilder {
    /// Notes a returned pointer or reference to a reference-counted class (`typeID`: the return type).
    mutating func noteCountedReturn(_ typeID: String, spelling: String) {
        guard !intrusivePointers.isEmpty else { return }
        var id = typeID
        for _ in 0..<64 {
            switch document[id] {
            case .pointer(let next), .reference(let next), .elaborated(let next), .cvQualified(let next, _, _): id = next
            case .typedef(let typedef): id = typedef.type
            case .record(let node):
                if referenceCounting(of: node) != nil { countedReturns.insert(spelling) }
                return
            default: return
            }
        }
    }

    mutating func noteLifetimes(_ record: ClassRecord, alias: String) {
        var features: [LifetimeFeature] = []
        let declared = ownership.filter { $0.cppClass == record.cppType }
        let groups = record.methods + record.operators.filter { $0.pythonName == "__getitem__" }
        for group in groups {
            let overloads = SwigOverloads.dispatched(group.overloads)
            let mine = declared.filter { $0.method == group.name }
            usedOwnership.formUnion(mine)
            let returnsNew = mine.contains { $0.kind == .newObject }
            if returnsNew { features.append(LifetimeFeature(alias: alias, method: group.name, kind: .newObject)) }
            let keepsOwner = overloads.contains { function in
                guard !function.isStatic, let returns = function.returns else { return false }
                return Lifetimes.isClassHandle(returns) && !countedReturns.contains(returns.cpp)
            }
            if !returnsNew, keepsOwner {
                // `operator[]` is the `%extend` method `__getitem__` in the `.i` (SubscriptExtensions).
                let method = group.pythonName == "__getitem__" ? "__getitem__" : group.name
                features.append(LifetimeFeature(alias: alias, method: method, kind: .keepOwner))
            }
            for declaration in mine where declaration.kind != .newObject {
                guard overloads.count == 1, let function = overloads.first, !function.isStatic else {
                    warn(record, "\(declaration) applies to a non-static method with one overload; not applied")
                    continue
                }
                let indices = function.arguments.indices.filter { Lifetimes.isClassPointer(function.arguments[$0].type) }.map { $0 + 1 }
                guard !indices.isEmpty else {
                    warn(record, "\(declaration): the method takes no pointer to a wrapped class; not applied")
                    continue
                }
                features.append(LifetimeFeature(alias: alias, method: group.name,
                                                kind: declaration.kind == .disown ? .disown(indices) : .invalidate(indices)))
            }
        }
        interface.lifetimes += features
    }

    private mutating func warn(_ record: ClassRecord, _ message: String) {
        warnings.insert(Warning(location: record.file + ":" + String(record.line), message: message))
    }
}

enum Lifetimes {
    /// A reference or pointer to a wrapped class (not to an enumeration, which Python sees as `int`).
    static func isClassHandle(_ type: TypeRecord) -> Bool {
        type.wrapped != nil && type.python != "int" && (isPointer(type.cpp) || type.cpp.hasSuffix("&"))
    }

    static func isClassPointer(_ type: TypeRecord) -> Bool {
        type.wrapped != nil && type.python != "int" && isPointer(type.cpp)
    }

    /// The top level of the canonical spelling is a pointer (`X *`, `X const * const`).
    static func isPointer(_ cpp: String) -> Bool {
        var text = Substring(cpp)
        while true {
            if text.hasSuffix(" const") { text = text.dropLast(6) } else if text.hasSuffix(" volatile") { text = text.dropLast(9) } else { break }
        }
        return text.hasSuffix("*")
    }
}
