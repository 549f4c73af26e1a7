import SwiftWrapCore

/// Reads a list file: one path per line; empty lines are ignored, relative paths are kept as written
/// (they are relative to stubgen's working directory, like the paths on its command line).
public enum PathListFile {
    public static func read(_ path: String) throws(StubError) -> [String] {
        let text: String
        do { text = try FileSystem.readText(path) } catch { throw .listFile(path: path, reason: error.description) }
        // "\r\n" is one Character in Swift: split on both so CRLF files work too.
        return text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" }
            .map { line in line.hasSuffix("\r") ? String(line.dropLast()) : String(line) }
            .filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
    }
}
