import SwiftWrapCore

/// The result of one castxml-cache invocation, for the executable to act on.
public enum CacheOutcome {
    /// Not handled by the cache: the caller runs castxml directly (exec), transparently.
    case runDirectly(reason: String)
    /// Outputs are published; replay these streams and exit with `status`.
    case finished(status: Termination, standardOutput: [UInt8], standardError: [UInt8])
}

/// Which path an invocation took (statistics and the log).
enum CacheResult: String {
    case directHit = "direct-hit", preprocessedHit = "preprocessed-hit", miss, bypass, error
}

/// One castxml-cache invocation: look up, restore or run castxml and store.
public final class CastXMLCache {
    public struct Request {
        public var castxml: String
        public var arguments: [String]
        /// `--depfile FILE`: always write a depfile of what castxml read.
        public var depfile: String?
        public init(castxml: String, arguments: [String], depfile: String?) {
            self.castxml = castxml
            self.arguments = arguments
            self.depfile = depfile
        }
    }

    /// Environment variables that change what castxml (or the compiler it probes) sees.
    static let keyedEnvironment = [
        "CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "OBJC_INCLUDE_PATH", "OBJCPLUS_INCLUDE_PATH", "SDKROOT",
        "MACOSX_DEPLOYMENT_TARGET", "IPHONEOS_DEPLOYMENT_TARGET", "GCC_EXEC_PREFIX", "COMPILER_PATH",
        "CCC_OVERRIDE_OPTIONS", "LD_LIBRARY_PATH", "SOURCE_DATE_EPOCH",
    ]
    static let salt = "swiftwrap-castxml-cache key v2"

    let request: Request
    let settings: Settings
    let layout: CacheLayout
    let relocator: Relocator
    let command: CastXMLCommandLine
    let start = Timestamp.now()
    let clock = Timestamp.monotonic()
    let hasher = FileHasher()
    var log: CacheLog

    public init(request: Request, settings: Settings) {
        self.request = request
        self.settings = settings
        let cwd = FileSystem.currentDirectory()
        self.layout = CacheLayout(root: settings.string(.cacheDir) ?? cwd + "/.swiftwrap-cache")
        self.relocator = Relocator(base: settings.string(.cacheBaseDir), workingDirectory: cwd)
        self.command = CastXMLCommandLine(arguments: request.arguments, workingDirectory: cwd)
        self.log = CacheLog(path: settings.string(.cacheLog))
    }

    var statistics: Statistics { Statistics(layout: layout) }

    public func run() -> CacheOutcome {
        if settings.bool(.cacheDisable) {
            return finishBypass("cache disabled by \(settings.origin(.cacheDisable)!)")
        }
        if let reason = command.uncacheableReason { return finishBypass(reason) }
        do {
            return try lookupOrRun()
        } catch {
            statistics.add([.errors: 1], shard: 0)
            log.record(result: .error, reason: error.description, elapsedSince: clock)
            return .runDirectly(reason: error.description)
        }
    }

    private func finishBypass(_ reason: String) -> CacheOutcome {
        statistics.add([.bypasses: 1], shard: 0)
        log.record(result: .bypass, reason: reason, elapsedSince: clock)
        return .runDirectly(reason: reason)
    }

    // MARK: - Keys

    func environmentForKey() -> [String] {
        CastXMLCache.keyedEnvironment.compactMap { name in Environment.value(name).map { "\(name)=\($0)" } }
    }

    struct Identities {
        var castxml: ToolIdentity
        var compiler: ToolIdentity?
        /// castxml's include search list (with the emulated compiler's directories when there is one).
        var systemDirectories: [String]
    }

    func identities() throws(CacheError) -> Identities {
        let resolver = ToolIdentityResolver(layout: layout, start: start)
        let env = environmentForKey()
        let executable = try ToolIdentityResolver.locate(request.castxml)
        let castxml = try resolver.castxml(executable, environment: env)
        let compiler = try command.emulatedCompiler.map { (cc) throws(CacheError) in
            try resolver.compiler(cc, castxml: executable, environment: env)
        }
        let dirs: [String]
        if let compiler { dirs = compiler.systemIncludeDirectories } else { dirs = try resolver.castxmlSearchList(executable) }
        return Identities(castxml: castxml, compiler: compiler, systemDirectories: dirs)
    }

