/// The Doxygen commands DocCommentText rewrites, one comment line at a time (docs/cli.md, wrapgen,
/// "Doc comments"). Not a Doxygen renderer: a handful of commands become readable text, the rest stay.
enum DoxygenLine {
    /// Commands whose whole line would read as noise in `help()`.
    private static let droppedLines: Set<String> = ["class", "struct", "union", "ingroup", "file", "headerfile", "addtogroup", "defgroup"]
    private static let removedWords: Set<String> = ["brief", "short"]
    private static let inlineWords: Set<String> = ["p", "c", "a", "e", "em", "b"]
    private static let sections: [String: String] = ["return": ":returns:", "returns": ":returns:", "result": ":returns:",
                                                     "note": "Note:", "warning": "Warning:", "see": "See also:", "sa": "See also:",
                                                     "deprecated": "Deprecated:", "pre": "Precondition:", "post": "Postcondition:"]

    /// The line with its commands rewritten, or nil when the line goes.
    static func rewrite(_ line: String) -> String? {
        // Commands start with a backslash or `@`: a line without either is kept as it is (split and joined again).
        if !line.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "@") }) { return line }
        var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if let first = words.first(where: { !$0.isEmpty }), let command = command(first), droppedLines.contains(command) { return nil }
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
        return words.joined(separator: " ")
    }

    static func isField(_ line: String) -> Bool {
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
