/// Docstrings in the `.pyi` files: the `doc` of a class record or of one overload, as a
/// triple-quoted Python string under the definition it documents (type checkers ignore it, editors
/// show it). The text is the record's exactly: backslashes are escaped, and so is each `"` that
/// another `"` or the end of the text follows, so no `"""` can close the string early.
enum StubDocstrings {
    /// The docstring statement at `indent`, one entry per line.
    static func lines(_ doc: String, indent: String) -> [String] {
        let text = escaped(doc)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count == 1 { return [indent + "\"\"\"" + text + "\"\"\""] }
        var result = [indent + "\"\"\"" + lines[0]]
        for line in lines.dropFirst() { result.append(line.isEmpty ? "" : indent + line) }
        return result + [indent + "\"\"\""]
    }

    static func escaped(_ doc: String) -> String {
        var out = ""
        let characters = Array(doc)
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\": out += "\\\\"
            case "\"" where index + 1 == characters.count || characters[index + 1] == "\"": out += "\\\""
            default: out.append(character)
            }
        }
        return out
    }
}
