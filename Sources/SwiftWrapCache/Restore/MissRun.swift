import Glibc
import SwiftWrapCore

extension CastXMLCache {
    // MARK: - Restore

    /// Restores an object to the output (and depfiles). Nil when the object is missing or corrupt
    /// (a corrupt object is deleted). Throws when the output cannot be written: then castxml runs
    /// and reports the problem in its own words.
    func restore(objectKey: Digest, dependencies: [String], result: CacheResult) throws(CacheError) -> CacheOutcome? {
        let path = layout.objectPath(objectKey)
        let opened: ObjectStore.Reader?
        do { opened = try ObjectStore.openFile(path) } catch {
            discardCorrupt(path, error)
            return nil
        }
        guard let view = opened else { return nil }
        let out = relocator.decode(view.standardOutput), err = relocator.decode(view.standardError)

        let memo = OutputMemo(layout: layout, output: command.output!, workingDirectory: relocator.workingDirectory)
        if memo.holds(objectKey) {
            // The output is still exactly what this object restored last time: nothing to write.
            if unchangedPolicy == .touch {
                do { try FileSystem.touch(command.output!) } catch { throw error.cache }
                memo.record(objectKey)
            }
        } else {
            do throws(CacheError) {
                try restoreXML(view, objectPath: path)
            } catch {
                if case .file = error { throw error }
                return nil  // corrupt object, already removed: a miss
            }
            memo.record(objectKey)
        }
        try writeDepfiles(dependencies)
        // Object mtime = last use: the order an exact LRU eviction needs.
        _ = utimensat(AT_FDCWD, path, nil, 0)
        let counter: Counter = result == .directHit ? .directHits : .preprocessedHits
        statistics.add([counter: 1, .millisecondsSaved: Int(view.castxmlMilliseconds)], shard: Int(objectKey.bytes[0]))
        log.objectKey = objectKey
        log.record(result: result, reason: nil, elapsedSince: clock)
        return .finished(status: .exited(0), standardOutput: out, standardError: err)
    }

    /// Streams the object's XML into the output (relocated, compared, published only if it differs).
    /// A corrupt object is deleted and reported as `corruptEntry`; an unwritable output as `file`.
    private func restoreXML(_ view: ObjectStore.Reader, objectPath path: String) throws(CacheError) {
        let sink = OutputSink(destination: command.output!)
        let decoder = view.relocated ? Relocator.StreamDecoder(workingDirectory: relocator.workingDirectory) : nil
        var writeFailure: FileError?
        let write: (UnsafeRawBufferPointer) throws(CacheError) -> Void = { chunk throws(CacheError) in
            do throws(FileError) {
                if let decoder { try decoder.feed(chunk) { (piece) throws(FileError) in try sink.write(piece) } }
                else { try sink.write(chunk) }
            } catch {
                writeFailure = error
                throw .file(error)
            }
        }
        do throws(CacheError) {
            try view.streamXML(write)
        } catch {
            // The sink's temporary file is discarded with it: the output is untouched.
            if let writeFailure { throw .file(writeFailure) }
            discardCorrupt(path, error)
            throw error
        }
        do throws(FileError) {
            try decoder?.finish { (piece) throws(FileError) in try sink.write(piece) }
        } catch { throw .file(error) }
        do { try sink.finish(ifUnchanged: unchangedPolicy) } catch { throw error.cache }
    }

    private func discardCorrupt(_ path: String, _ error: CacheError) {
        try? FileSystem.remove(path)
        log.note("removed corrupt object: \(error)")
    }

    private var unchangedPolicy: UnchangedPolicy { settings.bool(.cacheTouch) ? .touch : .keep }

    private func publish(xml: [UInt8]) throws(CacheError) {
        do { try AtomicWriter.write(xml, to: command.output!, ifUnchanged: unchangedPolicy) } catch { throw error.cache }
    }

    func writeDepfiles(_ dependencies: [String]) throws(CacheError) {
        do {
            if let request = command.dependencyRequest {
                try AtomicWriter.write(Depfile.render(targets: request.targets, dependencies: dependencies, phony: request.phony),
                                       to: request.file)
            }
            if let file = self.request.depfile {
                try AtomicWriter.write(Depfile.render(targets: [command.output!], dependencies: dependencies, phony: false), to: file)
            }
        } catch { throw error.cache }
    }

