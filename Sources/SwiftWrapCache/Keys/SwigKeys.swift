import SwiftWrapCore

/// The keys of a cached SWIG run (`castxml-cache --swig`). Same scheme as castxml's
/// (`CacheKeys`), its own salt, so a SWIG key never meets a castxml entry:
///
/// - direct key: salt, SWIG's identity (its executable and the shared libraries it loads, by
///   content), the arguments without the dependency-file options, every token relocated, and the
///   keyed environment (`SWIG_LIB` moves the library, `SWIG_FEATURES` adds arguments).
/// - object key: the direct key plus every file SWIG read (its `-MD` list, library included) with
///   its stored path and content hash.
struct SwigKeys {
    static let salt = "swiftwrap-swig-cache key v2"
    static let keyedEnvironment = ["SWIG_LIB", "SWIG_FEATURES", "LD_LIBRARY_PATH"]

    let command: SwigCommandLine
    let relocator: Relocator
    let identity: ToolIdentity

    static func keyedEnvironmentValues() -> [String] {
        keyedEnvironment.compactMap { name in Environment.value(name).map { "\(name)=\($0)" } }
    }

    func direct() -> Digest {
        var h = SHA256()
        h.field(SwigKeys.salt)
        h.field("direct")
        h.field(identity.digest.bytes)
        h.field("args")
        h.field("\(command.keyArguments.count)")
        for a in command.keyArguments { h.field(LosslessText.encode(relocator.keyToken(a))) }
        h.field("env")
        for e in SwigKeys.keyedEnvironmentValues() { h.field(e) }
        return h.finalize()
    }

    func object(direct: Digest, files: [DirectIndexEntry.File]) -> Digest {
        var h = SHA256()
        h.field(SwigKeys.salt)
        h.field("depend")
        h.field(direct.bytes)
        for f in files { h.field(f.stored); h.field(f.digest.bytes) }
        return h.finalize()
    }
}

extension ToolIdentityResolver {
    /// Identity of the SWIG executable: its bytes (ELF build ID) and those of the shared libraries it
    /// loads. SWIG's library files are not part of it: every run lists them as dependencies.
    func swig(_ swig: Executable, environment: [String]) throws(CacheError) -> ToolIdentity {
        let real = swig.real
        return try memoised(kind: "swig", name: ([real] + environment).joined(separator: "\u{0}"),
                            files: { () throws(CacheError) in try [real] + sharedLibraries(of: real) },
                            extra: { () throws(CacheError) in ([], []) })
    }
}
