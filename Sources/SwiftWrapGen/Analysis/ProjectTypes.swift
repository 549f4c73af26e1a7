import SwiftWrapCore
import SwiftWrapRecords

/// The types that other modules of the project wrap and that this module does not depend on
/// (`--project-types`, written by the CMake module, which knows the modules and their DEPENDS; wrapgen
/// knows the bases). A public base class among them means a missing `DEPENDS`: without it the
/// base's `.idx` is not imported, the base is "not wrapped" here, and the Python class loses its
/// base's members.
public struct ProjectTypes: Sendable, Equatable {
    /// Normalised C++ type → the module that wraps it.
    private var modules: [String: String] = [:]

    public init() {}

    /// Parses the file: one `<module> <C++ type>` a line; empty lines are skipped.
    public static func parse(_ text: String, path: String) throws(FormatError) -> ProjectTypes {
        var types = ProjectTypes()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            guard let space = line.firstIndex(of: " "), KeyList.isIdentifier(String(line[..<space])),
                  !line[line.index(after: space)...].isEmpty else {
                throw FormatError(path: path, line: index + 1,
                                  message: "expected '<module> <C++ type>'; the CMake module writes this file, reconfigure to rewrite it")
            }
            types.modules[normalised(String(line[line.index(after: space)...]))] = String(line[..<space])
        }
        return types
    }

    public static func read(_ path: String) throws(FormatError) -> ProjectTypes {
        try parse(FormatError.readText(path, "project type list", ifMissing: "reconfigure the project to write it"), path: path)
    }

    /// Adds the types of another module's `.idx` (its listed types and the bases it wraps automatically).
    public mutating func add(module: String, cppTypes: [String]) {
        for type in cppTypes where modules[Self.normalised(type)] == nil { modules[Self.normalised(type)] = module }
    }

    /// The module that wraps `cppType`, if any.
    public func module(wrapping cppType: String) -> String? { modules[Self.normalised(cppType)] }

    /// The spelling compared: no leading `::`, no space next to punctuation, single spaces between words
    /// (`::geom::Vector< float, 2 >` and castxml's `geom::Vector<float, 2>` are the same type).
    static func normalised(_ type: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in type {
            if character == " " || character == "\t" { pendingSpace = true; continue }
            let isWord = character.isLetter || character.isNumber || character == "_"
            if pendingSpace, let last = out.last, isWord, last.isLetter || last.isNumber || last == "_" { out.append(" ") }
            pendingSpace = false
            out.append(character)
        }
        return out.hasPrefix("::") ? String(out.dropFirst(2)) : out
    }

    /// One message per public base of `rows` that is not wrapped here but by another module.
    func missingDependencies(_ rows: [StoredRecord], module: String) -> [String] {
        var messages: [String] = []
        for row in rows {
            for base in row.record.bases where base.pythonName == nil && base.access == "public" {
                guard let other = self.module(wrapping: base.cppType), other != module else { continue }
                messages.append("\(row.record.file):\(row.record.line): base class '\(base.cppType)' of '\(row.record.pythonName)' "
                                + "is wrapped by module \(other), which module \(module) does not depend on: "
                                + "add DEPENDS \(other) to swiftwrap_add_module(\(module)), or wrap the base in a module both depend on: "
                                + WarningSummary.wrapCall(base.cppType))
            }
        }
        return messages
    }
}
