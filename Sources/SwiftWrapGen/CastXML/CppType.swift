import CPosix
/// A C++ type resolved from the id graph: typedefs and elaborated types are looked through, so
/// two spellings of one type compare equal.
public indirect enum CppType: Equatable, Sendable {
    case fundamental(String)
    /// A class, struct, union or enumeration, by its canonical qualified name.
    case named(Named)
    case pointer(CppType)
    case reference(CppType)
    case rvalueReference(CppType)
    case qualified(CppType, isConst: Bool, isVolatile: Bool)
    case array(CppType, count: Int?)
    /// Something wrapgen cannot spell; the text says what (e.g. `FunctionType`).
    case unsupported(String)

    public struct Named: Equatable, Sendable {
        public enum Kind: String, Sendable { case record, enumeration }
        public var kind: Kind
        /// Canonical qualified name, e.g. `geo::Point<double>`, `std::string`.
        public var spelling: String
        /// The enclosing class's canonical name for a nested type.
        public var enclosing: String?
        /// The unqualified name (`Axis` for `geo::Point<double>::Axis`).
        public var name: String
    }

    /// The type without references and cv-qualifiers.
    public var core: CppType {
        switch self {
        case .reference(let t), .rvalueReference(let t): return t.core
        case .qualified(let t, _, _): return t.core
        default: return self
        }
    }

    /// The first unsupported part of the type, if any.
    public var unsupportedPart: String? {
        switch self {
        case .unsupported(let what): return what
        case .pointer(let t), .reference(let t), .qualified(let t, _, _), .array(let t, _): return t.unsupportedPart
        case .rvalueReference: return "rvalue reference"
        default: return nil
        }
    }

    /// The canonical spelling (cv-qualifiers east: `geo::Point<double> const &`).
    public var spelling: String { spelled { _ in nil } }

    /// A spelling in which named types are replaced by `alias` where it returns a name (used for
    /// SWIG, where a wrapped class is known by its wrapped name).
    public func spelled(alias: (Named) -> String?) -> String {
        switch self {
        case .fundamental(let name): return name
        case .named(let named): return alias(named) ?? named.spelling
        case .pointer(let t): return t.spelled(alias: alias) + " *"
        case .reference(let t): return t.spelled(alias: alias) + " &"
        case .rvalueReference(let t): return t.spelled(alias: alias) + " &&"
        case .qualified(let t, let isConst, let isVolatile):
            var text = t.spelled(alias: alias)
            if isConst { text += " const" }
            if isVolatile { text += " volatile" }
            return text
        case .array(let t, let count): return t.spelled(alias: alias) + (count.map { "[\($0)]" } ?? "[]")
        case .unsupported(let what): return "?\(what)?"
        }
    }
}

/// Spelling rules shared by every place that prints a C++ name.
public enum CppSpelling {
    private static let fundamentalNames: [(String, String)] = [
        ("long long unsigned int", "unsigned long long"), ("long unsigned int", "unsigned long"),
        ("short unsigned int", "unsigned short"), ("long long int", "long long"),
        ("short int", "short"), ("long int", "long"),
    ]

    /// `long unsigned int` → `unsigned long` and friends, wherever they occur in `text`, and
    /// `, ` between template arguments.
    public static func normalize(_ text: String) -> String {
        var out = text
        if out.utf8.containsBytes(" int") {
            for (from, to) in fundamentalNames where out.utf8.containsBytes(from) {
                out = replaceWord(from, with: to, in: out)
            }
        }
        if out.utf8.contains(UInt8(ascii: ",")) && !everyCommaHasASpace(out) {
            var result = ""
            var previousComma = false
            for c in out {
                if previousComma && c != " " { result.append(" ") }
                result.append(c)
                previousComma = c == ","
            }
            out = result
        }
        return out
    }

