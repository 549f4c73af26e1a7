import SwiftWrapCore
import SwiftWrapRecords

/// Why a module could not be generated. Each case carries the file (and line) to look at.
public enum WrapgenError: Error, CustomStringConvertible {
    case castXML(CastXMLError)
    case format(FormatError)
    case file(FileError)
    case store(RecordStoreError)
    case duplicateName(String)
    /// The rows were not written (a submodule of another module, or the old stamp could not be removed).
    case write(ModuleWriteError)
    /// The rows were committed, then writing an output failed; the stamp was removed (or could not be).
    case afterCommit(FileError, stamp: String, stampRemoval: FileError?)
    /// Public bases wrapped by modules this one does not depend on, one message each.
    case missingDependency([String])
    /// A hook declaration (`--director`, `--output-parameter`, `--swig-code`) that does not fit the submodule.
    case hook(String)
    /// `--function`/`--constant` names that castxml's output lacks or that are something else (ModuleLevel.swift).
    case moduleLevel([String])

    public var description: String {
        switch self {
        case .castXML(let e): return e.description
        case .format(let e): return e.description
        case .file(let e): return e.description
        case .store(let e): return e.description
        case .duplicateName(let message): return message
        case .write(let e): return e.description
        case let .afterCommit(error, stamp, removal):
            let rest = removal.map { "; the stamp could not be removed (\($0)): delete '\(stamp)' by hand" }
                ?? "; no stamp is left ('\(stamp)'), so the next build reruns this module"
            return "\(error) (the module's rows were committed, its outputs are incomplete)" + rest
        case .missingDependency(let messages), .moduleLevel(let messages): return messages.joined(separator: "\nwrapgen: error: ")
        case .hook(let message): return message
        }
    }
}