    // MARK: - Miss

    /// Runs castxml into a temporary file beside the output, with its own `-MD` depfile, then
    /// publishes the output and stores the result. castxml's failures pass through unchanged.
    func runAndStore(_ ids: Identities, direct: Digest, objectKey preKey: Digest?, reason: String) throws(CacheError) -> CacheOutcome {
        let output = command.output!
        let writer: AtomicWriter
        do { writer = try AtomicWriter(destination: output) } catch { throw error.cache }
        let depTemp = writer.temporaryPath + ".d"
        defer { unlink(depTemp) }
        let castxmlStart = Timestamp.monotonic()
        let run: Subprocess.Result
        do {
            run = try Subprocess(request.castxml, command.runArguments(output: writer.temporaryPath, extra: ["-MD", "-MF", depTemp]),
                                 standardOutput: .capture, standardError: .capture).run()
        } catch {
            writer.abort()
            throw .subprocess(error)
        }
        let castxmlNanoseconds = Timestamp.nanoseconds(since: castxmlStart)
        log.castxmlMicros = castxmlNanoseconds / 1000
        let milliseconds = UInt32(clamping: castxmlNanoseconds / 1_000_000)
        guard run.termination.succeeded else {
            // castxml deletes its output when it fails; if it removed our temporary, do as it would.
            if !FileSystem.exists(writer.temporaryPath) { try? FileSystem.remove(output) }
            writer.abort()
            statistics.add([.misses: 1, .castxmlFailures: 1], shard: Int(direct.bytes[0]))
            log.record(result: .miss, reason: "\(reason); castxml failed with \(run.termination), nothing stored", elapsedSince: clock)
            return .finished(status: run.termination, standardOutput: run.standardOutput, standardError: run.standardError)
        }

        // From here on castxml has succeeded: cache trouble is counted, never fatal.
        let dependencies: [String]
        do {
            dependencies = try Depfile.parse(try FileSystem.readText(depTemp), path: depTemp)
        } catch {
            return try finishUnstored(writer, run, reason: "\(error)")
        }
        let recorded: DependencyCheck.Recorded
        do {
            recorded = try DependencyCheck(layout: layout, relocator: relocator, hasher: hasher, start: start)
                .record(dependencies: dependencies, searchDirectories: searchDirectories(ids),
                        systemDirectories: systemDirectories(ids))
        } catch {
            return try finishUnstored(writer, run, reason: error.description)
        }
        do { try writer.commit(ifUnchanged: unchangedPolicy) } catch { throw error.cache }
        try writeDepfiles(dependencies)

        let objectKey = preKey ?? dependKey(direct: direct, files: recorded.files)
        log.objectKey = objectKey
        var stored = "stored"
        if let why = recorded.unstorableReason {
            stored = "not stored: \(why)"
        } else {
            do {
                try store(objectKey: objectKey, xml: FileSystem.read(output), run: run, milliseconds: milliseconds)
                try addManifestEntry(direct: direct, ManifestEntry(objectKey: objectKey, files: recorded.files, probes: recorded.probes))
                OutputMemo(layout: layout, output: output, workingDirectory: relocator.workingDirectory).record(objectKey)
            } catch {
                stored = "not stored: \(error)"
                statistics.add([.errors: 1], shard: Int(direct.bytes[0]))
            }
        }
        statistics.add([.misses: 1], shard: Int(direct.bytes[0]))
        log.record(result: .miss, reason: "\(reason); \(stored)", elapsedSince: clock)
        return .finished(status: run.termination, standardOutput: run.standardOutput, standardError: run.standardError)
    }

    /// castxml succeeded but its result cannot be cached: publish it anyway.
    private func finishUnstored(_ writer: AtomicWriter, _ run: Subprocess.Result, reason: String) throws(CacheError) -> CacheOutcome {
        do { try writer.commit(ifUnchanged: unchangedPolicy) } catch { throw error.cache }
        statistics.add([.misses: 1, .errors: 1], shard: 0)
        log.record(result: .miss, reason: "castxml ran; result not cached: \(reason)", elapsedSince: clock)
        if command.dependencyRequest != nil || request.depfile != nil {
            throw .depfile(path: command.output!, reason: reason)
        }
        return .finished(status: run.termination, standardOutput: run.standardOutput, standardError: run.standardError)
    }

