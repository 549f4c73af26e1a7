import Glibc
import SwiftWrapCore

/// A miss: runs castxml into a temporary file beside the output, with its own `-MD` depfile,
/// publishes the output, records what castxml read and stores the result.
struct MissRun {
    let context: CacheContext
    let keys: CacheKeys
    /// Called with the object key once the result is stored in the primary root (the remote upload).
    var afterStore: ((Digest) -> Void)?

    /// castxml's failures pass through unchanged; nothing is stored for them. `preKey` is the
    /// object key when preprocessor mode already computed one.
    func run(direct: Digest, objectKey preKey: Digest?, reason: String) throws(CacheError) -> CacheOutcome {
        let output = context.targets.output
        let writer: AtomicWriter
        do { writer = try AtomicWriter(destination: output) } catch { throw error.cache }
        let depTemp = writer.temporaryPath + ".d"
        defer { unlink(depTemp) }
        let castxmlStart = Timestamp.monotonic()
        let run: Subprocess.Result
        do {
            run = try Subprocess(context.request.castxml,
                                 context.command.runArguments(output: writer.temporaryPath, extra: ["-MD", "-MF", depTemp]),
                                 standardOutput: .capture, standardError: .capture).run()
        } catch {
            writer.abort()
            throw .subprocess(error)
        }
        let castxmlNanoseconds = Timestamp.nanoseconds(since: castxmlStart)
        context.log.castxmlMicros = castxmlNanoseconds / 1000
        guard run.termination.succeeded else {
            // castxml deletes its output when it fails; if it removed our temporary, do as it would.
            if !FileSystem.exists(writer.temporaryPath) { try? FileSystem.remove(output) }
            writer.abort()
            context.statistics.add([.misses: 1, .castxmlFailures: 1], shard: Int(direct.bytes[0]))
            context.log.record(result: .miss, reason: "\(reason); castxml failed with \(run.termination), nothing stored",
                               elapsedSince: context.clock)
            return context.finished(run)
        }

        // From here on castxml has succeeded: cache trouble is counted, never fatal. An empty or
        // missing XML is no result to keep: it is published as castxml left it and never stored.
        let emptyXML = MissRun.emptyXMLReason(writer.temporaryPath)
        let dependencies: [String]
        do {
            dependencies = try context.readDependencies(depTemp)
        } catch {
            return try finishUnstored(writer, run, error, emptyXML: emptyXML)
        }
        let recorded: DependencyRecorder.Recorded
        do {
            recorded = try context.recordDependencies(dependencies, identities: keys.identities)
        } catch {
            return try finishUnstored(writer, run, error, emptyXML: emptyXML)
        }
        try publish(writer, emptyXML: emptyXML)
        try context.writeDepfiles(dependencies, digests: recorded.files.map(\.digest))

        let objectKey = preKey ?? keys.object(direct: direct, files: recorded.files)
        context.log.objectKey = objectKey
        var stored = "stored"
        if let why = emptyXML ?? recorded.unstorableReason {
            stored = "not stored: \(why)"
            context.statistics.add([.notStored: 1], shard: Int(direct.bytes[0]))
        } else {
            do throws(CacheError) {
                let xml: [UInt8]
                do { xml = try FileSystem.read(output) } catch { throw error.cache }
                let cap = context.sizeCap()
                if try storeObject(objectKey, xml: xml, run: run, milliseconds: UInt32(clamping: castxmlNanoseconds / 1_000_000), cap: cap),
                   try addIndexEntry(direct: direct, DirectIndexEntry(objectKey: objectKey, files: recorded.files, probes: recorded.probes)),
                   try enforce(cap, direct: direct, objectKey: objectKey) {
                    afterStore?(objectKey)
                } else {
                    stored = "not stored: the result does not fit the size cap (\(cap.maxSize) bytes)"
                    context.statistics.add([.notStoredSizeCap: 1], shard: Int(direct.bytes[0]))
                }
            } catch {
                stored = "not stored: \(error)"
                context.statistics.add([.errors: 1], shard: Int(direct.bytes[0]))
            }
        }
        context.statistics.add([.misses: 1], shard: Int(direct.bytes[0]))
        context.log.record(result: .miss, reason: "\(reason); \(stored)", elapsedSince: context.clock)
        return context.finished(run)
    }

