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
    public internal(set) var keyArguments: [String] = []
    public internal(set) var output: String?
    /// The output argument's index in `arguments` (the value's index).
    public internal(set) var outputIndex: Int?
    public internal(set) var source: String?
    public internal(set) var emulatedCompiler: EmulatedCompiler?
    public internal(set) var dependencyRequest: DependencyRequest?
    /// Indices in `arguments` of the user's own `-M*` options and their values (removed when running castxml).
    public internal(set) var dependencyArgumentIndices: Set<Int> = []
    /// Include search directories in search order (quote, angle, system, after).
    public internal(set) var searchDirectories: [String] = []
    /// Arguments that can change the preprocessed text and nothing else (excluded from the preprocessed-level key).
    public internal(set) var preprocessorOnlyKeyArguments: Set<Int> = []
    /// Why the invocation cannot be cached, if it cannot.
    public internal(set) var uncacheableReason: String?

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
