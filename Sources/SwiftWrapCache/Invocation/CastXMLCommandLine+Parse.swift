import SwiftWrapCore

/// Parsing: one pass over the arguments with response files expanded, filling in the properties.
extension CastXMLCommandLine {
    /// A token of the expanded command line and, when it was given on the command line itself (not
    /// in a response file), its index in `arguments`.
    private typealias Token = (token: String, index: Int?)

    /// What one parse collects before the properties can be set.
    private struct ParseState {
        var quote: [String] = [], angle: [String] = [], system: [String] = [], after: [String] = []
        var sources: [String] = []
        var depFile: String?, targets: [String] = [], wantsDeps = false, phony = false
    }

    /// An option and its value: `-Ifoo` / `-I foo` both give (`-I`, `foo`); `consumed` tokens.
    private struct OptionValue {
        var option: String
        var value: String?
        var consumed: Int
    }

    /// Options whose value may be attached (`-Ifoo`).
    private static let attachedValuePrefixes = ["-I", "-isystem", "-iquote", "-idirafter", "-o", "-MF", "-MT", "-MQ"]

    mutating func parse(workingDirectory: String) {
        guard let expanded = expandResponseFiles() else { return }
        var state = ParseState()
        var i = 0
        while i < expanded.count {
            guard let next = parseToken(at: i, of: expanded, into: &state, workingDirectory: workingDirectory) else { return }
            i = next
        }
        finish(state)
    }

    private mutating func markUncacheable(_ reason: String) {
        if uncacheableReason == nil { uncacheableReason = reason }
    }

    /// Expands response files for the key, remembering which tokens came from the command line
    /// (nil: a response file cannot be read; the invocation is uncacheable).
    private mutating func expandResponseFiles() -> [Token]? {
        var expanded: [Token] = []
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("@"), argument.count > 1 {
                guard let tokens = try? ResponseFile.expand([argument]) else {
                    markUncacheable("cannot read response file '\(argument.dropFirst())'")
                    return nil
                }
                expanded += tokens.map { ($0, nil) }
            } else {
                expanded.append((argument, index))
            }
        }
        return expanded
    }

    private static func optionValue(at i: Int, of expanded: [Token]) -> OptionValue {
        let token = expanded[i].token
        if separateValueOptions.contains(token), i + 1 < expanded.count {
            return OptionValue(option: token, value: expanded[i + 1].token, consumed: 2)
        }
        for prefix in attachedValuePrefixes where token.hasPrefix(prefix) && token.count > prefix.count {
            return OptionValue(option: prefix, value: String(token.dropFirst(prefix.count)), consumed: 1)
        }
        return OptionValue(option: token, value: nil, consumed: 1)
    }

    /// Parses the token at `i`; returns the index of the next one, or nil when parsing stops
    /// (the invocation is uncacheable).
    private mutating func parseToken(at i: Int, of expanded: [Token], into state: inout ParseState,
                                     workingDirectory: String) -> Int? {
        let (token, index) = expanded[i]
        if token.hasPrefix("--castxml-cc-") { return parseEmulatedCompiler(at: i, of: expanded) }
        let parsed = CastXMLCommandLine.optionValue(at: i, of: expanded)
        let (option, value, consumed) = (parsed.option, parsed.value, parsed.consumed)
        func absolute(_ p: String) -> String { Path.absolute(p, base: workingDirectory) }

        switch option {
        case "-o":
            guard let index, let value else { markUncacheable("-o inside a response file"); return nil }
            output = value
            outputIndex = token == "-o" ? index + 1 : index
            return i + consumed
        case "-MD", "-MMD", "-MF", "-MT", "-MQ", "-MP":
            guard let index else { markUncacheable("\(option) inside a response file"); return nil }
            if option == "-MD" || option == "-MMD" { state.wantsDeps = true }
            if option == "-MP" { state.phony = true }
            if option == "-MF" { state.depFile = value }
            if option == "-MT" || option == "-MQ", let value { state.targets.append(value) }
            for k in 0..<consumed { dependencyArgumentIndices.insert(index + k) }
            return i + consumed
        case "-E", "-M", "-MM", "--version", "-v", "--help", "-help", "-###", "-fsyntax-only":
            markUncacheable("\(option) is not a cacheable castxml run")
        case "-I": if let value { state.angle.append(absolute(value)) }
        case "-iquote": if let value { state.quote.append(absolute(value)) }
        case "-isystem": if let value { state.system.append(absolute(value)) }
        case "-idirafter": if let value { state.after.append(absolute(value)) }
        default:
            if !token.hasPrefix("-") || token == "-" { classifyOperand(token, into: &state) }
        }
        let isPreprocessorOnly = CastXMLCommandLine.preprocessorOptionPrefixes.contains { token.hasPrefix($0) }
        for k in 0..<consumed {
            if isPreprocessorOnly { preprocessorOnlyKeyArguments.insert(keyArguments.count) }
            keyArguments.append(expanded[i + k].token)
        }
        return i + consumed
    }

    /// A non-option token: the source file, or something castxml-cache does not understand.
    private mutating func classifyOperand(_ token: String, into state: inout ParseState) {
        if token == "-" { markUncacheable("source from standard input") }
        let ext = token.split(separator: ".").last.map(String.init) ?? ""
        if token.contains("."), CastXMLCommandLine.sourceExtensions.contains(ext) || token == "-" {
            state.sources.append(token)
        } else if token != "(" && token != ")" {
            markUncacheable("unrecognised argument '\(token)'")
        }
    }

    /// `--castxml-cc-gnu <cc>` or `--castxml-cc-gnu ( <cc> args… )`; returns the index after it.
    private mutating func parseEmulatedCompiler(at i: Int, of expanded: [Token]) -> Int? {
        let token = expanded[i].token
        guard i + 1 < expanded.count else { markUncacheable("\(token) without a compiler"); return nil }
        guard expanded[i + 1].token == "(" else {
            emulatedCompiler = EmulatedCompiler(option: token, executable: expanded[i + 1].token, arguments: [])
            keyArguments.append(token)
            return i + 2
        }
        guard let close = expanded[(i + 2)...].firstIndex(where: { $0.token == ")" }), close > i + 2 else {
            markUncacheable("\(token) ( … ) group is not closed")
            return nil
        }
        emulatedCompiler = EmulatedCompiler(option: token, executable: expanded[i + 2].token,
                                            arguments: expanded[(i + 3)..<close].map(\.token))
        keyArguments.append(token)
        return close + 1
    }

    /// The properties that need the whole command line: the source, search order, depfile request.
    private mutating func finish(_ state: ParseState) {
        if state.sources.count == 1 { source = state.sources[0] }
        else if state.sources.isEmpty { markUncacheable("no source file") }
        else { markUncacheable("several source files") }
        if output == nil { markUncacheable("no -o output") }
        searchDirectories = state.quote + state.angle + state.system + state.after
        if state.wantsDeps, let output {
            let file = state.depFile ?? (Path.directory(of: output) == "." ? "" : Path.directory(of: output) + "/")
                + stripExtension(Path.fileName(of: output)) + ".d"
            dependencyRequest = DependencyRequest(file: file, targets: state.targets.isEmpty ? [output] : state.targets,
                                                  phony: state.phony)
        }
    }

    private func stripExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
