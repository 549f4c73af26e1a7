import SwiftWrapCore
import SwiftWrapRecords

/// One key list (`<submodule>.index.txt`, a "manifest" on stubgen's command line) given to
/// stubgen: its path, the submodule it describes (the file name without `.index.txt`) and the
/// record keys it lists.
public struct SubmoduleKeyList: Sendable, Equatable {
    public var path: String
    public var submodule: String
    public var keys: [String]

    /// Reads a manifest. The file must exist, be named `<submodule>.index.txt` and hold valid keys.
    public static func read(_ path: String) throws(StubError) -> SubmoduleKeyList {
        let name = Path.fileName(of: path)
        let submodule = String(name.dropLast(KeyList.suffix.count))
        guard name.hasSuffix(KeyList.suffix), KeyList.isIdentifier(submodule) else {
            throw .format(FormatError(path: path, line: nil,
                                      message: "not a manifest name (expected <submodule>\(KeyList.suffix), as wrapgen writes it); check the --manifest arguments"))
        }
        do {
            return SubmoduleKeyList(path: path, submodule: submodule, keys: try KeyList.read(path))
        } catch { throw .format(error) }
    }

    /// Reads every manifest in order. The same path given twice counts once; two manifests of
    /// the same submodule are an error (one package has one module per submodule).
    public static func readAll(_ paths: [String]) throws(StubError) -> [SubmoduleKeyList] {
        var seenPaths = Set<String>()
        var bySubmodule: [String: String] = [:]
        var result: [SubmoduleKeyList] = []
        for path in paths where seenPaths.insert(Path.normalize(path)).inserted {
            let manifest = try read(path)
            if let other = bySubmodule[manifest.submodule] {
                throw .format(FormatError(path: path, line: nil,
                                          message: "submodule '\(manifest.submodule)' is also described by '\(other)'; give each submodule's manifest once"))
            }
            bySubmodule[manifest.submodule] = path
            result.append(manifest)
        }
        return result
    }
}
