/// Why a maintenance action (`--inspect`, `--verify`, `--export`, `--import`) failed.
public enum CacheOperationError: Error, CustomStringConvertible {
    /// The request itself is wrong (the executable exits 64).
    case usage(String)
    case cache(CacheError)
    /// Nothing in the cache matches what was asked for.
    case notFound(String)
    /// An archive that is not one, or damaged: the path and what is wrong.
    case badArchive(path: String, reason: String)

    public var description: String {
        switch self {
        case .usage(let message): return message
        case .cache(let error): return error.description
        case .notFound(let message): return message
        case .badArchive(let path, let reason):
            return "'\(path)' is not a usable castxml-cache archive: \(reason); nothing was imported (export it again with castxml-cache --export)"
        }
    }
}
