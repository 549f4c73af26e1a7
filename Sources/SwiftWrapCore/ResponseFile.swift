/// Response files (`@FILE`), read the way GNU tools and clang (so castxml) read them: whitespace
/// separates arguments, single and double quotes group, a backslash escapes the next character.
/// The one response-file reader of the package: castxml-cache reads castxml's, wrapgen its own.
public enum ResponseFile {
    public static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inToken = false
        var quote: Unicode.Scalar?
        var escaped = false
        // Unicode scalars, not Characters: "\r\n" is one Character (so CRLF was no separator), and a quote
        // or backslash followed by a combining mark is one Character that is neither.
        for c in text.unicodeScalars {
            if escaped {
                current.unicodeScalars.append(c)
                escaped = false
                continue
            }
            if c == "\\" {
                escaped = true
                inToken = true
                continue
            }
            if let q = quote {
                if c == q { quote = nil } else { current.unicodeScalars.append(c) }
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
            current.unicodeScalars.append(c)
            inToken = true
        }
        if inToken { tokens.append(current) }
        return tokens
    }

    /// Quotes one argument so that `tokenize` gives it back unchanged.
    public static func quote(_ argument: String) -> String {
        var out = "\""
        for c in argument.unicodeScalars {
            if c == "\\" || c == "\"" { out.append("\\") }
            out.unicodeScalars.append(c)
        }
        return out + "\""
    }

    /// Replaces every `@FILE` argument with the arguments in FILE (nested files too, up to 8 deep).
    public static func expand(_ arguments: [String], depth: Int = 0) throws(FormatError) -> [String] {
        var result: [String] = []
        for argument in arguments {
            guard argument.hasPrefix("@"), argument.count > 1 else {
                result.append(argument)
                continue
            }
            let path = String(argument.dropFirst())
            guard depth < 8 else { throw FormatError(path: path, line: nil, message: "response files nested too deeply") }
            let text: String
            do { text = try FileSystem.readText(path) } catch {
                throw FormatError(path: path, line: nil, message: "cannot read response file: \(error)")
            }
            result += try expand(tokenize(text), depth: depth + 1)
        }
        return result
    }
}
