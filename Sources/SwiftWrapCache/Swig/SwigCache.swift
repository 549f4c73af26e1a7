import Glibc
import SwiftWrapCore

/// What the steps of one cached SWIG run share (the SWIG counterpart of `CacheContext`).
struct SwigContext {
    let request: CastXMLCache.Request
    let settings: CacheSettings
    let command: SwigCommandLine
    let relocator: Relocator
    let root: LocalCacheRoot
    let hasher = FileHasher()
    let start = Timestamp.now()
    let clock = Timestamp.monotonic()
    let log: CacheLog

    var statistics: Statistics { Statistics(root: root) }
    var unchangedPolicy: UnchangedPolicy { settings.bool(.cacheTouch) ? .touch : .keep }
    var output: String { command.output! }
    /// Where outputs of each place of an `OutputBundle` go.
    func directory(for place: OutputBundle.Place) -> String {
        switch place {
        case .besideOutput: return Path.directory(of: output)
        case .outputDirectory: return command.outputDirectory ?? Path.directory(of: output)
        }
    }

    /// Writes the depfile the user asked for (`-MD`/`-MMD -MF`), in SWIG's own format.
    func writeDepfile(_ dependencies: [String]) throws(CacheError) {
        guard let request = command.dependencyRequest else { return }
        let text = SwigDepfile.render(request, output: output, dependencies: dependencies,
                                      libraryDirectory: SwigDepfile.libraryDirectory(dependencies, workingDirectory: relocator.workingDirectory),
                                      workingDirectory: relocator.workingDirectory)
        do { try AtomicWriter.write(LosslessText.encode(text), to: request.file, ifUnchanged: unchangedPolicy) } catch { throw error.cache }
    }
}

/// One cached SWIG invocation (`castxml-cache --swig <swig> <args…>`): the castxml cache's flow and
/// store for SWIG. A direct lookup (entry file of the direct key, files and shadowing probes
/// checked) restores every output of the run from one object (`OutputBundle`); a miss runs SWIG
/// into temporary directories, publishes what changed, and stores the outputs under the files SWIG
/// listed in its `-MD` output. SWIG's failures pass through and are never stored; any trouble in
/// the cache runs SWIG directly.
public final class SwigCache {
    let context: SwigContext

    public init(request: CastXMLCache.Request, settings: CacheSettings) {
        let cwd = FileSystem.currentDirectory()
        context = SwigContext(request: request, settings: settings,
                              command: SwigCommandLine(arguments: request.arguments, workingDirectory: cwd),
                              relocator: Relocator(base: settings.string(.cacheBaseDir), workingDirectory: cwd),
                              root: LocalCacheRoot(path: settings.string(.cacheDir) ?? cwd + "/.swiftwrap-cache"),
                              log: CacheLog(path: settings.string(.cacheLog)))
        context.log.note("swig")
    }

    public func run() -> CacheOutcome {
        let settings = context.settings
        if settings.bool(.cacheDisable) { return bypass("cache disabled by \(settings.origin(.cacheDisable)!)") }
        if LosslessText.hasEscapes(context.request.castxml) { return bypass("the swig path is not valid UTF-8 (run as given)") }
        if let reason = context.command.uncacheableReason { return bypass(reason) }
        if let reason = unpublishableTarget() { return bypass(reason) }
        do {
            return try lookupOrRun()
        } catch {
            context.statistics.add([.errors: 1], shard: 0)
            context.log.record(result: .error, reason: error.description, elapsedSince: context.clock)
            return .runDirectly(reason: error.description)
        }
    }

    private func bypass(_ reason: String) -> CacheOutcome {
        context.statistics.add([.bypasses: 1], shard: 0)
        context.log.record(result: .bypass, reason: reason, elapsedSince: context.clock)
        return .runDirectly(reason: reason)
    }

    /// An output or depfile path the cache must not rename over (a device, FIFO, socket or
    /// directory), or one that is not valid UTF-8: SWIG writes it itself.
    private func unpublishableTarget() -> String? {
        for path in [context.output] + (context.command.dependencyRequest.map { [$0.file] } ?? []) {
            if LosslessText.hasEscapes(path) { return "'\(path)' is not valid UTF-8: swig writes it itself" }
            var raw = stat()
            guard stat(path, &raw) == 0 else { continue }
            let info = FileStat(raw)
            if !info.isRegularFile { return "'\(path)' is \(info.kindDescription), not a regular file: swig writes it itself" }
        }
        return nil
    }

    private func lookupOrRun() throws(CacheError) -> CacheOutcome {
        let executable = try ToolIdentityResolver.locate(context.request.castxml)
        let identity = try ToolIdentityResolver(root: context.root, start: context.start)
            .swig(executable, environment: SwigKeys.keyedEnvironmentValues())
        let keys = SwigKeys(command: context.command, relocator: context.relocator, identity: identity)
        let direct = keys.direct()
        context.log.directKey = direct
        if case .hit(let outcome) = try lookup(direct) { return outcome }

        // Miss: single flight under the key's lock, then look again.
        do { try context.root.prepare() } catch { throw error.cache }
        let lock = try context.root.lock(directKey: direct)
        defer { lock.unlock() }
        switch try lookup(direct) {
        case .hit(let outcome): return outcome
        case .miss(let reason): return try SwigMissRun(context: context, keys: keys).run(direct: direct, reason: reason)
        }
    }

    private func lookup(_ direct: Digest) throws(CacheError) -> DirectLookup.Result {
        let root = context.root
        guard let bytes = (try? root.readEntryFile(directKey: direct)) ?? nil else {
            return .miss(reason: "no entry for this command line, swig identity and environment")
        }
        let check = DependencyChecker(relocator: context.relocator, hasher: context.hasher)
        let restorer = SwigRestorer(context: context)
        var reason: String?
        var outcome: CacheOutcome?
        do {
            try DirectIndexFile.forEachEntry(bytes, path: root.name(of: .entryFile(directKey: direct)), rejectFile: { check.mismatch($0) },
                                             rejected: { reason = reason ?? $0 }) { (entry) throws(CacheError) in
                if let mismatch = check.probeMismatch(entry) {
                    reason = reason ?? mismatch
                    return false
                }
                outcome = try restorer.restore(objectKey: entry.objectKey, dependencies: check.dependencyPaths(entry))
                if outcome == nil { reason = reason ?? "object missing or corrupt" }
                return outcome != nil
            }
        } catch {
            if case .corruptEntry = error {
                try? root.remove(.entryFile(directKey: direct))
                return .miss(reason: "entry file is corrupt")
            }
            throw error
        }
        if let outcome { return .hit(outcome) }
        return .miss(reason: reason ?? "no entry for this command line, swig identity and environment")
    }
}
