import SwiftWrapCore
import SwiftWrapRecords

/// One stubgen run, as the command line gives it.
public struct StubRequest: Sendable {
    public var databaseDirectory: String
    public var outputDirectory: String
    public var owner: String
    /// Manifest paths in dependency order (the order of `from .<sub> import *` in `__init__.py`).
    public var manifests: [String]
    public var stamps: [String]
    public var prune: Bool
    public var check: Bool
    public var depfile: String?
    /// The wrapgen that repairs lost rows (never a stamp's `argv[0]`).
    public var wrapgen: String
    /// Reads recorded arguments as wrapgen options; nil: no stamp is trusted (repair fails).
    public var parseWrapgenArguments: WrapgenArgumentParser?
    /// `--stub-code SUBMODULE=FILE`: stub fragments merged into a submodule's stub, in order (StubFragment.swift).
    public var stubCode: [(submodule: String, path: String)] = []

    public init(databaseDirectory: String, outputDirectory: String, owner: String, manifests: [String], stamps: [String],
                prune: Bool, check: Bool, depfile: String?, wrapgen: String = "wrapgen",
                parseWrapgenArguments: WrapgenArgumentParser? = nil) {
        self.databaseDirectory = databaseDirectory
        self.outputDirectory = outputDirectory
        self.owner = owner
        self.manifests = manifests
        self.stamps = stamps
        self.prune = prune
        self.check = check
        self.depfile = depfile
        self.wrapgen = wrapgen
        self.parseWrapgenArguments = parseWrapgenArguments
    }

    public var databasePath: String { RecordStore.path(inDirectory: databaseDirectory) }
}

/// What a stubgen run did (or, with `--check`, found).
public struct StubOutcome: Sendable {
    public var written: [String] = []
    public var unchanged: [String] = []
    /// Stubs deleted because nothing generates them any more.
    public var removed: [String] = []
    /// Keys deleted by `--prune`.
    public var pruned: [String] = []
    /// Modules whose wrapgen was rerun to restore lost rows.
    public var regenerated: [String] = []
    /// `--check`: a unified diff per file that differs from what would be generated.
    public var differences: [String] = []
    /// Things the user should know (a database moved aside, an unresolved foreign record).
    public var notes: [String] = []
}
