import ArgumentParser

/// wrapgen's command lines as CMake writes them, read without ArgumentParser.
///
/// ArgumentParser finds a command's options by reflection (Mirror, protocol conformance lookups)
/// on every run: ~2 ms of wrapgen's ~65 ms on the ITK wrapping translation unit, before any work
/// (docs/benchmarks.md, "wrapgen"). A plain command line, where every argument is one of
/// wrapgen's long options with its value (`--name VALUE` or `--name=VALUE`) or one of its two
/// flags, each single-valued option and flag at most once, and no value starting with `-` (nor an
/// empty one after `=`), means the same to both parsers; `plain` reads it directly. Anything else
/// (help, version, a repeated single option, an unknown or misspelled option, a value that could
/// be an option, a positional argument) returns nil and goes through ArgumentParser, which parses
/// it and words its errors.
/// WrapgenOptionsPlainTests compares the two parsers and checks that every option is in the table.
extension WrapgenOptions {
    /// How one option is stored: appended to a list, or set once.
    enum PlainSlot {
        case single(WritableKeyPath<Plain, String?>)
        case repeated(WritableKeyPath<Plain, [String]>)
        case flag(WritableKeyPath<Plain, Bool>)
    }

    /// Every value, before it is moved into the ArgumentParser property wrappers.
    struct Plain: Equatable {
        var module: String?
        var owner: String?
        var databaseDirectory: String?
        var outputDirectory: String?
        var submodules: [String] = []
        var includes: [String] = []
        var functions: [String] = []
        var constants: [String] = []
        var importedIndexes: [String] = []
        var projectTypes: String?
        var projectIndexes: [String] = []
        var warningsFile: String?
        var intrusivePointers: [String] = []
        var swigCode: [String] = []
        var swigCodeAfter: [String] = []
        var directors: [String] = []
        var outputParameters: [String] = []
        var ownership: [String] = []
        var buffers: [String] = []
        var package: String?
        var wrappersNamespace: String?
        var depfile: String?
        var noDocstrings = false
        var warningsAsErrors = false

        init() {}

        /// The values of parsed options (the tests compare both parsers with it).
        init(_ options: WrapgenOptions) {
            module = options.module
            owner = options.records.owner
            databaseDirectory = options.records.databaseDirectory
            outputDirectory = options.outputDirectory
            submodules = options.submodules
            includes = options.includes
            functions = options.functions
            constants = options.constants
            importedIndexes = options.importedIndexes
            projectTypes = options.projectTypes
            projectIndexes = options.projectIndexes
            warningsFile = options.warningsFile
            intrusivePointers = options.intrusivePointers
            swigCode = options.swigCode
            swigCodeAfter = options.swigCodeAfter
            directors = options.directors
            outputParameters = options.outputParameters
            ownership = options.ownership
            buffers = options.buffers
            package = options.package
            wrappersNamespace = options.wrappersNamespace
            depfile = options.depfile
            noDocstrings = options.noDocstrings
            warningsAsErrors = options.warningsAsErrors
        }
    }

    /// Flag name → slot, with the name of the property it fills (the test matches these names
    /// against the properties ArgumentParser sees, so an option added to WrapgenOptions but not
    /// here fails it). Built per call: key paths are not Sendable, so it cannot be a stored global.
    static var plainTable: [String: (property: String, slot: PlainSlot)] { [
        "--module": ("module", .single(\.module)),
        "--owner": ("records.owner", .single(\.owner)),
        "--database-dir": ("records.databaseDirectory", .single(\.databaseDirectory)),
        "--output-dir": ("outputDirectory", .single(\.outputDirectory)),
        "--submodule": ("submodules", .repeated(\.submodules)),
        "--include": ("includes", .repeated(\.includes)),
        "--function": ("functions", .repeated(\.functions)),
        "--constant": ("constants", .repeated(\.constants)),
        "--import-idx": ("importedIndexes", .repeated(\.importedIndexes)),
        "--project-types": ("projectTypes", .single(\.projectTypes)),
        "--project-index": ("projectIndexes", .repeated(\.projectIndexes)),
        "--warnings-file": ("warningsFile", .single(\.warningsFile)),
        "--intrusive-pointer": ("intrusivePointers", .repeated(\.intrusivePointers)),
        "--swig-code": ("swigCode", .repeated(\.swigCode)),
        "--swig-code-after": ("swigCodeAfter", .repeated(\.swigCodeAfter)),
        "--director": ("directors", .repeated(\.directors)),
        "--output-parameter": ("outputParameters", .repeated(\.outputParameters)),
        "--ownership": ("ownership", .repeated(\.ownership)),
        "--buffer": ("buffers", .repeated(\.buffers)),
        "--package": ("package", .single(\.package)),
        "--wrappers-namespace": ("wrappersNamespace", .single(\.wrappersNamespace)),
        "--depfile": ("depfile", .single(\.depfile)),
        "--no-docstrings": ("noDocstrings", .flag(\.noDocstrings)),
        "--warnings-as-errors": ("warningsAsErrors", .flag(\.warningsAsErrors)),
    ] }

    /// The options of a plain command line (see above), or nil.
    public static func plain(_ arguments: [String]) -> WrapgenOptions? {
        let table = plainTable
        var values = Plain()
        var seen = Set<String>()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard name.hasPrefix("--"), let (_, slot) = table[name] else { return nil }
            if case .flag(let path) = slot {
                guard inlineValue == nil, seen.insert(name).inserted else { return nil }
                values[keyPath: path] = true
                continue
            }
            let value: String
            if let inlineValue {
                guard !inlineValue.isEmpty else { return nil }   // ArgumentParser: a missing value
                value = inlineValue
            } else {
                guard index < arguments.count else { return nil }
                value = arguments[index]
                index += 1
            }
            guard !value.hasPrefix("-") else { return nil }
            switch slot {
            case .single(let path):
                guard seen.insert(name).inserted else { return nil }
                values[keyPath: path] = value
            case .repeated(let path):
                values[keyPath: path].append(value)
            case .flag:
                return nil
            }
        }
        return WrapgenOptions(values)
    }

    /// Options holding `values`; every property is set (an ArgumentParser property that was never
    /// set cannot be read).
    init(_ values: Plain) {
        self.init()
        var records = RecordToolOptions()
        records.owner = values.owner
        records.databaseDirectory = values.databaseDirectory
        self.records = records
        module = values.module
        outputDirectory = values.outputDirectory
        submodules = values.submodules
        includes = values.includes
        functions = values.functions
        constants = values.constants
        importedIndexes = values.importedIndexes
        projectTypes = values.projectTypes
        projectIndexes = values.projectIndexes
        warningsFile = values.warningsFile
        intrusivePointers = values.intrusivePointers
        swigCode = values.swigCode
        swigCodeAfter = values.swigCodeAfter
        directors = values.directors
        outputParameters = values.outputParameters
        ownership = values.ownership
        buffers = values.buffers
        package = values.package
        wrappersNamespace = values.wrappersNamespace ?? Self.defaultWrappersNamespace
        depfile = values.depfile
        noDocstrings = values.noDocstrings
        warningsAsErrors = values.warningsAsErrors
    }
}
