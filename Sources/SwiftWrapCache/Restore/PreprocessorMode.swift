import Glibc
import SwiftWrapCore

/// Preprocessor mode (`SWIFTWRAP_CACHE_MODE=preprocessor`), tried after a direct miss: runs
/// `castxml -E` and looks for an object keyed by the preprocessed text, every dependency's content
/// and every flag that is not purely a preprocessor flag.
struct PreprocessorMode {
    let context: CacheContext
    let keys: CacheKeys
    let miss: MissRun

    /// A preprocessed hit (which also adds a direct-index entry), or a full run via `MissRun`
    /// (which then stores under the preprocessed key when one was computed).
    func lookup(direct: Digest) throws(CacheError) -> CacheOutcome? {
        let output = context.command.output!
        let textTemp = Path.directory(of: output) + "/." + Path.fileName(of: output) + ".swiftwrap-\(getpid()).i"
        let depTemp = textTemp + ".d"
        defer { unlink(depTemp); unlink(textTemp) }
        // castxml writes the preprocessed text to a file beside the output (buffered writes, no
        // pipe wake-ups: draining 5 MB through a pipe cost more CPU than everything else here).
        let preprocess = Subprocess(context.request.castxml, context.command.preprocessArguments(output: textTemp, depfile: depTemp),
                                    standardOutput: .capture, standardError: .capture)
        let preprocessStart = Timestamp.monotonic()
        let preprocessed = try? preprocess.run()
        context.log.preprocessMicros = Timestamp.nanoseconds(since: preprocessStart) / 1000
        guard let run = preprocessed,
              run.termination.succeeded,
              let textDigest = try? preprocessedDigest(textTemp),
              let dependencies = try? context.readDependencies(depTemp) else {
            return try miss.run(direct: direct, objectKey: nil, reason: "preprocessing failed")
        }
        let recorded = try context.recordDependencies(dependencies, identities: keys.identities)
        let objectKey = keys.preprocessed(text: textDigest, files: recorded.files)
        context.log.objectKey = objectKey
        if let outcome = try ObjectRestorer(context: context).restore(objectKey: objectKey, dependencies: dependencies,
                                                                      digests: recorded.files.map(\.digest),
                                                                      result: .preprocessedHit) {
            if recorded.unstorableReason == nil {
                try? miss.addIndexEntry(direct: direct, DirectIndexEntry(objectKey: objectKey, files: recorded.files,
                                                                         probes: recorded.probes))
            }
            return outcome
        }
        return try miss.run(direct: direct, objectKey: objectKey, reason: "no object for the preprocessed text")
    }

    /// SHA-256 of castxml's preprocessed text with paths below the base directory relocated;
    /// without a base directory the file is hashed as it is read, never held whole in memory.
    private func preprocessedDigest(_ path: String) throws(FileError) -> Digest {
        let relocator = context.relocator
        if !relocator.isActive { return try SHA256.hashFile(path).0 }
        return SHA256.hash(relocator.encode(try FileSystem.read(path)))
    }
}
