import SwiftWrapCore

/// The tools an invocation runs, identified by content (see `ToolIdentityResolver`).
struct ToolIdentities {
    var castxml: ToolIdentity
    var compiler: ToolIdentity?
    /// castxml's include search list (with the emulated compiler's directories when there is one):
    /// the directories whose headers count as the system's (not scanned for `__has_include`, not
    /// includer directories).
    var systemDirectories: [String]

    /// Resolves (or reads the memo of) castxml's identity and, with `--castxml-cc-…`, the emulated compiler's.
    static func resolve(castxml: String, command: CastXMLCommandLine, root: LocalCacheRoot,
                        start: Timestamp) throws(CacheError) -> ToolIdentities {
        let resolver = ToolIdentityResolver(root: root, start: start)
        let env = CacheKeys.keyedEnvironmentValues()
        let executable = try ToolIdentityResolver.locate(castxml)
        let castxmlIdentity = try resolver.castxml(executable, environment: env)
        let compiler = try command.emulatedCompiler.map { (cc) throws(CacheError) in
            try resolver.compiler(cc, castxml: executable, environment: env)
        }
        let dirs: [String]
        if let compiler { dirs = compiler.systemIncludeDirectories } else { dirs = try resolver.castxmlSearchList(executable) }
        return ToolIdentities(castxml: castxmlIdentity, compiler: compiler, systemDirectories: dirs)
    }
}

/// Every key castxml-cache derives, in one place. Each starts with the salt, so a format change
/// (which bumps it) never reads old entries; docs/cache-format.md describes what goes in each.
///
/// - direct key: tool identities, the command line with response files expanded and paths below
///   the base relocated, and the keyed environment. Header contents live in the direct index's
///   entries, not in this key.
/// - object key of a direct-mode miss: the direct key plus every dependency's stored path and hash.
/// - object key of preprocessor mode: the common part without preprocessor-only arguments, the
///   preprocessed text's hash and every dependency's content hash.
struct CacheKeys {
    static let salt = "swiftwrap-castxml-cache key v3"
    /// Environment variables that change what castxml (or the compiler it probes) sees.
    static let keyedEnvironment = [
        "CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "OBJC_INCLUDE_PATH", "OBJCPLUS_INCLUDE_PATH", "SDKROOT",
        "MACOSX_DEPLOYMENT_TARGET", "IPHONEOS_DEPLOYMENT_TARGET", "GCC_EXEC_PREFIX", "COMPILER_PATH",
        "CCC_OVERRIDE_OPTIONS", "LD_LIBRARY_PATH", "SOURCE_DATE_EPOCH",
    ]

    let command: CastXMLCommandLine
    let relocator: Relocator
    let identities: ToolIdentities

    /// `NAME=value` of each keyed variable that is set, in `keyedEnvironment` order.
    static func keyedEnvironmentValues() -> [String] {
        keyedEnvironment.compactMap { name in Environment.value(name).map { "\(name)=\($0)" } }
    }

    func direct() -> Digest {
        var h = SHA256()
        h.field(CacheKeys.salt)
        h.field("direct")
        common(&h, skipping: [])
        return h.finalize()
    }

    /// The object key of a direct-mode miss ("depend" key).
    func object(direct: Digest, files: [DirectIndexEntry.File]) -> Digest {
        var h = SHA256()
        h.field(CacheKeys.salt)
        h.field("depend")
        h.field(direct.bytes)
        for f in files { h.field(f.stored); h.field(f.digest.bytes) }
        return h.finalize()
    }

    /// The object key of preprocessor mode.
    func preprocessed(text: Digest, files: [DirectIndexEntry.File]) -> Digest {
        var h = SHA256()
        h.field(CacheKeys.salt)
        h.field("preprocessed")
        common(&h, skipping: command.preprocessorOnlyKeyArguments)
        h.field(text.bytes)
        // Comment elements carry byte offsets into headers that -E output does not reflect: key the contents too.
        for digest in files.map({ $0.digest }).sorted() { h.field(digest.bytes) }
        return h.finalize()
    }

    private func common(_ h: inout SHA256, skipping: Set<Int>) {
        h.field(identities.castxml.digest.bytes)
        if let cc = command.emulatedCompiler, let id = identities.compiler {
            h.field(cc.option)
            h.field(id.digest.bytes)
            h.field("\(cc.arguments.count)")
            for a in cc.arguments { h.field(LosslessText.encode(relocator.keyToken(a))) }
        }
        h.field("args")
        // Arguments are keyed as the bytes they stand for (the same bytes as their UTF-8 for ordinary text).
        for (i, a) in command.keyArguments.enumerated() where !skipping.contains(i) { h.field(LosslessText.encode(relocator.keyToken(a))) }
        h.field("env")
        for e in CacheKeys.keyedEnvironmentValues() { h.field(e) }
        h.field("anchors")
        h.field(relocator.anchorSignature)
    }
}
