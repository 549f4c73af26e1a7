import SwiftWrapCore

/// What castxml-cache understands of a SWIG command line (`swig [options] <input>`), for the SWIG
/// cache: where the outputs go, the dependency file the user asked for, the include directories
/// (for shadowing probes) and the arguments that key a run.
///
/// Outputs of a run: the `-o` file, every other file SWIG writes beside it (a director header), and
/// every file it writes into `-outdir` (the proxy `.py`). Command lines whose outputs the cache
/// cannot place (no `-o`, `-oh`, `-xmlout`, `-M`/`-MM`/`-E`, a depfile without `-MF`, response
/// files) are not cached: SWIG runs as given.
public struct SwigCommandLine: Sendable {
    /// The user's dependency-file request (`-MD`/`-MMD` with `-MF`, `-MT`, `-MP`).
    public struct DependencyRequest: Sendable, Equatable {
        public var file: String
        /// `-MMD`: files of the SWIG library are left out.
        public var omitLibrary: Bool
        /// `-MT` values (SWIG joins several with a space); empty: the `-o` path.
        public var targets: [String]
        public var phony: Bool
    }

    public let arguments: [String]
    public private(set) var output: String?
    private var outputIndex: Int?
    public private(set) var outputDirectory: String?
    private var outputDirectoryIndex: Int?
    public private(set) var input: String?
    public private(set) var dependencyRequest: DependencyRequest?
    private var dependencyIndices: Set<Int> = []
    /// The arguments that key a run: everything but the dependency-file options.
    public private(set) var keyArguments: [String] = []
    /// `-I<dir>` directories in order, absolute.
    public private(set) var includeDirectories: [String] = []
    /// False with `-I-` (SWIG then does not search the working directory).
    public private(set) var searchesWorkingDirectory = true
    public private(set) var uncacheableReason: String?

    /// SWIG options whose value is the next argument.
    static let separateValueOptions: Set<String> = [
        "-o", "-outdir", "-oh", "-MF", "-MT", "-module", "-xmlout", "-interface", "-debug-module", "-debug-top",
        "-dllimport", "-package", "-namespace", "-features",
    ]
    /// Options that make a run write something other than its wrapper, or nothing the cache can place.
    static let uncacheableOptions: [String: String] = [
        "-M": "lists dependencies only", "-MM": "lists dependencies only", "-E": "preprocesses only",
        "-oh": "names a separate director header", "-xmlout": "writes an XML parse tree",
        "-help": "prints help", "-version": "prints the version", "-swiglib": "prints the library directory",
        "-external-runtime": "writes the runtime header", "-co": "checks out library files",
    ]

    public init(arguments: [String], workingDirectory: String) {
        self.arguments = arguments
        parse(workingDirectory: workingDirectory)
    }

    private mutating func parse(workingDirectory: String) {
        var dependencyFile: String?
        var mode: Bool?  // -MD: false, -MMD: true
        var targets: [String] = []
        var phony = false
        var index = 0
        func reject(_ reason: String) { if uncacheableReason == nil { uncacheableReason = reason } }
        while index < arguments.count {
            let argument = arguments[index]
            let isLast = index == arguments.count - 1
            if isLast && !argument.hasPrefix("-") {
                input = argument
                keyArguments.append(argument)
                break
            }
            if argument.hasPrefix("@") { reject("uses a response file (\(argument))") }
            if let why = SwigCommandLine.uncacheableOptions[argument] { reject("\(argument) \(why)") }
            if SwigCommandLine.separateValueOptions.contains(argument) {
                guard index + 1 < arguments.count else { reject("\(argument) has no value"); break }
                let value = arguments[index + 1]
                switch argument {
                case "-o": (output, outputIndex) = (value, index + 1)
                case "-outdir": (outputDirectory, outputDirectoryIndex) = (value, index + 1)
                case "-MF": dependencyFile = value
                case "-MT": targets.append(value)
                default: break
                }
                if argument == "-MF" || argument == "-MT" {
                    dependencyIndices.formUnion([index, index + 1])
                } else {
                    keyArguments += [argument, value]
                }
                index += 2
                continue
            }
            switch argument {
            case "-MD": mode = false; dependencyIndices.insert(index)
            case "-MMD": mode = true; dependencyIndices.insert(index)
            case "-MP": phony = true; dependencyIndices.insert(index)
            case "-I-": searchesWorkingDirectory = false; keyArguments.append(argument)
            default:
                if argument.hasPrefix("-I"), argument.count > 2 {
                    includeDirectories.append(Path.absolute(String(argument.dropFirst(2)), base: workingDirectory))
                }
                keyArguments.append(argument)
            }
            index += 1
        }
        if input == nil { reject("no input file as the last argument") }
        if output == nil { reject("no -o output (SWIG would name it itself)") }
        if let mode {
            guard let dependencyFile else { reject("-MD/-MMD without -MF (SWIG would name the depfile itself)"); return }
            dependencyRequest = DependencyRequest(file: dependencyFile, omitLibrary: mode, targets: targets, phony: phony)
        } else if dependencyFile != nil {
            reject("-MF without -MD or -MMD")
        }
    }

    /// The arguments to run SWIG with: the outputs redirected into temporary directories, the
    /// user's dependency options replaced by `-MD -MF <depfile>` (inserted before the input).
    func runArguments(output newOutput: String, outputDirectory newDirectory: String?, depfile: String) -> [String] {
        var result: [String] = []
        for (index, argument) in arguments.enumerated() where !dependencyIndices.contains(index) {
            if index == arguments.count - 1 { result += ["-MD", "-MF", depfile] }
            if index == outputIndex { result.append(newOutput) }
            else if index == outputDirectoryIndex, let newDirectory { result.append(newDirectory) }
            else { result.append(argument) }
        }
        return result
    }
}
