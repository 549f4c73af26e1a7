import SwiftWrapCore

/// The files castxml-cache writes for a build graph beside the XML, from the list of files castxml
/// read, so that one process per castxml step does what castxml, a copy of its depfile,
/// `cmake -E cmake_transform_depfile` and a digest script did before (docs/cmake.md, "The graph"):
///
/// - `--depfile FILE` with `--depfile-relative-to DIR`: the depfile in the form CMake's Ninja
///   generator leaves it after `cmake -E cmake_transform_depfile` (policy CMP0116): every path
///   (the output and each file read) made absolute against the working directory and normalised,
///   then written relative to DIR when it is DIR or lies below it. Ninja, running in DIR, names the
///   outputs of its graph that way; a depfile whose target differs from the edge's first output
///   would leave the edge dirty on every build.
/// - `--header-digest FILE`: one line `<SHA-256 hex> <path>` per file castxml read, in depfile order
///   and spelled as in castxml's own depfile. Rewritten only when a file's content changes, so a
///   touched header leaves it (and everything that depends on it) alone.
public enum DependencyOutputs {
    /// `path` as the `--depfile` names it: unchanged without `root`, else absolute and normalised,
    /// relative to `root` when it is `root` or below it.
    public static func depfilePath(_ path: String, workingDirectory: String, relativeTo root: String?) -> String {
        guard let root else { return path }
        let absolute = Path.absolute(path, base: workingDirectory)
        let base = Path.absolute(root, base: workingDirectory)
        guard Path.isWithin(absolute, directory: base) else { return absolute }
        return Path.relative(from: base, to: absolute)
    }

    /// The `--depfile` text: `<output>:` and one file read a line (duplicates dropped).
    public static func renderDepfile(output: String, dependencies: [String], workingDirectory: String,
                                     relativeTo root: String?) -> String {
        guard root != nil else { return Depfile.render(targets: [output], dependencies: dependencies, phony: false) }
        return Depfile.render(targets: [depfilePath(output, workingDirectory: workingDirectory, relativeTo: root)],
                              dependencies: dependencies.map { depfilePath($0, workingDirectory: workingDirectory, relativeTo: root) },
                              phony: false)
    }

    /// The `--header-digest` text: `<hex> <path>\n` for each path, `digests[i]` being the SHA-256 of `paths[i]`'s content.
    public static func renderDigest(paths: [String], digests: [Digest]) -> String {
        var text = ""
        for (path, digest) in zip(paths, digests) { text += digest.hex + " " + path + "\n" }
        return text
    }

    /// `paths` without repetitions, in first-seen order (the order castxml's depfile and the
    /// cache's recorded files use).
    static func unique(_ paths: [String]) -> [String] {
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }
}

extension CacheContext {
    /// The `--header-digest` text for `dependencies`. `digests` are the content hashes the caller
    /// already holds (a hit's verified entry, a miss's recorded files), one per distinct path in
    /// order; when they do not line up, each file is hashed (through the memo) instead.
    func headerDigestText(_ dependencies: [String], digests: [Digest]) throws(FileError) -> String {
        let paths = DependencyOutputs.unique(dependencies)
        if paths.count == digests.count { return DependencyOutputs.renderDigest(paths: paths, digests: digests) }
        var hashed: [Digest] = []
        for path in paths { hashed.append(try hasher.digest(of: path).digest) }
        return DependencyOutputs.renderDigest(paths: paths, digests: hashed)
    }
}
