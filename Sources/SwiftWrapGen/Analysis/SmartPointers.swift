/// A class template whose instances hold an intrusive reference on their pointee, as
/// `itk::SmartPointer` does: `--intrusive-pointer itk::SmartPointer=GetPointer,Register,UnRegister`
/// (template, the member that gives the raw pointer, the pointee's methods that add and drop a
/// reference). wrapgen cannot find these by itself: a `SmartPointer<T>` that only appears as a
/// return type is an incomplete class in castxml's output, so its members are unknown.
public struct IntrusivePointer: Hashable, Sendable {
    /// Qualified template name, without a leading `::`.
    public var template: String
    public var get: String
    public var ref: String
    public var unref: String

    public init(template: String, get: String, ref: String, unref: String) {
        self.template = template
        self.get = get
        self.ref = ref
        self.unref = unref
    }

    /// Parses `TEMPLATE=GET,REF,UNREF`; nil when malformed (the template a qualified name, the
    /// three methods identifiers).
    public static func parse(_ text: String) -> IntrusivePointer? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        var name = String(text[..<equals]).trimmingSpaces()
        if name.hasPrefix("::") { name.removeFirst(2) }
        let methods = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { String($0).trimmingSpaces() }
        guard methods.count == 3, methods.allSatisfy(isIdentifier),
              !name.isEmpty, name.split(separator: ":", omittingEmptySubsequences: false)
                .enumerated().allSatisfy({ $0.offset % 2 == 1 ? $0.element.isEmpty : isIdentifier(String($0.element)) })
        else { return nil }
        return IntrusivePointer(template: name, get: methods[0], ref: methods[1], unref: methods[2])
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return text.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
}

/// Which smart pointer holds a pointee.
public enum SmartPointerKind: Hashable, Sendable {
    case intrusive(IntrusivePointer)
    case shared
    case unique

    var templateName: String {
        switch self {
        case .intrusive(let pointer): return pointer.template
        case .shared: return "std::shared_ptr"
        case .unique: return "std::unique_ptr"
        }
    }
}

/// A smart-pointer type of a class: `itk::SmartPointer<const geo::Mesh>`, `std::shared_ptr<Node>`.
struct SmartPointerType: Hashable {
    var kind: SmartPointerKind
    /// Canonical C++ spelling of the pointee, without `const`.
    var pointee: String
    var isConst: Bool

    /// Recognises `std::shared_ptr<T>`, `std::unique_ptr<T>` (default deleter) and the declared
    /// intrusive templates, by canonical spelling.
    static func recognize(_ spelling: String, intrusive: [IntrusivePointer]) -> SmartPointerType? {
        // Most spellings name no smart pointer: a prefix test spares splitting their template arguments.
        guard spelling.hasSuffix(">"),
              spelling.hasPrefix("std::shared_ptr<") || spelling.hasPrefix("std::unique_ptr<")
                || intrusive.contains(where: { spelling.hasPrefix($0.template) && spelling.utf8.dropFirst($0.template.utf8.count).first == UInt8(ascii: "<") }),
              let parts = CppSpelling.templateParts(spelling),
              let first = parts.arguments.first else { return nil }
        let kind: SmartPointerKind
        switch parts.name {
        case "std::shared_ptr" where parts.arguments.count == 1:
            kind = .shared
        case "std::unique_ptr" where parts.arguments.count == 1
            || (parts.arguments.count == 2 && parts.arguments[1] == "std::default_delete<\(first)>"):
            kind = .unique
        default:
            guard parts.arguments.count == 1, let pointer = intrusive.first(where: { $0.template == parts.name }) else {
                return nil
            }
            kind = .intrusive(pointer)
        }
        var pointee = first
        var isConst = false
        if pointee.hasPrefix("const ") {
            pointee.removeFirst(6)
            isConst = true
        } else if pointee.hasSuffix(" const") {
            pointee.removeLast(6)
            isConst = true
        }
        return SmartPointerType(kind: kind, pointee: pointee.trimmingSpaces(), isConst: isConst)
    }

    /// How SWIG sees the type, with the pointee's wrapped name: `itk::SmartPointer< const Mesh >`.
    func swigSpelling(alias: String) -> String {
        kind.templateName + "< " + (isConst ? "const " : "") + alias + " >"
    }
}

