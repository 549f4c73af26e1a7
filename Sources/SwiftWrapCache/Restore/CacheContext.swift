import SwiftWrapCore

/// What every step of one invocation shares: the request, the parsed command line, the settings,
/// the cache root and the log. The steps (`DirectLookup`, `ObjectRestorer`, `MissRun`,
/// `PreprocessorMode`) each hold one and never call back into `CastXMLCache`.
struct CacheContext {
    let request: CastXMLCache.Request
    let settings: CacheSettings
    let command: CastXMLCommandLine
    let relocator: Relocator
    /// The primary root: written, capped, counted; owner of the machine state (locks, statistics, memos).
    let root: LocalCacheRoot
    /// Every root reads search, primary included (`CacheRoots`).
    let roots: CacheRoots
    /// The root the current lookup reads items from (the primary, or a secondary being searched).
    var source: LocalCacheRoot
    var sourceIsPrimary: Bool { source.path == root.path }
    let hasher = FileHasher()
    /// Wall-clock start: a file stat newer than this cannot vouch for a hash.
    let start = Timestamp.now()
    /// Monotonic start, for the log's elapsed time.
    let clock = Timestamp.monotonic()
    let log: CacheLog
    /// Where the outputs are published (set once `OutputTargets.inspect` accepted them).
    var targets = OutputTargets(output: "")

    var statistics: Statistics { Statistics(root: root) }

    /// The primary root's size cap. The configuration file is read here, when a store needs the
    /// cap, never on a hit.
    func sizeCap() -> SizeCap {
        SizeCap.of(root, settings: settings)
    }
    var unchangedPolicy: UnchangedPolicy { settings.bool(.cacheTouch) ? .touch : .keep }

    /// Records what castxml read (its depfile's list) for a direct-index entry.
    func recordDependencies(_ dependencies: [String], identities: ToolIdentities) throws(CacheError) -> DependencyRecorder.Recorded {
        try DependencyRecorder(root: root, relocator: relocator, hasher: hasher, start: start).record(
            dependencies: dependencies,
            searchDirectories: DependencyRecorder.searchDirectories(command, systemDirectories: identities.systemDirectories,
                                                                    workingDirectory: relocator.workingDirectory),
            systemDirectories: identities.systemDirectories,
            pathCheck: PathChangeCheck(start: start))
    }

    /// The finished outcome of a castxml run (or a restore): replay its streams, exit with its status.
    func finished(_ run: Subprocess.Result) -> CacheOutcome {
        .finished(status: run.termination, standardOutput: run.standardOutput, standardError: run.standardError)
    }
}
