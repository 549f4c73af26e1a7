/// Python names of template instantiations: the rule of `swiftwrap_wrap_template`'s default
/// `SUFFIXES` (CMake's `_swiftwrap_template_suffix`), applied by wrapgen to the bases it wraps
/// automatically. Both implementations are checked against one table,
/// `Tests/Fixtures/template-suffixes.txt` (a Swift unit test and `test_automatic_bases.py`).
///
/// The suffix of an argument list is the concatenation, over its top-level arguments, of:
/// the abbreviation of a fundamental type (`bool` B, `char` C, `signed char` SC, `unsigned char` UC,
/// `short` SS, `unsigned short` US, `int` I, `unsigned int` UI, `long` L, `unsigned long` UL,
/// `long long` LL, `unsigned long long` ULL, `float` F, `double` D, `long double` LD, `std::string` S);
/// for a template instantiation `ns::T<args>`, `T` followed by the suffix of `args`; otherwise the
/// last `::` component. Characters other than letters, digits and `_` become `_`
/// (`"float, 2"` → `F2`, `"itk::Image<float, 2>"` → `ImageF2`, `"-1"` → `_1`).
public enum TemplateNames {
    static let abbreviations: [String: String] = [
        "bool": "B", "char": "C", "signed char": "SC", "unsigned char": "UC", "short": "SS", "unsigned short": "US",
        "int": "I", "unsigned int": "UI", "long": "L", "unsigned long": "UL", "long long": "LL",
        "unsigned long long": "ULL", "float": "F", "double": "D", "long double": "LD", "std::string": "S",
    ]

    /// The suffix of one argument list as written in `ARGUMENTS` (`"float, 2"`).
    public static func suffix(_ arguments: String) -> String {
        topLevelArguments(arguments).map(argumentSuffix).joined()
    }

    /// The default Python name of a wrapped C++ class: its last `::` component, followed by the
    /// suffix of its template arguments for an instantiation (`chain::Holder<double, 2>` → `HolderD2`).
    public static func pythonName(_ cppType: String) -> String {
        let type = normalisedSpaces(cppType)
        if let open = type.firstIndex(of: "<"), type.hasSuffix(">") {
            let inner = String(type[type.index(after: open)..<type.index(before: type.endIndex)])
            return identifier(lastComponent(String(type[..<open]))) + suffix(inner)
        }
        return identifier(lastComponent(type))
    }

    static func argumentSuffix(_ argument: String) -> String {
        let part = normalisedSpaces(argument)
        if let short = abbreviations[part] { return short }
        return pythonName(part)
    }

    /// Splits at commas outside `<>`, `()` and `[]`.
    static func topLevelArguments(_ text: String) -> [String] {
        if isByteForCharacter(text) {
            var parts: [String] = []
            var depth = 0
            var start = text.utf8.startIndex
            for index in text.utf8.indices {
                switch text.utf8[index] {
                case UInt8(ascii: "<"), UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: ">"), UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
                case UInt8(ascii: ",") where depth == 0:
                    parts.append(String(text.utf8[start..<index])!)
                    start = text.utf8.index(after: index)
                default: break
                }
            }
            parts.append(String(text.utf8[start...])!)
            return parts
        }
        var parts: [String] = []
        var depth = 0
        var current = ""
        for character in text {
            switch character {
            case "<", "(", "[": depth += 1
            case ">", ")", "]": depth -= 1
            default: break
            }
            if character == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }

    /// Runs of spaces and tabs become one space; none at either end.
    static func normalisedSpaces(_ text: String) -> String {
        if isByteForCharacter(text) {
            // Most names are normalised already: single spaces between words, none at either end.
            var previous: UInt8 = 0x20
            var normal = true
            for byte in text.utf8 {
                if byte == 0x09 || byte == 0x0A || (byte == 0x20 && previous == 0x20) { normal = false; break }
                previous = byte
            }
            if normal && previous != 0x20 { return text }
            let words = text.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A })
            return words.map { String($0)! }.joined(separator: " ")
        }
        return normalisedSpacesByCharacters(text)
    }

    /// The Character-level rule `normalisedSpaces` follows (its byte-level paths are checked against it).
    static func normalisedSpacesByCharacters(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
    }

    static func lastComponent(_ name: String) -> String {
        if isByteForCharacter(name) {
            // After the last `::` found left to right without overlaps (`a:::b` → `:b`), as below.
            let bytes = name.utf8
            var start = bytes.startIndex
            var afterColon = false
            var index = bytes.startIndex
            while index != bytes.endIndex {
                let next = bytes.index(after: index)
                if bytes[index] == UInt8(ascii: ":") {
                    if afterColon { start = next; afterColon = false } else { afterColon = true }
                } else {
                    afterColon = false
                }
                index = next
            }
            return String(bytes[start...])!
        }
        return lastComponentByCharacters(name)
    }

    /// The Character-level rule `lastComponent` follows.
    static func lastComponentByCharacters(_ name: String) -> String {
        var last = Substring(name)
        while let range = last.firstRange(of: "::") { last = last[range.upperBound...] }
        return String(last)
    }

    static func identifier(_ text: String) -> String {
        if isByteForCharacter(text) {
            return String(decoding: text.utf8.map { byte in
                let keep = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
                return keep ? byte : UInt8(ascii: "_")
            }, as: UTF8.self)
        }
        return String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
    }

    /// Whether every byte of `text` is one Character of its own (ASCII without CR, which joins a
    /// following LF into one Character): then byte-level work gives the Character-level result.
    static func isByteForCharacter(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    }
}