    /// castxml succeeded but its result cannot be cached: publish it anyway.
    /// When a depfile or header digest was asked for, it cannot be written: the error goes up and castxml runs directly.
    private func finishUnstored(_ writer: AtomicWriter, _ run: Subprocess.Result, _ error: CacheError,
                                emptyXML: String?) throws(CacheError) -> CacheOutcome {
        try publish(writer, emptyXML: emptyXML)
        context.statistics.add([.misses: 1, .errors: 1], shard: 0)
        context.log.record(result: .miss, reason: "castxml ran; result not cached: \(error)", elapsedSince: context.clock)
        if context.command.dependencyRequest != nil || context.request.depfile != nil || context.request.headerDigest != nil {
            throw error
        }
        return context.finished(run)
    }

    /// Why castxml's XML (exit status 0) is no result to keep: it is missing or empty. Nil when it has bytes.
    static func emptyXMLReason(_ path: String) -> String? {
        guard let stat = (try? FileStat.ifExists(path)) ?? nil else { return "castxml exited 0 but wrote no XML" }
        return stat.size == 0 ? "castxml exited 0 but left an empty XML" : nil
    }

    /// Publishes castxml's output as it left it: a missing XML removes the output, as castxml would.
    private func publish(_ writer: AtomicWriter, emptyXML: String?) throws(CacheError) {
        if emptyXML != nil, !FileSystem.exists(writer.temporaryPath) {
            try? FileSystem.remove(context.targets.output)
            writer.abort()
            return
        }
        do { try writer.commit(ifUnchanged: context.unchangedPolicy) } catch { throw error.cache }
    }

    /// Stores the result as an object (relocated, compressed with the configured codec). False: it
    /// alone is larger than the size cap, and nothing was written.
    private func storeObject(_ objectKey: Digest, xml: [UInt8], run: Subprocess.Result, milliseconds: UInt32,
                             cap: SizeCap) throws(CacheError) -> Bool {
        let relocator = context.relocator
        let encodedXML = relocator.encode(xml)
        let relocated = encodedXML != xml
        let result = CachedResult(xml: encodedXML, standardOutput: relocator.encode(run.standardOutput),
                                  standardError: relocator.encode(run.standardError), castxmlMilliseconds: milliseconds)
        let codec = ObjectFile.Codec(setting: context.settings.string(.cacheCompression) ?? "") ?? .lz4
        let pieces = try ObjectFile.encode(result, codec: codec, relocated: relocated)
        guard cap.admits(size: Int64(pieces.reduce(0) { $0 + $1.count })) else { return false }
        try context.root.writeObject(objectKey, pieces: pieces)
        return true
    }

    /// Keeps the root under the cap after this store. The files this invocation still writes under
    /// the root (the output memo, the statistics shard) are written first, so the usage the cap
    /// sees is the usage the invocation leaves behind.
    private func enforce(_ cap: SizeCap, direct: Digest, objectKey: Digest) throws(CacheError) -> Bool {
        OutputMemo(root: context.root, output: context.targets.output, workingDirectory: context.relocator.workingDirectory).record(objectKey)
        context.statistics.add([:], shard: Int(direct.bytes[0]))
        return try cap.enforce(afterStoring: [.object(objectKey), .entryFile(directKey: direct)])
    }

    /// Adds an entry at the front of the key's entry file (caller holds the key's lock). Older
    /// entries whose object is gone (evicted) are pruned. The entry also records the key's inputs
    /// and when it was stored (`--inspect`, `--explain`). Always true (a condition in `run`).
    @discardableResult
    func addIndexEntry(direct: Digest, _ recorded: DirectIndexEntry) throws(CacheError) -> Bool {
        var entry = recorded
        entry.keyInputs = keys.inputs(castxmlPath: context.request.castxml)
        entry.storedAt = context.start.seconds
        let root = context.root
        let existing = (try? root.readEntryFile(directKey: direct)) ?? nil
        let merged = DirectIndexFile.adding(entry, to: existing, path: root.name(of: .entryFile(directKey: direct)),
                                            keeping: { $0 == entry.objectKey || FileSystem.exists(root.objectPath($0)) })
        try root.writeEntryFile(directKey: direct, merged)
        return true
    }
}
