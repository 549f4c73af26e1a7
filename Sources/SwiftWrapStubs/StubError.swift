import SwiftWrapCore
import SwiftWrapRecords

/// Why stubgen could not produce stubs. Every case names the file, key or module involved and
/// what to do about it; the executable prints `description` and exits 1.
public enum StubError: Error, CustomStringConvertible {
    /// A manifest or stamp that is missing or malformed.
    case format(FormatError)
    /// A file that could not be read, written or removed.
    case file(FileError)
    /// The record database could not be opened or read.
    case store(RecordStoreError)
    /// A row whose JSON does not decode as a `ClassRecord`.
    case undecodableRecord(key: String, owner: String, database: String)
    /// A list file (`--manifest-list`, `--stamp-list`) that cannot be read.
    case listFile(path: String, reason: String)
    /// Keys named by manifests are missing from the database and repair was impossible.
    case unrepairable(modules: [String], submodules: [String], removedStamps: [String], reasons: [String])
    /// Records named by the manifests belong to more than one Python package.
    case mixedPackages(packages: [String], manifests: [String])
    /// `--check` was asked but the database lacks rows (check mode never repairs).
    case missingRowsInCheck(submodules: [String])
    /// A stamp whose recorded command is not a wrapgen run for this owner (never run).
    case untrustedStamp(stamp: String, reason: String)
    /// A stamp records another database directory than `--database-dir` (nothing is touched).
    case otherDatabase(stamp: String, recorded: String?, given: String)
    /// Two submodules of the package wrap the same Python name: one class would hide the other.
    case pythonNameClash(name: String, first: String, second: String)
    /// A `--stub-code` fragment that cannot be merged (StubFragment.swift).
    case stubCode(path: String, line: Int?, message: String)

    public var description: String {
        switch self {
        case .format(let error): return error.description
        case .file(let error): return error.description
        case .store(let error): return error.description
        case .undecodableRecord(let key, let owner, let database):
            return "record '\(key)' of owner '\(owner)' in '\(database)' does not decode (written by another version of wrapgen?); rerun wrapgen for its module, or delete the database and rebuild"
        case .listFile(let path, let reason):
            return "cannot read list file '\(path)': \(reason)"
        case .unrepairable(let modules, let submodules, let removed, let reasons):
            var text = "records of submodule(s) \(submodules.joined(separator: ", ")) are missing from the database and could not be regenerated"
            if !modules.isEmpty { text += " (module(s) \(modules.joined(separator: ", ")))" }
            for reason in reasons { text += "\n  " + reason }
            if !removed.isEmpty {
                text += "\n  removed stamp(s) \(removed.joined(separator: ", ")) so the next build reruns their wrapgen step"
            }
            text += "\n  fix the cause above, then rebuild (or rerun wrapgen for those modules by hand, then stubgen)"
            return text
        case .mixedPackages(let packages, let manifests):
            return "the manifests \(manifests.joined(separator: ", ")) name records of several Python packages (\(packages.joined(separator: ", "))); give stubgen the manifests of one package per output directory"
        case .untrustedStamp(let stamp, let reason):
            return "stamp '\(stamp)': \(reason); stubgen does not rerun it. Delete the stamp and rebuild (its module's wrapgen step writes a new one)"
        case .otherDatabase(let stamp, let recorded, let given):
            return "--database-dir '\(given)' is not the database directory that stamp '\(stamp)' records ('\(recorded ?? "none")'); nothing was changed. Give stubgen the --database-dir its modules' wrapgen runs use (or rebuild them with this one)"
        case .pythonNameClash(let name, let first, let second):
            return "Python name '\(name)' is wrapped twice in one package: \(first) and \(second); 'from .<submodule> import *' in __init__.py would keep only one of them. Rename one (TYPES <type>=<name>, or NAME/SUFFIXES of swiftwrap_wrap_template) or move one to another package"
        case .stubCode(let path, let line, let message):
            return "\(path)\(line.map { ":\($0)" } ?? ""): \(message) (a stub fragment of swiftwrap_add_submodule(… STUB_CODE), stubgen --stub-code); nothing was written"
        case .missingRowsInCheck(let submodules):
            return "records of submodule(s) \(submodules.joined(separator: ", ")) are missing from the database; --check never regenerates them: run the build (or stubgen without --check) first"
        }
    }
}
