/// `@FILE` arguments: the file's lines, one argument per line (empty lines skipped), in place of
/// the `@FILE` argument. Build systems use them for command lines that would exceed platform limits.
public enum ResponseFileArguments {
    public static func expand(_ arguments: [String]) throws(FormatError) -> [String] {
        var result: [String] = []
        for argument in arguments {
            guard argument.hasPrefix("@"), argument.count > 1 else {
                result.append(argument)
                continue
            }
            let path = String(argument.dropFirst())
            let text: String
            do { text = try FileSystem.readText(path) } catch {
                throw FormatError(path: path, line: nil, message: "cannot read response file: \(error)")
            }
            for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
                result.append(line.hasSuffix("\r") ? String(line.dropLast()) : String(line))
            }
        }
        return result
    }
}
