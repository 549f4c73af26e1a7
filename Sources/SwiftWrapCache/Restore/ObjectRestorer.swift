import SwiftWrapCore

/// Restores a stored object to the output: streamed, relocated, decompressed and published only
/// when the bytes differ (or skipped entirely when the output memo vouches for the output), then
/// the depfiles, the object's use, the statistics and the log.
struct ObjectRestorer {
    let context: CacheContext

    /// Restores an object to the output (and depfiles). Nil when the object is missing or corrupt
    /// (a corrupt object is deleted). `digests`: the content hashes of the distinct `dependencies`. Throws when the output cannot be written: then castxml runs
    /// and reports the problem in its own words.
    func restore(objectKey: Digest, dependencies: [String], digests: [Digest], result: CacheResult) throws(CacheError) -> CacheOutcome? {
        let root = context.root, relocator = context.relocator, output = context.targets.output
        let view: ObjectFile.Reader
        let opened: ObjectBytes
        do {
            guard let bytes = try context.source.openObject(objectKey) else { return nil }
            opened = bytes
            view = try ObjectFile.reader(bytes.source, size: bytes.size, path: bytes.name)
        } catch {
            discardCorrupt(objectKey, error)
            return nil
        }
        let out = relocator.decode(view.standardOutput), err = relocator.decode(view.standardError)

        let memo = OutputMemo(root: root, output: output, workingDirectory: relocator.workingDirectory)
        if memo.holds(objectKey, known: context.targets.outputState) {
            // The output is still exactly what this object restored last time: nothing to write.
            if context.unchangedPolicy == .touch {
                do { try FileSystem.touch(output) } catch { throw error.cache }
                memo.record(objectKey)
            }
        } else {
            do throws(CacheError) {
                try restoreXML(view, objectKey: objectKey)
            } catch {
                if case .file = error { throw error }
                return nil  // corrupt object, already removed: a miss
            }
            memo.record(objectKey)
        }
        try context.writeDepfiles(dependencies, digests: digests)
        // Object mtime = last use: the order LRU eviction needs (primary root only; through the
        // descriptor already open, and skipped when set within the last second).
        if context.sourceIsPrimary { root.recordUse(of: opened, now: context.start) }
        let counter: Counter = result == .directHit ? .directHits : result == .remoteHit ? .remoteHits : .preprocessedHits
        context.statistics.add([counter: 1, .millisecondsSaved: Int(view.castxmlMilliseconds)], shard: Int(objectKey.bytes[0]))
        context.log.objectKey = objectKey
        context.log.record(result: result, reason: nil, elapsedSince: context.clock)
        return .finished(status: .exited(0), standardOutput: out, standardError: err)
    }

    /// Streams the object's XML into the output (relocated, compared, published only if it differs).
    /// A corrupt object is deleted and reported as `corruptEntry`; an unwritable output as `file`.
    private func restoreXML(_ view: ObjectFile.Reader, objectKey: Digest) throws(CacheError) {
        let sink = OutputSink(destination: context.targets.output)
        let decoder = view.relocated ? Relocator.StreamDecoder(relocator: context.relocator) : nil
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
            discardCorrupt(objectKey, error)
            throw error
        }
        do throws(FileError) {
            try decoder?.finish { (piece) throws(FileError) in try sink.write(piece) }
        } catch { throw .file(error) }
        do { try sink.finish(ifUnchanged: context.unchangedPolicy) } catch { throw error.cache }
    }

    private func discardCorrupt(_ objectKey: Digest, _ error: CacheError) {
        if context.sourceIsPrimary { try? context.root.remove(.object(objectKey)) }
        context.log.note("removed corrupt object: \(error)")
    }
}