    /// The direct key: tool identities, the command line with response files expanded and paths
    /// below the base relocated, and the keyed environment. Header contents live in the manifest.
    private func directKey(_ ids: Identities) -> Digest {
        var h = SHA256()
        h.field(CastXMLCache.salt)
        h.field("direct")
        keyCommon(&h, ids, skipping: [])
        return h.finalize()
    }

    func keyCommon(_ h: inout SHA256, _ ids: Identities, skipping: Set<Int>) {
        h.field(ids.castxml.digest.bytes)
        if let cc = command.emulatedCompiler, let id = ids.compiler {
            h.field(cc.option)
            h.field(id.digest.bytes)
            h.field("\(cc.arguments.count)")
            for a in cc.arguments { h.field(relocator.keyToken(a)) }
        }
        h.field("args")
        for (i, a) in command.keyArguments.enumerated() where !skipping.contains(i) { h.field(relocator.keyToken(a)) }
        h.field("env")
        for e in environmentForKey() { h.field(e) }
    }

    func dependKey(direct: Digest, files: [ManifestEntry.File]) -> Digest {
        var h = SHA256()
        h.field(CastXMLCache.salt)
        h.field("depend")
        h.field(direct.bytes)
        for f in files { h.field(f.stored); h.field(f.digest.bytes) }
        return h.finalize()
    }

    func searchDirectories(_ ids: Identities) -> [String] {
        var dirs = command.searchDirectories
        for name in ["CPATH", "CPLUS_INCLUDE_PATH", "C_INCLUDE_PATH"] {
            for d in (Environment.value(name) ?? "").split(separator: ":") { dirs.append(Path.absolute(String(d), base: relocator.workingDirectory)) }
        }
        return dirs + ids.systemDirectories
    }

    /// Directories whose headers count as the system's (not scanned for `__has_include`, not includer directories).
    func systemDirectories(_ ids: Identities) -> [String] { ids.systemDirectories }

    // MARK: - Lookup

    private func lookupOrRun() throws(CacheError) -> CacheOutcome {
        let ids = try identities()
        let direct = directKey(ids)
        log.directKey = direct
        if case .hit(let outcome) = try restoreDirect(direct) { return outcome }

        // Miss: take the key's lock (single flight), then look again: another process may have stored it.
        do { try layout.prepare() } catch { throw error.cache }
        let lock: FileLock
        do { lock = try FileLock(path: layout.lockPath(direct)) } catch { throw error.cache }
        defer { lock.unlock() }
        let reason: String
        switch try restoreDirect(direct) {
        case .hit(let outcome): return outcome
        case .miss(let why): reason = why
        }

        if settings.string(.cacheMode) == "preprocessor", let outcome = try preprocessorPath(ids, direct: direct) {
            return outcome
        }
        return try runAndStore(ids, direct: direct, objectKey: nil, reason: reason)
    }

    /// A direct hit's outcome, or why there was none (what differs from the newest recorded entry).
    private enum DirectLookup {
        case hit(CacheOutcome)
        case miss(reason: String)
    }

    private func restoreDirect(_ direct: Digest) throws(CacheError) -> DirectLookup {
        let path = layout.manifestPath(direct)
        guard let bytes = try? FileSystem.read(path) else {
            return .miss(reason: "no entry for this command line, tool identity and environment")
        }
        let check = DependencyCheck(layout: layout, relocator: relocator, hasher: hasher, start: start)
        var reason: String?
        var outcome: CacheOutcome?
        do {
            // Files are checked as each entry is parsed; an entry whose files all hold is then
            // checked for shadowing headers.
            try DirectManifest.forEachEntry(bytes, path: path, rejectFile: { check.mismatch($0) },
                                            rejected: { reason = reason ?? $0 }) { (entry) throws(CacheError) in
                if let mismatch = check.probeMismatch(entry) {
                    reason = reason ?? mismatch
                    return false
                }
                outcome = try restore(objectKey: entry.objectKey, dependencies: check.dependencyPaths(entry), result: .directHit)
                if outcome == nil { reason = reason ?? "object missing or corrupt" }
                return outcome != nil
            }
        } catch {
            if case .corruptEntry = error {
                try? FileSystem.remove(path)
                return .miss(reason: "manifest is corrupt")
            }
            throw error
        }
        if let outcome { return .hit(outcome) }
        return .miss(reason: reason ?? "no entry for this command line, tool identity and environment")
    }
}
