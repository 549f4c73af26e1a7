import Glibc
import SwiftWrapCore

/// The result of one castxml-cache invocation, for the executable to act on.
public enum CacheOutcome {
    /// Not handled by the cache: the caller runs castxml directly (exec), transparently.
    case runDirectly(reason: String)
    /// The output cannot be written where the build asked for it (its file system is full): castxml,
    /// run directly, could not write it either and would report a crash of its own. The caller prints
    /// `message` and fails (exit 1); the old output is left as it was.
    case outputUnwritable(message: String)
    /// castxml ran, but castxml-cache could not write an output the caller asked for: the caller
    /// prints `message` (which names the file) and fails (exit 1).
    case failed(message: String)
    /// Outputs are published; replay these streams and exit with `status`.
    case finished(status: Termination, standardOutput: [UInt8], standardError: [UInt8])
}

/// Which path an invocation took (statistics and the log).
enum CacheResult: String {
    case directHit = "direct-hit", preprocessedHit = "preprocessed-hit", remoteHit = "remote-hit", miss, bypass, error
}

/// One castxml-cache invocation: look up, restore or run castxml and store.
///
/// The flow: `DirectLookup` (a direct hit restores through `ObjectRestorer`); on a miss, under the
/// direct key's lock, look again, then `PreprocessorMode` when configured, else `MissRun`.
public final class CastXMLCache {
    public struct Request {
        /// The castxml program and its arguments exactly as given: bytes, which need not be UTF-8
        /// (a path may hold any byte but NUL). castxml always gets these bytes unchanged.
        public let programBytes: [UInt8]
        public let argumentBytes: [[UInt8]]
        /// `--depfile FILE`: always write a depfile of what castxml read.
        public var depfile: String?
        /// `--depfile-relative-to DIR`: in the `--depfile`, paths below DIR are written relative to it
        /// (the form Ninja reads for a build rooted at DIR). See `DependencyOutputs`.
        public var depfileRelativeTo: String?
        /// `--header-digest FILE`: write the SHA-256 of every file castxml read.
        public var headerDigest: String?
        /// `--remote-config FILE`: a configuration file read on a local miss for the remote-cache
        /// settings (the CMake module writes one, so the remote's URL never enters build.ninja).
        public var remoteConfig: String?
        /// The text forms the cache's own steps work on: each stands for its bytes exactly
        /// (`LosslessText`), so keys hash the bytes and file-system calls get them back.
        let castxml: String
        let arguments: [String]

        public init(program: [UInt8], arguments: [[UInt8]], depfile: String?) {
            programBytes = program
            argumentBytes = arguments
            self.depfile = depfile
            castxml = LosslessText.decode(program)
            var texts: [String] = []
            for bytes in arguments { texts.append(LosslessText.decode(bytes)) }
            self.arguments = texts
        }
    }

    private(set) var context: CacheContext
    /// What the user should be told on stderr (e.g. the remote cache is unreachable): printed by the executable.
    public var warnings: [String] { context.log.warnings }

    public init(request: Request, settings: CacheSettings) {
        let cwd = FileSystem.currentDirectory()
        let roots = CacheRoots(setting: settings.string(.cacheDir) ?? cwd + "/.swiftwrap-cache")
        context = CacheContext(request: request, settings: settings,
                               command: CastXMLCommandLine(arguments: request.arguments, workingDirectory: cwd),
                               relocator: Relocator(base: settings.string(.cacheBaseDir), workingDirectory: cwd,
                                                    sourceDirectory: settings.string(.cacheSourceDir),
                                                    buildDirectory: settings.string(.cacheBuildDir)),
                               root: roots.primary, roots: roots, source: roots.primary,
                               log: CacheLog(path: settings.string(.cacheLog)))
    }

    public func run() -> CacheOutcome {
        let settings = context.settings
        if settings.bool(.cacheDisable) {
            return finishBypass("cache disabled by \(settings.origin(.cacheDisable)!)")
        }
        if LosslessText.hasEscapes(context.request.castxml) {
            return finishBypass("the castxml path is not valid UTF-8 (run as given)")
        }
        if let reason = context.command.uncacheableReason { return finishBypass(reason) }
        switch OutputTargets.inspect(output: context.command.output!, dependencyFile: context.command.dependencyRequest?.file,
                                     extraDepfile: context.request.depfile, headerDigest: context.request.headerDigest) {
        case .bypass(let reason): return finishBypass(reason)
        case .publish(let targets): context.targets = targets
        }
        do {
            return try lookupOrRun()
        } catch {
            context.statistics.add([.errors: 1], shard: 0)
            context.log.record(result: .error, reason: error.description, elapsedSince: context.clock)
            if let message = outputSpaceFailure(error) { return .outputUnwritable(message: message) }
            return .runDirectly(reason: error.description)
        }
    }

