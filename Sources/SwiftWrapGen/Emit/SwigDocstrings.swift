import SwiftWrapRecords

/// `%feature("docstring")` lines of one wrapped class: its own doc comment, its constructors' and
/// each method's and operator's, written before the class in the `.i`. With the module's
/// `%feature("autodoc", "1")` SWIG puts the signatures first and the text after them.
///
/// SWIG gives a Python method one docstring for all its C++ overloads, so the distinct comments of
/// the overloads of one name are joined, in declaration order, with a blank line between them.
/// Enumerations have no docstring at run time (SWIG makes their values `int` constants).
enum SwigDocstrings {
    static func lines(_ record: ClassRecord, alias: String) -> [String] {
        var lines: [String] = []
        if let doc = record.doc { lines.append("%feature(\"docstring\") \(alias) \(literal(doc));") }
        if let doc = joined(record.constructors) { lines.append("%feature(\"docstring\") \(alias)::\(alias) \(literal(doc));") }
        for group in record.methods + record.operators {
            if let doc = joined(group.overloads) { lines.append("%feature(\"docstring\") \(alias)::\(group.name) \(literal(doc));") }
        }
        return lines
    }

    /// The distinct docs of `overloads`, joined; nil when none has one.
    static func joined(_ overloads: [FunctionRecord]) -> String? {
        var docs: [String] = []
        for doc in overloads.compactMap(\.doc) where !docs.contains(doc) { docs.append(doc) }
        return docs.isEmpty ? nil : docs.joined(separator: "\n\n")
    }

    /// `text` as a SWIG string literal that SWIG 4 turns into the same Python docstring: backslash,
    /// quote and newline escaped. SWIG writes docstrings as `r"""…"""` and splits a `"""` in the
    /// text into a concatenation whose later part is no longer raw (its backslashes would become
    /// escapes), so `"""` is written `'''`: the only change to the text.
    static func literal(_ text: String) -> String {
        var out = "\""
        for character in text.replacingAll("\"\"\"", with: "'''") {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
