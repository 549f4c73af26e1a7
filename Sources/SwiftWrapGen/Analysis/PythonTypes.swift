/// How C++ types and default values look from Python (the SWIG proxy's view), for typed stubs.
enum PythonTypes {
    static let integerNames: Set<String> = [
        "char", "signed char", "unsigned char", "short", "unsigned short", "int", "unsigned int",
        "long", "unsigned long", "long long", "unsigned long long", "wchar_t", "char16_t", "char32_t",
        "__int128", "unsigned __int128",
    ]
    static let floatNames: Set<String> = ["float", "double", "long double"]

    /// The Python annotation of a fundamental type, or nil.
    static func fundamental(_ name: String) -> String? {
        if name == "bool" { return "bool" }
        if name == "void" { return "None" }
        if integerNames.contains(name) { return "int" }
        if floatNames.contains(name) { return "float" }
        return nil
    }

    /// `std::vector<T>` → `T` (without a custom allocator).
    static func vectorElement(_ spelling: String) -> String? {
        guard spelling.hasPrefix("std::vector<"), let parts = CppSpelling.templateParts(spelling),
              parts.name == "std::vector", let first = parts.arguments.first else { return nil }
        if parts.arguments.count == 2 && parts.arguments[1] != "std::allocator<\(first)>" { return nil }
        return parts.arguments.count <= 2 ? first : nil
    }

    /// Element types for which the `.i` instantiates `std::vector` (so Python sequences convert).
    static func isVectorElementSupported(_ element: String) -> Bool {
        element == "std::string" || fundamental(element).map { $0 != "None" } ?? false
    }

    /// Python name of the `%template` for `std::vector<element>`: `vector_double`, `vector_unsigned_long`.
    static func vectorTemplateName(_ element: String) -> String {
        let base = element == "std::string" ? "string" : element
        return "vector_" + String(base.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// A C++ default argument as a Python expression; `...` when it cannot be shown.
    static func defaultValue(_ cpp: String) -> String {
        let text = cpp.trimmingSpaces()
        if text == "true" { return "True" }
        if text == "false" { return "False" }
        if text == "nullptr" || text == "NULL" { return "None" }
        if isInteger(text) { return text }
        if let float = floatLiteral(text) { return float }
        if text.count >= 2, text.first == "\"", text.last == "\"", !text.dropFirst().dropLast().contains("\\"),
           !text.dropFirst().dropLast().contains("\"") {
            let inner = text.dropFirst().dropLast()
            return inner.contains("'") ? text : "'" + inner + "'"
        }
        return "..."
    }

    private static func isInteger(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" { body = body.dropFirst() }
        while let last = body.last, "uUlL".contains(last) { body = body.dropLast() }
        return !body.isEmpty && body.allSatisfy { $0.isASCII && $0.isNumber } && (body.count == 1 || body.first != "0")
    }

    private static func floatLiteral(_ text: String) -> String? {
        var body = Substring(text)
        var sign = ""
        if body.first == "-" { sign = "-"; body = body.dropFirst() }
        if let last = body.last, "fFlL".contains(last) { body = body.dropLast() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              !(parts[0].isEmpty && parts[1].isEmpty) else { return nil }
        return sign + (parts[0].isEmpty ? "0" : String(parts[0])) + "." + (parts[1].isEmpty ? "0" : String(parts[1]))
    }

    /// Python spelling of an operator SWIG wraps, by C++ operator symbol and arity (arguments
    /// besides `this`). nil: SWIG cannot wrap it as a Python operator.
    static func operatorName(_ symbol: String, arity: Int) -> String? {
        switch (symbol, arity) {
        case ("+", 1): return "__add__"
        case ("-", 1): return "__sub__"
        case ("*", 1): return "__mul__"
        case ("/", 1): return "__truediv__"
        case ("%", 1): return "__mod__"
        case ("-", 0): return "__neg__"
        case ("+", 0): return "__pos__"
        case ("==", 1): return "__eq__"
        case ("!=", 1): return "__ne__"
        case ("<", 1): return "__lt__"
        case ("<=", 1): return "__le__"
        case (">", 1): return "__gt__"
        case (">=", 1): return "__ge__"
        case ("+=", 1): return "__iadd__"
        case ("-=", 1): return "__isub__"
        case ("*=", 1): return "__imul__"
        case ("/=", 1): return "__itruediv__"
        case ("()", _): return "__call__"
        default: return nil
        }
    }
}

/// The Python name of a C++ identifier, as the SWIG proxy spells it: SWIG's Python module renames
/// the names of its keyword list (`pythonkw.swg`) to `_name` (warning 314), in methods, classes,
/// enumerators and parameters alike. Its list predates Python 3 and misses `True`, `False` and
/// `nonlocal`, whose proxies are syntax errors. wrapgen applies the one rule to every name of both
/// lists and spells it out in the `.i` (`%rename(_name) name;`, parameters renamed in place), so the
/// stub and the runtime agree whatever list the installed SWIG has, and SWIG prints no warning 314.
/// Soft keywords (`match`, `case`, `type`, `_`) are valid names and stay as they are.
enum PythonNames {
    /// SWIG 4's `Lib/python/pythonkw.swg` keyword list (including Python 2's `print` and `exec`,
    /// `None` and `self`).
    static let swigKeywords: Set<String> = [
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "exec", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "not", "or", "pass", "print",
        "raise", "return", "try", "while", "with", "yield", "None", "self",
    ]
    /// Python 3's `keyword.kwlist`.
    static let pythonKeywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
        "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]
    static let renamed = swigKeywords.union(pythonKeywords)

    /// `_name` for a name of either list, else the name itself.
    static func python(_ name: String) -> String {
        renamed.contains(name) ? "_" + name : name
    }
}

extension AliasIndex.Entry {
    /// The wrapped class's Python name (`PythonNames`).
    var pythonName: String { PythonNames.python(alias) }
    /// Its record key, `<PythonName>.<submodule>`.
    var key: String { pythonName + "." + submodule }
}
