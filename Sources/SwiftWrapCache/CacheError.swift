import SwiftWrapCore

/// Something went wrong inside the cache. castxml-cache never fails a build for one of these:
/// it counts the error, logs it and runs castxml directly.
public enum CacheError: Error, CustomStringConvertible {
    case file(FileError)
    case subprocess(SubprocessError)
    case corruptEntry(path: String, reason: String)
    case identity(tool: String, reason: String)
    case depfile(path: String, reason: String)
    case compression(String)
    /// A tool's output the cache cannot publish or keep as it is (e.g. SWIG wrote a temporary path into it).
    case output(path: String, reason: String)

    public var description: String {
        switch self {
        case .file(let e): return e.description
        case .subprocess(let e): return e.description
        case .corruptEntry(let path, let reason): return "corrupt cache entry '\(path)': \(reason)"
        case .identity(let tool, let reason): return "cannot identify '\(tool)': \(reason)"
        case .depfile(let path, let reason): return "cannot use castxml's dependency file '\(path)': \(reason)"
        case .compression(let reason): return "compression failed: \(reason)"
        case .output(let path, let reason): return "cannot cache the output '\(path)': \(reason)"
        }
    }
}

extension FileError {
    var cache: CacheError { .file(self) }
}
