/// The plain text of one C++ doc comment, from the bytes castxml's `<Comment>` element points at.
///
/// Accepted shapes: `///`, `//!`, `//` line groups and `/** */`, `/*! */`, `/* */` blocks, each
/// optionally trailing (`///<`, `/**<`). The markers, a leading `*` column and decoration lines
/// (`/*****`, `//////`) go; common indentation is removed; blank lines at either end are dropped.
/// A few Doxygen commands become readable text (`\brief` disappears, `@param x …` becomes
/// `:param x: …`, `@return …` `:returns: …`, `\p x` `x`, `\ingroup …` lines are dropped); every
/// other command stays as written. Bytes that are not UTF-8 become U+FFFD, and so do control
/// characters other than tab and newline (a CR is dropped): the same bytes always give the same text.
public enum DocCommentText {
    /// The text, or nil when the bytes do not look like a comment (the header changed after castxml
    /// ran) or the comment has no text.
    public static func clean(_ bytes: ArraySlice<UInt8>) -> String? {
        stripMarkers(bytes).flatMap(text)
    }

    /// The text of a comment's lines (`stripMarkers`), or nil when there is none.
    static func text(_ lines: [String]) -> String? {
        let text = doxygen(trimmed(lines)).joined(separator: "\n")
        return text.isEmpty ? nil : text
    }

    /// The comment's lines without comment markers, or nil when the bytes are not a comment.
    static func stripMarkers(_ bytes: ArraySlice<UInt8>) -> [String]? {
        let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*")
        guard bytes.count >= 2, bytes.first == slash else { return nil }
        let second = bytes[bytes.startIndex + 1]
        let lines = decodedLines(bytes)
        if second == star {
            guard bytes.count >= 4, bytes.suffix(2).elementsEqual([star, slash]) else { return nil }
            return blockLines(lines)
        }
        guard second == slash else { return nil }
        var result: [String] = []
        for line in lines {
            let body = line.drop { $0 == " " || $0 == "\t" }
            // castxml joins adjacent line comments into one range: each line is a comment.
            guard body.hasPrefix("//") else { return nil }
            var rest = body.drop { $0 == "/" }
            if body.dropFirst(2).first == "!" { rest = body.dropFirst(3) }
            if rest.first == "<" { rest = rest.dropFirst() }
            result.append(String(rest))
        }
        return result
    }

    /// `/** … */` lines without the opener, the closer and the `*` column.
    private static func blockLines(_ lines: [String]) -> [String] {
        var lines = lines
        var first = lines[0].dropFirst(2)  // "/*"
        if first.first == "*" || first.first == "!" { first = first.dropFirst() }
        if first.first == "<" { first = first.dropFirst() }
        lines[0] = String(first)
        var last = lines[lines.count - 1].dropLast(2)  // "*/"
        while last.last == "*" { last = last.dropLast() }
        lines[lines.count - 1] = String(last)
        for index in lines.indices {
            let line = lines[index]
            if line.allSatisfy({ $0 == "*" || $0 == " " || $0 == "\t" }) { lines[index] = ""; continue }
            guard index > 0 else { continue }
            let body = line.drop { $0 == " " || $0 == "\t" }
            if body.first == "*" { lines[index] = String(body.dropFirst()) }
        }
        return lines
    }

    /// Lines of the bytes as text: invalid UTF-8 and control characters become U+FFFD, CRs go.
    static func decodedLines(_ bytes: ArraySlice<UInt8>) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0D: continue
            case 0x09, 0x0A: scalars.append(scalar)
            case 0x00..<0x20, 0x7F: scalars.append("\u{FFFD}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Trailing spaces and blank lines at either end removed, the first line's indentation removed
    /// (it follows the comment marker) and the common indentation of the other lines.
    static func trimmed(_ lines: [String]) -> [String] {
        var lines = lines.map { String($0.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard !lines.isEmpty else { return [] }
        lines[0] = String(lines[0].drop { $0 == " " || $0 == "\t" })
        let indents = lines.dropFirst().filter { !$0.isEmpty }.map { $0.prefix { $0 == " " || $0 == "\t" }.count }
        let common = indents.min() ?? 0
        return [lines[0]] + lines.dropFirst().map { $0.isEmpty ? $0 : String($0.dropFirst(common)) }
    }

    /// Doxygen commands that would read as noise in `help()`.
    private static let droppedLines: Set<String> = ["class", "struct", "union", "ingroup", "file", "headerfile", "addtogroup", "defgroup"]
    private static let removedWords: Set<String> = ["brief", "short"]
    private static let inlineWords: Set<String> = ["p", "c", "a", "e", "em", "b"]
    private static let sections: [String: String] = ["return": ":returns:", "returns": ":returns:", "result": ":returns:",
                                                     "note": "Note:", "warning": "Warning:", "see": "See also:", "sa": "See also:",
                                                     "deprecated": "Deprecated:", "pre": "Precondition:", "post": "Postcondition:"]

    /// Rewrites the few Doxygen commands listed in the type's comment; the rest stays as written.
    static func doxygen(_ lines: [String]) -> [String] {
        var result: [String] = []
        for line in lines {
            var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            if let first = words.first(where: { !$0.isEmpty }), let command = command(first), droppedLines.contains(command) { continue }
            var index = 0
            while index < words.count {
                guard let command = command(words[index]) else { index += 1; continue }
                let next = words[(index + 1)...].firstIndex { !$0.isEmpty }
                if removedWords.contains(command) {
                    words.remove(at: index)
                    if index < words.count, words[index].isEmpty { words.remove(at: index) }
                    continue
                } else if inlineWords.contains(command), let next {
                    words.removeSubrange(index..<next)
                } else if let section = sections[command] {
                    words[index] = section
                } else if let kind = parameterCommand(command), let next {
                    words[index] = kind + " " + words[next] + ":"
                    words.removeSubrange((index + 1)...next)
                    while index + 1 < words.count, words[index + 1].isEmpty { words.remove(at: index + 1) }
                }
                index += 1
            }
            let line = words.joined(separator: " ")
            // reStructuredText fields need a blank line after the paragraph they follow.
            if isField(line), let previous = result.last, !previous.isEmpty, !isField(previous) { result.append("") }
            result.append(line)
        }
        return trimmed(result)
    }

    private static func isField(_ line: String) -> Bool {
        let body = line.drop { $0 == " " }
        return body.hasPrefix(":param ") || body.hasPrefix(":returns:") || body.hasPrefix(":raises ")
    }

    /// `param` of `\param` or `@param[in]`: the command name of a word, or nil.
    private static func command(_ word: String) -> String? {
        guard let marker = word.first, marker == "\\" || marker == "@", word.count > 1 else { return nil }
        var name = word.dropFirst()
        if let bracket = name.firstIndex(of: "[") { name = name[..<bracket] }
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return String(name)
    }

    private static func parameterCommand(_ command: String) -> String? {
        switch command {
        case "param", "tparam": return ":param"
        case "throw", "throws", "exception": return ":raises"
        default: return nil
        }
    }
}