    /// Whether every `,` byte is followed by a space byte: then the loop above inserts nothing.
    private static func everyCommaHasASpace(_ text: String) -> Bool {
        var previousComma = false
        for byte in text.utf8 {
            if previousComma && byte != 0x20 { return false }
            previousComma = byte == UInt8(ascii: ",")
        }
        return true
    }

    private static func replaceWord(_ word: String, with replacement: String, in text: String) -> String {
        let chars = Array(text), target = Array(word)
        var out = ""
        var i = 0
        func isIdentifier(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        while i < chars.count {
            if i + target.count <= chars.count, Array(chars[i..<i + target.count]) == target,
               i == 0 || !isIdentifier(chars[i - 1]),
               i + target.count == chars.count || !isIdentifier(chars[i + target.count]) {
                out += replacement
                i += target.count
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }

    /// Splits `Name<a, b<c, d>>` into `Name` and its top-level arguments; nil for a plain name.
    public static func templateParts(_ name: String) -> (name: String, arguments: [String])? {
        var text = name
        if let ascii = text.withUTF8({ bytes in asciiTemplateParts(bytes) }) { return ascii ?? nil }
        guard let open = name.firstIndex(of: "<"), name.hasSuffix(">") else { return nil }
        let inner = name[name.index(after: open)..<name.index(before: name.endIndex)]
        var arguments: [String] = []
        var depth = 0
        var current = ""
        for c in inner {
            switch c {
            case "<", "(", "[": depth += 1
            case ">", ")", "]": depth -= 1
            default: break
            }
            if c == "," && depth == 0 {
                arguments.append(current.trimmingSpaces())
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.trimmingSpaces().isEmpty { arguments.append(current.trimmingSpaces()) }
        return (String(name[..<open]), arguments)
    }

    /// `templateParts` over the bytes of an ASCII name (every byte a Character, so the result is
    /// the same); nil (not `.some(nil)`) when the name is not ASCII.
    private static func asciiTemplateParts(_ bytes: UnsafeBufferPointer<UInt8>) -> (name: String, arguments: [String])?? {
        var open = -1
        for (index, byte) in bytes.enumerated() {
            if byte >= 0x80 { return nil }
            if byte == UInt8(ascii: "<") && open < 0 { open = index }
        }
        guard open >= 0, bytes.last == UInt8(ascii: ">") else { return .some(nil) }
        func trimmed(_ start: Int, _ end: Int) -> String {
            var (low, high) = (start, end)
            while low < high && bytes[low] == 0x20 { low += 1 }
            while high > low && bytes[high - 1] == 0x20 { high -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[low..<high]), as: UTF8.self)
        }
        var arguments: [String] = []
        var depth = 0
        var start = open + 1
        let end = bytes.count - 1
        for index in start..<max(start, end) {
            switch bytes[index] {
            case UInt8(ascii: "<"), UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: ">"), UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ",") where depth == 0:
                arguments.append(trimmed(start, index))
                start = index + 1
            default: break
            }
        }
        let last = trimmed(start, max(start, end))
        if !last.isEmpty { arguments.append(last) }
        return .some((String(decoding: UnsafeBufferPointer(rebasing: bytes[..<open]), as: UTF8.self), arguments))
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first == " " { view = view.dropFirst() }
        while view.last == " " { view = view.dropLast() }
        return String(view)
    }
}

extension String.UTF8View {
    /// Whether the bytes of `needle` occur in these bytes (a gate before Character-level work:
    /// it may say yes where a Character comparison would not, never the other way round).
    func containsBytes(_ needle: String) -> Bool {
        var haystack = String(self)
        var pattern = needle
        return haystack.withUTF8 { bytes in
            pattern.withUTF8 { wanted in
                guard !wanted.isEmpty else { return true }
                guard bytes.count >= wanted.count, let base = bytes.baseAddress, let target = wanted.baseAddress else { return false }
                return memmem(base, bytes.count, target, wanted.count) != nil
            }
        }
    }
}
