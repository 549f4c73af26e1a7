import SwiftWrapCore
import SwiftWrapRecords

/// One `<submodule>.index.txt` given to stubgen: its path, the submodule it describes (the file
/// name without `.index.txt`) and the record keys it lists.
public struct SubmoduleManifest: Sendable, Equatable {
    public var path: String
    public var submodule: String
    public var keys: [String]

    /// Reads a manifest. The file must exist, be named `<submodule>.index.txt` and hold valid keys.
    public static func read(_ path: String) throws(StubError) -> SubmoduleManifest {
        let name = Path.fileName(of: path)
        let submodule = String(name.dropLast(KeyList.suffix.count))
        guard name.hasSuffix(KeyList.suffix), KeyList.isIdentifier(submodule) else {
            throw .format(FormatError(path: path, line: nil,
                                      message: "not a manifest name (expected <submodule>\(KeyList.suffix), as wrapgen writes it); check the --manifest arguments"))
        }
        do {
            return SubmoduleManifest(path: path, submodule: submodule, keys: try KeyList.read(path))
        } catch { throw .format(error) }
    }

    /// Reads every manifest in order. The same path given twice counts once; two manifests of
    /// the same submodule are an error (one package has one module per submodule).
    public static func readAll(_ paths: [String]) throws(StubError) -> [SubmoduleManifest] {
        var seenPaths = Set<String>()
        var bySubmodule: [String: String] = [:]
        var result: [SubmoduleManifest] = []
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

/// Reads a list file: one path per line; empty lines are ignored, relative paths are kept as written
/// (they are relative to stubgen's working directory, like the paths on its command line).
public enum PathListFile {
    public static func read(_ path: String) throws(StubError) -> [String] {
        let text: String
        do { text = try FileSystem.readText(path) } catch { throw .listFile(path: path, reason: error.description) }
        // "\r\n" is one Character in Swift: split on both so CRLF files work too.
        return text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" }
            .map { line in line.hasSuffix("\r") ? String(line.dropLast()) : String(line) }
            .filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
    }
}
