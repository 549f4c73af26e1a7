import SwiftWrapCore

/// `<submodule>.idx`: which wrapped name stands for which C++ type, and where it is wrapped.
/// One line per wrapped type, sorted by C++ type: `{<C++ type>} {<wrapped name>} {<submodule>}`
/// (ITK's format). Dependent modules read it to resolve bases and argument types.
public struct AliasIndex: Sendable {
    public struct Entry: Equatable, Sendable {
        public var cppType: String
        public var alias: String
        public var submodule: String
    }

    /// By canonical C++ spelling; the first definition wins.
    public private(set) var byType: [String: Entry] = [:]

    public init() {}

    /// Adds an entry unless the type already has one; returns the entry that stands.
    @discardableResult
    public mutating func add(_ entry: Entry) -> Entry {
        if let existing = byType[entry.cppType] { return existing }
        byType[entry.cppType] = entry
        return entry
    }

    public func alias(for cppType: String) -> Entry? { byType[cppType] }

    /// The `.idx` text of entries (sorted by C++ type, then name).
    public static func render(_ entries: [Entry]) -> String {
        entries.sorted { ($0.cppType, $0.alias) < ($1.cppType, $1.alias) }
            .map { "{\($0.cppType)} {\($0.alias)} {\($0.submodule)}\n" }.joined()
    }

    public static func parse(_ text: String, path: String) throws(FormatError) -> [Entry] {
        var entries: [Entry] = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.isEmpty { continue }
            guard let entry = parseLine(line) else {
                throw FormatError(path: path, line: number,
                                  message: "malformed alias line (expected '{C++ type} {wrapped name} {submodule}'); rerun wrapgen for the module that writes it")
            }
            entries.append(entry)
        }
        return entries
    }

    private static func parseLine(_ line: Substring) -> Entry? {
        // The C++ type may hold braces ({} initialisers are not types, but be lenient): split on "} {" from the right.
        guard line.first == "{", line.last == "}" else { return nil }
        let body = line.dropFirst().dropLast()
        let parts = body.components(separatedBy: "} {")
        guard parts.count >= 3 else { return nil }
        let submodule = parts[parts.count - 1], alias = parts[parts.count - 2]
        let cpp = parts[..<(parts.count - 2)].joined(separator: "} {")
        guard !cpp.isEmpty, !alias.isEmpty, !submodule.isEmpty else { return nil }
        return Entry(cppType: cpp, alias: alias, submodule: submodule)
    }

    public static func read(_ path: String) throws(FormatError) -> [Entry] {
        try parse(FormatError.readText(path, "alias index", ifMissing: "build the module that writes it first"), path: path)
    }
}

extension Substring {
    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = self
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
