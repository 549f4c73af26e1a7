/// Splits the text of a response file (`@file`) into arguments, GNU style as clang reads them:
/// whitespace separates, single and double quotes group, a backslash escapes the next character.
enum ResponseFile {
    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inToken = false
        var quote: Character?
        var escaped = false
        for c in text {
            if escaped {
                current.append(c)
                escaped = false
                continue
            }
            if c == "\\" {
                escaped = true
                inToken = true
                continue
            }
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
                continue
            }
            if c == "\"" || c == "'" {
                quote = c
                inToken = true
                continue
            }
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                if inToken { tokens.append(current) }
                current = ""
                inToken = false
                continue
            }
            current.append(c)
            inToken = true
        }
        if inToken { tokens.append(current) }
        return tokens
    }
}