    func store(objectKey: Digest, xml: [UInt8], run: Subprocess.Result, milliseconds: UInt32) throws {
        let encodedXML = relocator.encode(xml)
        let relocated = encodedXML != xml
        let result = CachedResult(xml: encodedXML, standardOutput: relocator.encode(run.standardOutput),
                                  standardError: relocator.encode(run.standardError), castxmlMilliseconds: milliseconds)
        let codec = ObjectStore.Codec(setting: settings.string(.cacheCompression) ?? "") ?? .lz4
        try ObjectStore.write(result, codec: codec, relocated: relocated, to: layout.objectPath(objectKey))
    }

    /// Adds an entry at the front of the key's manifest (caller holds the key's lock).
    func addManifestEntry(direct: Digest, _ entry: ManifestEntry) throws {
        let path = layout.manifestPath(direct)
        var entries = (try? FileSystem.read(path)).flatMap { try? DirectManifest.parse($0, path: path) } ?? []
        entries.removeAll { $0.objectKey == entry.objectKey && $0.files.map(\.digest) == entry.files.map(\.digest) }
        entries.insert(entry, at: 0)
        try AtomicWriter.write(DirectManifest.render(entries), to: path)
    }

    // MARK: - Preprocessor mode

    /// SHA-256 of castxml's preprocessed text with paths below the base directory relocated;
    /// without a base directory the file is hashed as it is read, never held whole in memory.
    private func preprocessedDigest(_ path: String) throws(FileError) -> Digest {
        if relocator.base == nil { return try SHA256.hashFile(path).0 }
        return SHA256.hash(relocator.encode(try FileSystem.read(path)))
    }

    /// Runs `castxml -E` and looks for an object keyed by the preprocessed text, every dependency's
    /// content and every flag that is not purely a preprocessor flag. Returns nil to fall through
    /// to a full run (which then stores under the preprocessed key when one was computed).
    func preprocessorPath(_ ids: Identities, direct: Digest) throws(CacheError) -> CacheOutcome? {
        let output = command.output!
        let textTemp = Path.directory(of: output) + "/." + Path.fileName(of: output) + ".swiftwrap-\(getpid()).i"
        let depTemp = textTemp + ".d"
        defer { unlink(depTemp); unlink(textTemp) }
        // castxml writes the preprocessed text to a file beside the output (buffered writes, no
        // pipe wake-ups: draining 5 MB through a pipe cost more CPU than everything else here).
        let preprocess = Subprocess(request.castxml, command.preprocessArguments(output: textTemp, depfile: depTemp),
                                    standardOutput: .capture, standardError: .capture)
        let preprocessStart = Timestamp.monotonic()
        let preprocessed = try? preprocess.run()
        log.preprocessMicros = Timestamp.nanoseconds(since: preprocessStart) / 1000
        guard let run = preprocessed,
              run.termination.succeeded,
              let textDigest = try? preprocessedDigest(textTemp),
              let depText = try? FileSystem.readText(depTemp),
              let dependencies = try? Depfile.parse(depText, path: depTemp) else {
            return try runAndStore(ids, direct: direct, objectKey: nil, reason: "preprocessing failed")
        }
        let recorded = try DependencyCheck(layout: layout, relocator: relocator, hasher: hasher, start: start)
            .record(dependencies: dependencies, searchDirectories: searchDirectories(ids),
                        systemDirectories: systemDirectories(ids))
        var h = SHA256()
        h.field(CastXMLCache.salt)
        h.field("preprocessed")
        keyCommon(&h, ids, skipping: command.preprocessorOnlyKeyArguments)
        h.field(textDigest.bytes)
        // Comment elements carry byte offsets into headers that -E output does not reflect: key the contents too.
        for digest in recorded.files.map({ $0.digest }).sorted() { h.field(digest.bytes) }
        let objectKey = h.finalize()
        log.objectKey = objectKey
        if let outcome = try restore(objectKey: objectKey, dependencies: dependencies, result: .preprocessedHit) {
            if recorded.unstorableReason == nil {
                try? addManifestEntry(direct: direct, ManifestEntry(objectKey: objectKey, files: recorded.files, probes: recorded.probes))
            }
            return outcome
        }
        return try runAndStore(ids, direct: direct, objectKey: objectKey, reason: "no object for the preprocessed text")
    }
}
