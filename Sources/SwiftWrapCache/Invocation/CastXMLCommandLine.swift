import SwiftWrapCore

/// What castxml-cache understands of a castxml command line.
public struct CastXMLCommandLine: Sendable {
    /// The emulated compiler from `--castxml-cc-gnu …` / `--castxml-cc-msvc …`.
    public struct EmulatedCompiler: Sendable, Equatable {
        public var option: String
        public var executable: String
        public var arguments: [String]
    }

    /// What the user asked castxml for in the way of a dependency file (`-MD`/`-MMD`, `-MF`, `-MT`/`-MQ`, `-MP`).
    public struct DependencyRequest: Sendable, Equatable {
        public var file: String
        public var targets: [String]
        public var phony: Bool
    }

    /// The arguments as given (after the castxml executable).
    public let arguments: [String]
    /// Arguments with response files expanded, `-o`/`-M*` removed: the material of keys.
    public private(set) var keyArguments: [String] = []
    public private(set) var output: String?
    /// The output argument's index in `arguments` (the value's index).
    public private(set) var outputIndex: Int?
    public private(set) var source: String?
    public private(set) var emulatedCompiler: EmulatedCompiler?
    public private(set) var dependencyRequest: DependencyRequest?
    /// Indices in `arguments` of the user's own `-M*` options and their values (removed when running castxml).
    public private(set) var dependencyArgumentIndices: Set<Int> = []
    /// Include search directories in search order (quote, angle, system, after).
    public private(set) var searchDirectories: [String] = []
    /// Arguments that can change the preprocessed text and nothing else (excluded from the preprocessed-level key).
    public private(set) var preprocessorOnlyKeyArguments: Set<Int> = []
    /// Why the invocation cannot be cached, if it cannot.
    public private(set) var uncacheableReason: String?

    static let sourceExtensions: Set<String> = ["cxx", "cpp", "cc", "c", "C", "c++", "cp", "CPP", "hxx", "hpp", "h", "hh"]
    /// Options whose value is the next argument.
    static let separateValueOptions: Set<String> = [
        "-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote", "-idirafter", "-isysroot", "-target",
        "-x", "-Xclang", "-MF", "-MT", "-MQ", "-o", "--castxml-start", "-arch", "-F", "-iprefix", "-iwithprefix",
        "-iwithprefixbefore", "--sysroot", "-Xpreprocessor", "-include-pch", "-resource-dir", "-ivfsoverlay",
    ]
    /// Prefixes of options that only steer the preprocessor (macros, include search), whose effect
    /// is fully visible in `castxml -E` output. Every `-i…` option is an include-search option.
    static let preprocessorOptionPrefixes: [String] = ["-I", "-D", "-U", "-i", "-nostdinc", "--sysroot"]

    public init(arguments: [String], workingDirectory: String) {
        self.arguments = arguments
        parse(workingDirectory: workingDirectory)
    }

    private mutating func markUncacheable(_ reason: String) {
        if uncacheableReason == nil { uncacheableReason = reason }
    }

    private mutating func parse(workingDirectory: String) {
        // Expand response files for the key; remember which expanded tokens came from the command line.
        var expanded: [(token: String, index: Int?)] = []
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("@"), argument.count > 1 {
                guard let tokens = try? ResponseFile.expand([argument]) else {
                    markUncacheable("cannot read response file '\(argument.dropFirst())'")
                    return
                }
                expanded += tokens.map { ($0, nil) }
            } else {
                expanded.append((argument, index))
            }
        }

