import SwiftWrapCore

/// What the last successful run saw, so a no-op run can stop after a few cheap checks instead of
/// decoding and rendering every record (about 1 s at 10,000 records; the check costs a few ms).
///
/// `<database-dir>/stubgen-<owner>-<hash of the output directory>.state` holds a digest of every
/// input (this executable's identity, the request, the manifests' keys, and per-module digest,
/// recorded count and actual row count of every owner in the database), then the identity (inode,
/// size, mtime) of every file the run wrote or kept and the list of `.pyi` files in the output
/// directory. Any difference — a changed row count, a new module, a touched or deleted stub, a new
/// `.pyi` — means a full run. A missing or unreadable state file is simply a full run.
struct StubState: Equatable {
    var inputs: Digest
    var files: [String]

    static func path(for request: StubRequest) -> String {
        let directory = Path.absolute(request.outputDirectory, base: FileSystem.currentDirectory())
        let tag = String(SHA256.hash(directory).hex.prefix(16))
        return Path.join(request.databaseDirectory, "stubgen-\(request.owner)-\(tag).state")
    }

    /// Digest of everything the stubs depend on.
    static func inputs(_ request: StubRequest, manifests: [SubmoduleKeyList], summary: [String]) -> Digest {
        var hasher = SHA256()
        hasher.field(SwiftWrapVersion.string)
        if let exe = FileSystem.realPath("/proc/self/exe"), let info = try? FileStat.of(exe) {
            hasher.field("\(exe) \(info.inode) \(info.size) \(info.mtime)")
        }
        hasher.field(request.owner)
        hasher.field(Path.absolute(request.outputDirectory, base: FileSystem.currentDirectory()))
        hasher.field(request.prune ? "prune" : "")
        hasher.field(request.depfile ?? "")
        for stamp in request.stamps { hasher.field(stamp) }
        for manifest in manifests {
            hasher.field(manifest.path)
            for key in manifest.keys { hasher.field(key) }
        }
        for line in summary { hasher.field(line) }
        for (submodule, path) in request.stubCode {
            hasher.field("stub-code \(submodule) \(path)")
            hasher.field((try? FileSystem.read(path)).map { SHA256.hash($0).hex } ?? "missing")
        }
        return hasher.finalize()
    }

    /// Identities of `paths` and the `.pyi` names in `directory`; nil when any is missing.
    static func files(_ paths: [String], directory: String) -> [String]? {
        var lines: [String] = []
        for path in paths {
            guard let info = try? FileStat.ifExists(path) else { return nil }
            lines.append("file \(info.inode) \(info.size) \(info.mtime) \(path)")
        }
        guard let names = try? FileSystem.list(directory) else { return nil }
        lines += names.filter { $0.hasSuffix(".pyi") }.map { "stub " + $0 }
        return lines
    }

    func render() -> String {
        (["stubgen-state 1", "inputs \(inputs.hex)"] + files).joined(separator: "\n") + "\n"
    }

    static func read(_ path: String) -> StubState? {
        guard let text = try? FileSystem.readText(path) else { return nil }
        let lines = text.split(separator: "\n").map(String.init)
        guard lines.count >= 2, lines[0] == "stubgen-state 1", lines[1].hasPrefix("inputs "),
              let digest = Digest(hex: lines[1].dropFirst("inputs ".count)) else { return nil }
        return StubState(inputs: digest, files: Array(lines.dropFirst(2)))
    }
}