/// One smart-pointer type a submodule's `.i` uses, by the pointee's wrapped name.
public struct SmartPointerUse: Hashable, Sendable, Comparable {
    public var kind: SmartPointerKind
    public var alias: String
    public var isConst: Bool

    var swigSpelling: String { SmartPointerType(kind: kind, pointee: alias, isConst: isConst).swigSpelling(alias: alias) }

    public static func < (a: SmartPointerUse, b: SmartPointerUse) -> Bool {
        (a.kind.templateName, a.alias, a.isConst ? 1 : 0) < (b.kind.templateName, b.alias, b.isConst ? 1 : 0)
    }
}

extension RecordBuilder {
    /// The smart pointer a named type is, if any.
    func smartPointer(_ named: CppType.Named) -> SmartPointerType? {
        guard named.kind == .record else { return nil }
        return SmartPointerType.recognize(named.spelling, intrusive: intrusivePointers)
    }

    /// Why a type that holds a smart pointer cannot be wrapped, or nil. The forms SWIG gets typemaps
    /// for: `std::unique_ptr<T>` by value (ownership moves); `std::shared_ptr<T>` by value,
    /// reference or pointer; intrusive pointers by value or reference.
    func smartPointerProblem(_ type: CppType) -> String? {
        guard case .named(let named) = type.core, let smart = smartPointer(named) else { return nil }
        var form = type
        if case .qualified(let inner, _, _) = form { form = inner }
        switch (smart.kind, form) {
        case (.unique, .named) where !smart.isConst: return nil
        case (.unique, _): return "std::unique_ptr is supported by value (ownership moves) with a non-const pointee"
        case (.shared, _): return nil
        case (.intrusive, .named), (.intrusive, .reference): return nil
        case (.intrusive(let pointer), _): return "\(pointer.template) is supported by value or by reference"
        }
    }

    /// The intrusive pointer whose reference methods a class has (its own public methods or those
    /// of its public bases, without arguments), if any: such a class is reference counted, and
    /// every Python object of it holds one reference.
    func referenceCounting(of record: RecordNode) -> IntrusivePointer? {
        guard !intrusivePointers.isEmpty else { return nil }
        var names = Set<String>()
        var visited = Set<String>()
        collectMethodNames(record, into: &names, visited: &visited)
        return intrusivePointers.first { names.contains($0.ref) && names.contains($0.unref) }
    }

    private func collectMethodNames(_ record: RecordNode, into names: inout Set<String>, visited: inout Set<String>) {
        for id in record.members.split(separator: " ") {
            guard case .function(let function) = document[String(id)], function.kind == .method,
                  function.access == "public", !function.isStatic,
                  function.arguments.allSatisfy({ $0.defaultValue != nil }) else { continue }
            names.insert(function.name)
        }
        for base in record.bases where base.access == "public" {
            var id = base.type
            for _ in 0..<64 {
                switch document[id] {
                case .typedef(let typedef): id = typedef.type; continue
                case .elaborated(let next): id = next; continue
                case .cvQualified(let next, _, _): id = next; continue
                default: break
                }
                break
            }
            guard visited.insert(id).inserted, case .record(let node) = document[id] else { continue }
            collectMethodNames(node, into: &names, visited: &visited)
        }
    }
}

extension SmartPointerType {
    /// The wrapped typedefs without those naming a smart pointer (`TYPES itk::Image<float, 2>::Pointer`):
    /// a smart pointer is not wrapped as a class, its pointee is; each one dropped is a warning.
    static func withoutSmartPointers(_ typedefs: [WrappedTypedef], resolver: TypeResolver, intrusive: [IntrusivePointer],
                                     warnings: inout Set<Warning>) -> [WrappedTypedef] {
        typedefs.filter { typedef in
            guard case .record = typedef.target, let smart = recognize(typedef.cppType, intrusive: intrusive) else { return true }
            warnings.insert(Warning(location: resolver.location(typedef.place),
                                    message: "'\(typedef.name)' names the smart pointer \(typedef.cppType), which is not wrapped as a class: Python sees it as its pointee; wrap \(smart.pointee) instead"))
            return false
        }
    }
}