        var quote: [String] = [], angle: [String] = [], system: [String] = [], after: [String] = []
        var sources: [String] = []
        var depFile: String?, targets: [String] = [], wantsDeps = false, phony = false
        var i = 0
        func absolute(_ p: String) -> String { Path.absolute(p, base: workingDirectory) }
        while i < expanded.count {
            let (token, index) = expanded[i]
            let fromCommandLine = index != nil
            var value: String?
            var consumed = 1
            var option = token
            if CastXMLCommandLine.separateValueOptions.contains(token), i + 1 < expanded.count {
                value = expanded[i + 1].token
                consumed = 2
            } else {
                for prefix in ["-I", "-isystem", "-iquote", "-idirafter", "-o", "-MF", "-MT", "-MQ"] where token.hasPrefix(prefix) && token.count > prefix.count {
                    option = prefix
                    value = String(token.dropFirst(prefix.count))
                    break
                }
            }

            if token.hasPrefix("--castxml-cc-") {
                // --castxml-cc-gnu <cc> or --castxml-cc-gnu ( <cc> args… )
                guard i + 1 < expanded.count else { markUncacheable("\(token) without a compiler"); return }
                if expanded[i + 1].token == "(" {
                    guard let close = expanded[(i + 2)...].firstIndex(where: { $0.token == ")" }), close > i + 2 else {
                        markUncacheable("\(token) ( … ) group is not closed"); return
                    }
                    emulatedCompiler = EmulatedCompiler(option: token, executable: expanded[i + 2].token,
                                                        arguments: expanded[(i + 3)..<close].map(\.token))
                    keyArguments.append(token)
                    i = close + 1
                } else {
                    emulatedCompiler = EmulatedCompiler(option: token, executable: expanded[i + 1].token, arguments: [])
                    keyArguments.append(token)
                    i += 2
                }
                continue
            }

            switch option {
            case "-o":
                guard fromCommandLine, let value else { markUncacheable("-o inside a response file"); return }
                output = value
                outputIndex = token == "-o" ? index! + 1 : index!
                i += consumed
                continue
            case "-MD", "-MMD", "-MF", "-MT", "-MQ", "-MP":
                guard fromCommandLine else { markUncacheable("\(option) inside a response file"); return }
                if option == "-MD" || option == "-MMD" { wantsDeps = true }
                if option == "-MP" { phony = true }
                if option == "-MF" { depFile = value }
                if option == "-MT" || option == "-MQ", let value { targets.append(value) }
                for k in 0..<consumed { dependencyArgumentIndices.insert(index! + k) }
                i += consumed
                continue
            case "-E", "-M", "-MM", "--version", "-v", "--help", "-help", "-###", "-fsyntax-only":
                markUncacheable("\(option) is not a cacheable castxml run")
            case "-I": if let value { angle.append(absolute(value)) }
            case "-iquote": if let value { quote.append(absolute(value)) }
            case "-isystem": if let value { system.append(absolute(value)) }
            case "-idirafter": if let value { after.append(absolute(value)) }
            default:
                if !token.hasPrefix("-") || token == "-" {
                    if token == "-" { markUncacheable("source from standard input") }
                    let ext = token.split(separator: ".").last.map(String.init) ?? ""
                    if token.contains("."), CastXMLCommandLine.sourceExtensions.contains(ext) || token == "-" {
                        sources.append(token)
                    } else if token != "(" && token != ")" {
                        markUncacheable("unrecognised argument '\(token)'")
                    }
                }
            }
            let isPreprocessorOnly = CastXMLCommandLine.preprocessorOptionPrefixes.contains { token.hasPrefix($0) }
            for k in 0..<consumed {
                if isPreprocessorOnly { preprocessorOnlyKeyArguments.insert(keyArguments.count) }
                keyArguments.append(expanded[i + k].token)
            }
            i += consumed
        }

        if sources.count == 1 { source = sources[0] } else if sources.isEmpty { markUncacheable("no source file") } else { markUncacheable("several source files") }
        if output == nil { markUncacheable("no -o output") }
        searchDirectories = quote + angle + system + after
        if wantsDeps, let output {
            let file = depFile ?? (Path.directory(of: output) == "." ? "" : Path.directory(of: output) + "/")
                + stripExtension(Path.fileName(of: output)) + ".d"
            dependencyRequest = DependencyRequest(file: file, targets: targets.isEmpty ? [output] : targets, phony: phony)
        }
    }

    private func stripExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The arguments to run castxml with: the output replaced, the user's `-M*` options removed,
    /// and `extra` appended.
    public func runArguments(output newOutput: String, extra: [String]) -> [String] {
        var result: [String] = []
        for (index, argument) in arguments.enumerated() where !dependencyArgumentIndices.contains(index) {
            if index == outputIndex {
                result.append(argument == output ? newOutput : "-o" + newOutput)
            } else {
                result.append(argument)
            }
        }
        return result + extra
    }

    /// Arguments for `castxml -E`: the XML-only options dropped, output to `preprocessed`.
    public func preprocessArguments(output preprocessed: String, depfile: String) -> [String] {
        var result: [String] = []
        var skipNext = false
        for argument in runArguments(output: preprocessed, extra: ["-E", "-MD", "-MF", depfile]) {
            if skipNext { skipNext = false; continue }
            if argument == "--castxml-start" { skipNext = true; continue }
            if argument.hasPrefix("--castxml-output") || argument == "--castxml-gccxml" || argument.hasPrefix("--castxml-start=") { continue }
            result.append(argument)
        }
        return result
    }
}
