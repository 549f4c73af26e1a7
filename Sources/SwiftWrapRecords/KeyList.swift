import SwiftWrapCore

/// `<submodule>.index.txt`, the key list: the record keys one submodule contributed, sorted, one
/// per line. wrapgen writes it; stubgen reads it to know which records a submodule's stub shows.
///
/// A key is `<PythonName>.<submodule>`; both parts are identifiers (letters, digits, `_`,
/// not starting with a digit). The file ends with a newline; an empty file means no records.
/// (The CLI and the docs call this file the submodule's "manifest": `stubgen --manifest`.)
public enum KeyList {
    /// The file name of a submodule's key list is `<submodule>` + `suffix`.
    public static let suffix = ".index.txt"

    public static func isValidKey(_ key: Substring) -> Bool {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { isIdentifier($0) }
    }

    public static func isValidKey(_ key: String) -> Bool { isValidKey(key[...]) }

    /// Letters, digits and `_`, not empty and not starting with a digit (module, submodule, owner
    /// and Python names).
    public static func isIdentifier(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return text.utf8.allSatisfy { c in
            c == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
        }
    }

    public static func isIdentifier(_ text: String) -> Bool { isIdentifier(text[...]) }

    /// The file's bytes for a set of keys (sorted, duplicates removed).
    public static func render(keys: some Sequence<String>) -> String {
        Set(keys).sorted().map { $0 + "\n" }.joined()
    }

    /// Parses key-list text; `path` is used in error messages.
    public static func parse(_ text: String, path: String) throws(FormatError) -> [String] {
        var keys: [String] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            guard isValidKey(line) else {
                throw FormatError(path: path, line: lineNumber,
                                  message: "malformed record key '\(line)' (expected <PythonName>.<submodule>); regenerate the manifest by rerunning wrapgen for this module")
            }
            keys.append(String(line))
        }
        return keys
    }

    /// Reads and parses a key-list file.
    public static func read(_ path: String) throws(FormatError) -> [String] {
        try parse(FormatError.readText(path, "manifest", ifMissing: "rerun wrapgen for the module that writes it"), path: path)
    }
}
