import SwiftWrapCore
import SwiftWrapRecords

/// Why a module could not be generated. Each case carries the file (and line) to look at.
public enum WrapgenError: Error, CustomStringConvertible {
    case castXML(CastXMLError)
    case format(FormatError)
    case file(FileError)
    case store(RecordStoreError)
    case duplicateName(String)
    /// Public bases wrapped by modules this one does not depend on, one message each.
    case missingDependency([String])

    public var description: String {
        switch self {
        case .castXML(let e): return e.description
        case .format(let e): return e.description
        case .file(let e): return e.description
        case .store(let e): return e.description
        case .duplicateName(let message): return message
        case .missingDependency(let messages): return messages.joined(separator: "\nwrapgen: error: ")
        }
    }
}
