import SwiftWrapCore

/// Where things live in a cache directory. The version directory (`v1`) is the format salt's
/// outer guard: a format change bumps it, so new code never reads old entries.
///
///     <root>/CACHEDIR.TAG
///     <root>/v2/manifests/<k[0..2]>/<k>.mf     direct index: command-line key → entries
///     <root>/v2/manifests/<k[0..2]>/<k>.lock   single-flight / writer lock of that key
///     <root>/v2/objects/<k[0..2]>/<k>.obj      results: XML + replayed output
///     <root>/v2/identity/<h>.<kind>            memoised tool identities
///     <root>/v2/stats/<0-f>                    counters, sharded to avoid lock contention
public struct CacheLayout: Sendable {
    public static let formatVersion = 2
    public let root: String
    public var versionRoot: String { root + "/v\(CacheLayout.formatVersion)" }

    public init(root: String) { self.root = root }

    public func manifestPath(_ key: Digest) -> String { shard("manifests", key) + ".mf" }
    public func lockPath(_ key: Digest) -> String { shard("manifests", key) + ".lock" }
    public func objectPath(_ key: Digest) -> String { shard("objects", key) + ".obj" }
    public func identityPath(kind: String, name: String) -> String {
        versionRoot + "/identity/" + String(SHA256.hash(name).hex.prefix(32)) + "." + kind
    }
    public func statsPath(shard: Int) -> String { versionRoot + "/stats/" + String(shard, radix: 16) }

    private func shard(_ kind: String, _ key: Digest) -> String {
        let hex = key.hex
        return versionRoot + "/" + kind + "/" + hex.prefix(2) + "/" + hex
    }

    /// Creates the root with a CACHEDIR.TAG (so backup tools skip it) if it does not exist yet.
    public func prepare() throws(FileError) {
        let tag = root + "/CACHEDIR.TAG"
        if FileSystem.exists(tag) { return }
        try FileSystem.createDirectories(root)
        try AtomicWriter.write("Signature: 8a477f597d28d172789f06886806bc55\n# This is a swiftwrap castxml-cache directory.\n", to: tag)
    }
}
