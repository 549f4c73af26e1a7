import SwiftWrapCore

/// Everything one wrapgen run needs to know about a module (the command line, parsed).
public struct ModuleRequest: Sendable {
    public struct Submodule: Sendable, Equatable {
        public var name: String
        public var xmlPath: String
        /// Headers the `.i` includes (`#include "<header>"`), in command-line order.
        public var includes: [String]
        /// The user's SWIG code, directors and out-parameters (SubmoduleHooks.swift).
        public var hooks = SubmoduleHooks()
        /// `--function`/`--constant`: qualified names of the free functions and namespace constants
        /// wrapped at module level (ModuleLevel.swift), in command-line order.
        public var functions: [String] = []
        public var constants: [String] = []
        public init(name: String, xmlPath: String, includes: [String]) {
            self.name = name
            self.xmlPath = xmlPath
            self.includes = includes
        }
    }

    public var module: String
    public var owner: String
    public var package: String
    public var wrappersNamespace: String
    public var databaseDirectory: String
    public var outputDirectory: String
    public var submodules: [Submodule]
    public var importedIndexes: [String]
    /// `--project-types`: types of the project's modules this one does not depend on (`ProjectTypes`).
    public var projectTypes: String?
    /// `--project-index MODULE=IDX`: the `.idx` files of the package's modules declared before this
    /// one that it does not depend on (what they wrap, automatic bases included).
    public var projectIndexes: [(module: String, path: String)] = []
    /// `--warnings-file`: every warning, one a line (the terminal gets a summary).
    public var warningsFile: String?
    /// `--intrusive-pointer`: smart-pointer templates that count references in their pointee (SmartPointers.swift).
    public var intrusivePointers: [IntrusivePointer]
    /// `--ownership KIND=CLASS::METHOD`: methods that move ownership (Analysis/Lifetimes.swift).
    public var ownership: [OwnershipDeclaration] = []
    /// `--buffer CLASS.METHOD=SIZE`: methods that return a byte buffer of SIZE bytes (BufferArguments.swift).
    public var buffers: [String: String] = [:]
    public var depfile: String?
    /// Doc comments become docstrings (read from the headers at castxml's offsets); `--no-docstrings` turns it off.
    public var docstrings = true
    /// Whether `plan` opens the record database and reads the module's old rows on a second thread
    /// while it builds the records, for `write` (RecordStore.warmed; wrapgen sets it). Off, `plan`
    /// touches no database (the tests' plans).
    public var warmDatabase = false
    /// The command line and directory recorded in the stamp, so the run can be repeated.
    public var command: [String]
    public var workingDirectory: String

    public init(module: String, owner: String, package: String, wrappersNamespace: String, databaseDirectory: String,
                outputDirectory: String, submodules: [Submodule], importedIndexes: [String], depfile: String?,
                command: [String], workingDirectory: String, projectTypes: String? = nil,
                intrusivePointers: [IntrusivePointer] = []) {
        self.module = module
        self.owner = owner
        self.package = package
        self.wrappersNamespace = wrappersNamespace
        self.databaseDirectory = databaseDirectory
        self.outputDirectory = outputDirectory
        self.submodules = submodules
        self.importedIndexes = importedIndexes
        self.projectTypes = projectTypes
        self.intrusivePointers = intrusivePointers
        self.depfile = depfile
        self.command = command
        self.workingDirectory = workingDirectory
    }

    public var stampPath: String { Path.join(outputDirectory, module + ".stamp") }

    public func outputPath(_ submodule: String, _ suffix: String) -> String {
        Path.join(outputDirectory, submodule + suffix)
    }
}
