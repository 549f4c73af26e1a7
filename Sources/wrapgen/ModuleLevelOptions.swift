import ArgumentParser

/// `--function NAME=QUALIFIED` and `--constant NAME=QUALIFIED`: checked and grouped by submodule.
enum ModuleLevelOptions {
    static func check(functions: [String], constants: [String], submodules: Set<String>) throws
        -> (functions: [String: [String]], constants: [String: [String]]) {
        (try group(functions, flag: "--function", submodules: submodules),
         try group(constants, flag: "--constant", submodules: submodules))
    }

    private static func group(_ items: [String], flag: String, submodules: Set<String>) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for item in items {
            guard let (name, qualified) = WrapgenCommand.split(item), isQualifiedName(qualified) else {
                throw ValidationError("\(flag) '\(item)': expected NAME=QUALIFIED, a submodule and a qualified C++ name such as ns::name")
            }
            guard submodules.contains(name) else { throw ValidationError("\(flag) '\(item)': no --submodule named '\(name)'") }
            let normalized = qualified.hasPrefix("::") ? String(qualified.dropFirst(2)) : qualified
            guard !(result[name] ?? []).contains(normalized) else {
                throw ValidationError("\(flag) '\(item)': '\(normalized)' is given twice for submodule \(name)")
            }
            result[name, default: []].append(normalized)
        }
        return result
    }

    /// `a::b::c` or `::c`: identifiers joined by `::`.
    static func isQualifiedName(_ text: String) -> Bool {
        let body = text.hasPrefix("::") ? String(text.dropFirst(2)) : text
        let parts = body.split(separator: "::", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            guard let first = part.first, first == "_" || first.isLetter else { return false }
            return part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber } && part.allSatisfy(\.isASCII)
        }
    }
}
