import SwiftWrapCore

/// A stub fragment the user declares with `swiftwrap_add_submodule(… STUB_CODE <file.pyi>)` (stubgen's
/// `--stub-code SUBMODULE=FILE`): what the submodule's SWIG code adds to Python (`%extend`,
/// `%pythoncode`), typed. Merged into the submodule's stub:
///
/// - top-level `import …` / `from … import …` lines go after the generated imports;
/// - a top-level `class <Name>:` block whose `<Name>` is a class of this submodule adds its body to
///   that class (re-indented to four spaces; writing bases there is an error: they come from C++);
/// - everything else (functions, constants, new classes, comments) goes at the end of the module.
///
/// The output depends only on the fragment's bytes, so stubs stay deterministic.
struct StubFragment: Sendable {
    var imports: [String] = []
    var classMembers: [String: [String]] = [:]
    var moduleLines: [String] = []

    static func read(_ path: String, classes: Set<String>) throws(StubError) -> StubFragment {
        let text: String
        do { text = try FileSystem.readText(path) } catch { throw .file(error) }
        return try parse(text, path: path, classes: classes)
    }

    static func parse(_ text: String, path: String, classes: Set<String>) throws(StubError) -> StubFragment {
        var fragment = StubFragment()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let number = index + 1
            index += 1
            if line.contains("\t") {
                throw .stubCode(path: path, line: number, message: "a tab character; indent with spaces (stubs use four)")
            }
            if isBlank(line) {
                if !fragment.moduleLines.isEmpty { fragment.moduleLines.append("") }
                continue
            }
            if line.first == " " {
                throw .stubCode(path: path, line: number, message: "indented line outside a class or function block")
            }
            if line.hasPrefix("import ") || line.hasPrefix("from ") {
                if !fragment.imports.contains(line) { fragment.imports.append(line) }
                continue
            }
            // The block: this line and the indented (or blank) lines after it.
            var block = [line]
            while index < lines.count, isBlank(lines[index]) || lines[index].first == " " {
                if lines[index].contains("\t") {
                    throw .stubCode(path: path, line: index + 1, message: "a tab character; indent with spaces (stubs use four)")
                }
                block.append(lines[index])
                index += 1
            }
            var trailingBlanks = 0
            while let last = block.last, isBlank(last) { block.removeLast(); trailingBlanks += 1 }
            if let (name, hasBases) = classHeader(line), classes.contains(name) {
                if hasBases {
                    throw .stubCode(path: path, line: number, message: "class '\(name)' is wrapped by this submodule: write 'class \(name):' without bases (they come from C++) to add members to it")
                }
                fragment.classMembers[name, default: []] += reindented(Array(block.dropFirst()))
            } else {
                fragment.moduleLines += block + Array(repeating: "", count: trailingBlanks)
            }
        }
        while let last = fragment.moduleLines.last, isBlank(last) { fragment.moduleLines.removeLast() }
        return fragment
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " } }

    /// `class Name:` / `class Name(Base):` (a comment may follow) → the name and whether bases are written.
    static func classHeader(_ line: String) -> (String, Bool)? {
        guard line.hasPrefix("class ") else { return nil }
        let rest = line.dropFirst("class ".count).drop { $0 == " " }
        let name = rest.prefix { $0 == "_" || $0.isLetter || $0.isNumber }
        guard !name.isEmpty else { return nil }
        let after = rest.dropFirst(name.count).drop { $0 == " " }
        return (String(name), after.first == "(")
    }

    /// The lines with their common indentation replaced by four spaces (blank lines kept empty).
    static func reindented(_ lines: [String]) -> [String] {
        let indents = lines.filter { !isBlank($0) }.map { $0.prefix { $0 == " " }.count }
        let common = indents.min() ?? 0
        return lines.map { isBlank($0) ? "" : "    " + $0.dropFirst(common) }
    }
}