    /// A full disk or quota in the output's own directory (not the cache's) is said plainly and fails
    /// the call: castxml, run directly, would fail to write there too and report a crash of its own.
    /// A full cache disk is cache trouble like any other: castxml runs directly.
    private func outputSpaceFailure(_ error: CacheError) -> String? {
        guard case .file(let failure) = error, let code = failure.errno?.code, code == ENOSPC || code == EDQUOT else {
            return nil
        }
        let outputs = [context.targets.output] + [context.command.dependencyRequest?.file, context.request.depfile,
                                                  context.request.headerDigest].compactMap { $0 }
        let directories = Set(outputs.map { Path.directory(of: Path.absolute($0, base: context.relocator.workingDirectory)) })
        guard directories.contains(Path.directory(of: Path.absolute(failure.path, base: context.relocator.workingDirectory))) else {
            return nil
        }
        let space = code == ENOSPC ? "no space left on the device" : "disk quota exceeded"
        return "\(space): cannot write '\(context.targets.output)' (\(failure)); the previous output is left as it was: free some space and rebuild"
    }

    private func finishBypass(_ reason: String) -> CacheOutcome {
        context.statistics.add([.bypasses: 1], shard: 0)
        context.log.record(result: .bypass, reason: reason, elapsedSince: context.clock)
        return .runDirectly(reason: reason)
    }

    private func lookupOrRun() throws(CacheError) -> CacheOutcome {
        let identities = try ToolIdentities.resolve(castxml: context.request.castxml, command: context.command,
                                                    root: context.root, start: context.start)
        let keys = CacheKeys(command: context.command, relocator: context.relocator, identities: identities)
        let direct = keys.direct()
        context.log.directKey = direct
        if case .hit(let outcome) = try DirectLookup(context: context).restore(direct) { return outcome }
        if context.roots.hasSecondaries, let outcome = try lookupSecondaries(direct) { return outcome }

        // Miss: take the key's lock (single flight), then look again: another process may have stored it.
        do { try context.root.prepare() } catch { throw error.cache }
        let lock = try context.root.lock(directKey: direct)
        defer { lock.unlock() }
        // Another process may have published the outputs meanwhile: stat them again.
        var context = self.context
        context.targets.forgetStates()
        let lookup = DirectLookup(context: context)
        let reason: String
        switch try lookup.restore(direct) {
        case .hit(let outcome): return outcome
        case .miss(let why): reason = why
        }

        // Every local root missed: the shared remote cache, then castxml (whose result is uploaded).
        let remote = RemoteCache.open(context: context)
        if let remote, let outcome = try remote.restore(direct) { return outcome }
        var miss = MissRun(context: context, keys: keys)
        if let remote { miss.afterStore = { objectKey in remote.upload(direct: direct, objectKey: objectKey) } }
        if context.settings.string(.cacheMode) == "preprocessor",
           let outcome = try PreprocessorMode(context: context, keys: keys, miss: miss).lookup(direct: direct) {
            return outcome
        }
        return try miss.run(direct: direct, objectKey: nil, reason: reason)
    }

    /// The other roots, in order; a hit there is copied into the primary (best effort).
    private func lookupSecondaries(_ direct: Digest) throws(CacheError) -> CacheOutcome? {
        for source in context.roots.searchOrder where source.path != context.root.path {
            var secondary = context
            secondary.source = source
            guard case .hit(let outcome) = try DirectLookup(context: secondary).restore(direct) else { continue }
            if let objectKey = context.log.objectKey {
                do throws(CacheError) {
                    try context.roots.copyHit(directKey: direct, objectKey: objectKey, from: source, cap: context.sizeCap())
                } catch {
                    context.log.note("hit in \(source.path) not copied into the primary root: \(error)")
                }
            }
            return outcome
        }
        return nil
    }
}
