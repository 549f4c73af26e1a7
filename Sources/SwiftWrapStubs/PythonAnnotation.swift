/// A Python type expression as stubs use it, parsed from a record's `python` string so that the
/// names in it can be imported and compared (`int`, `Sequence[float]`, `tuple[float, ...]`, `PointD`).
indirect enum PythonAnnotation: Hashable, Sendable {
    /// A builtin (`int`, `None`, `tuple`), a typing helper (`Any`, `Sequence`), or a wrapped class.
    case name(String, PythonLocation?)
    case generic(PythonAnnotation, [PythonAnnotation])
    case ellipsis
    /// `X | None` (StubNullability.swift: a pointer or C string that may be NULL).
    case optional(PythonAnnotation)

    static let builtins: Set<String> = ["int", "float", "bool", "str", "bytes", "bytearray", "memoryview", "None", "object", "complex",
                                        "tuple", "list", "dict", "set", "frozenset", "type"]
    /// Typing helpers a record may use, and the module each comes from.
    static let helperModules: [String: String] = [
        "Any": "typing", "Union": "typing", "Optional": "typing", "Sequence": "collections.abc", "Mapping": "collections.abc", "Iterable": "collections.abc",
    ]
    static let any = PythonAnnotation.name("Any", nil)

    /// Parses `text`; `resolve` maps a name that is neither builtin nor helper to its class (nil: unknown).
    /// Anything unparsable or unknown gives `Any`: a stub must never name what it cannot import.
    static func parse(_ text: String, resolve: (String) -> PythonLocation?) -> PythonAnnotation {
        withoutActuallyEscaping(resolve) { resolve in
            var parser = Parser(bytes: Array(text.utf8), resolve: resolve)
            guard let result = parser.annotation(), parser.atEnd else { return any }
            return result
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        let resolve: (String) -> PythonLocation?
        var index = 0

        var atEnd: Bool { mutating get { skipSpaces(); return index == bytes.count } }

        mutating func skipSpaces() { while index < bytes.count && bytes[index] == UInt8(ascii: " ") { index += 1 } }

        /// Identifier bytes (ASCII letters, digits, `_`, `.`); a record's annotation is ASCII.
        static func isNameByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }

        mutating func annotation() -> PythonAnnotation? {
            skipSpaces()
            guard index < bytes.count else { return nil }
            if bytes[index...].starts(with: "...".utf8) { index += 3; return .ellipsis }
            let start = index
            while index < bytes.count, Parser.isNameByte(bytes[index]) { index += 1 }
            guard index > start else { return nil }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            let head: PythonAnnotation
            if builtins.contains(word) || helperModules[word] != nil {
                head = .name(word, nil)
            } else if let location = resolve(word) {
                head = .name(word, location)
            } else {
                return nil
            }
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return head }
            index += 1
            var arguments: [PythonAnnotation] = []
            while true {
                guard let argument = annotation() else { return nil }
                arguments.append(argument)
                skipSpaces()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .generic(head, arguments) }
                guard bytes[index] == UInt8(ascii: ",") else { return nil }
                index += 1
            }
        }
    }

    /// Renders the annotation, asking `spell` for the local spelling of every name.
    func rendered(_ spell: (String, PythonLocation?) -> String) -> String {
        switch self {
        case .name(let name, let location): return spell(name, location)
        case .ellipsis: return "..."
        case .optional(let inner): return inner.rendered(spell) + " | None"
        case .generic(let head, let arguments):
            return head.rendered(spell) + "[" + arguments.map { $0.rendered(spell) }.joined(separator: ", ") + "]"
        }
    }

    /// Whether every value of `self` is a value of `other`, as far as stubs can tell (bool < int <
    /// float < complex, subclasses by the records' bases, covariant generics, everything < Any).
    func isSubtype(of other: PythonAnnotation, catalog: StubCatalog) -> Bool {
        if self == other || other == PythonAnnotation.any { return true }
        switch (self, other) {
        case (.name(let a, nil), .name(let b, nil)):
            let tower = ["bool", "int", "float", "complex"]
            guard let ia = tower.firstIndex(of: a), let ib = tower.firstIndex(of: b) else { return false }
            return ia <= ib
        case (.name(_, let a?), .name(_, let b?)):
            return catalog.isSubclass(a, of: b)
        case (.optional(let a), .optional(let b)):
            return a.isSubtype(of: b, catalog: catalog)
        case (.name("None", nil), .optional):
            return true
        case (_, .optional(let b)):
            return isSubtype(of: b, catalog: catalog)
        case (.generic(let headA, let argsA), .generic(let headB, let argsB)):
            return headA == headB && argsA.count == argsB.count
                && zip(argsA, argsB).allSatisfy { $0.isSubtype(of: $1, catalog: catalog) }
        default:
            return false
        }
    }
}
