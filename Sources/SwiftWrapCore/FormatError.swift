/// A text file that does not have the expected format: names the file, the line and what to do.
public struct FormatError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let message: String
    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }
    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}

extension FormatError {
    /// Reads a file for a format parser. A file that cannot be read becomes a `FormatError` naming
    /// it: `<what> is missing; <ifMissing>` when it does not exist and advice is given, else
    /// `cannot read <what>: <reason>`.
    public static func readText(_ path: String, _ what: String, ifMissing advice: String? = nil) throws(FormatError) -> String {
        do { return try FileSystem.readText(path) } catch {
            if let advice, error.isNotFound { throw FormatError(path: path, line: nil, message: "\(what) is missing; \(advice)") }
            throw FormatError(path: path, line: nil, message: "cannot read \(what): \(error)")
        }
    }
}
