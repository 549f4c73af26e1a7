import SwiftWrapCore

/// What a direct key is derived from, as readable lines (`<kind> <value>`), in the order the key
/// hashes them. An entry stores them (`key` lines of the entry file) so `--inspect` can show them
/// and `--explain` can name the first input that differs from the nearest recorded entry.
/// `CacheKeys.direct()` hashes exactly these inputs; a unit test checks that two calls with the
/// same lines get the same key.
enum KeyInputs {
    /// Kinds, in key order: a difference in an earlier kind is reported first.
    static let tool = "castxml", compiler = "compiler", compilerArgument = "compiler-arg", argument = "arg",
               environment = "env", anchors = "anchors", output = "output"

    static func kind(of line: String) -> Substring { line.split(separator: " ", maxSplits: 1).first ?? "" }
    static func value(of line: String) -> Substring {
        guard let space = line.firstIndex(of: " ") else { return "" }
        return line[line.index(after: space)...]
    }

    /// A relocated token as a reader sees it: the markers spelled as `<source>/`, `<build>/`, `<cwd>/`.
    static func readable(_ token: String) -> String {
        token.replacing("\u{1}src:", with: "<source>/").replacing("\u{1}bld:", with: "<build>/")
            .replacing(Relocator.keyMarker, with: "<cwd>/")
    }
}

extension CacheKeys {
    /// The direct key's inputs as `KeyInputs` lines, plus the output (not keyed; it tells entries apart
    /// for `--inspect OUTPUT` and `--explain`).
    func inputs(castxmlPath: String) -> [String] {
        var lines = ["\(KeyInputs.tool) \(identities.castxml.digest.hex) \(castxmlPath)"]
        if let cc = command.emulatedCompiler, let id = identities.compiler {
            lines.append("\(KeyInputs.compiler) \(id.digest.hex) \(cc.option)")
            for a in cc.arguments { lines.append("\(KeyInputs.compilerArgument) \(relocator.keyToken(a))") }
        }
        for a in command.keyArguments { lines.append("\(KeyInputs.argument) \(relocator.keyToken(a))") }
        for e in CacheKeys.keyedEnvironmentValues() { lines.append("\(KeyInputs.environment) \(e)") }
        lines.append("\(KeyInputs.anchors) \(relocator.anchorSignature.isEmpty ? "-" : relocator.anchorSignature)")
        if let output = command.output {
            lines.append("\(KeyInputs.output) \(Path.absolute(output, base: relocator.workingDirectory))")
        }
        return lines
    }
}
