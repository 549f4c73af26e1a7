import SwiftWrapCore

/// Restores a stored SWIG run: every output of its bundle to its place (relocated, and written only
/// when its bytes differ, so Ninja's `restat` sees an unchanged file untouched), the `-o` wrapper
/// last, then the depfile, the object's use, the statistics and the log.
struct SwigRestorer {
    let context: SwigContext

    /// Nil when the object is missing or corrupt (a corrupt one is removed). Throws when an output
    /// cannot be written: then SWIG runs directly and reports the problem in its own words.
    func restore(objectKey: Digest, dependencies: [String]) throws(CacheError) -> CacheOutcome? {
        let root = context.root, relocator = context.relocator
        let view: ObjectFile.Reader
        var bundle: OutputBundle
        do {
            guard let opened = try root.openObject(objectKey) else { return nil }
            view = try ObjectFile.reader(opened.source, size: opened.size, path: opened.name)
            var payload: [UInt8] = []
            try view.streamXML { (chunk) throws(CacheError) in payload += chunk }
            bundle = try OutputBundle.decode(payload, path: opened.name)
            try check(bundle, path: opened.name)
        } catch {
            if case .corruptEntry = error {
                try? root.remove(.object(objectKey))
                context.log.note("removed corrupt object: \(error)")
                return nil
            }
            throw error
        }
        // The -o wrapper last: it is the build's output, the others are byproducts.
        let wrapperName = Path.fileName(of: context.output)
        bundle.outputs.sort { ($0.place == .besideOutput && $0.name == wrapperName ? 1 : 0) < ($1.place == .besideOutput && $1.name == wrapperName ? 1 : 0) }
        for output in bundle.outputs {
            let destination = Path.join(context.directory(for: output.place), output.name)
            let bytes = view.relocated ? relocator.decode(output.bytes) : output.bytes
            do { try AtomicWriter.write(bytes, to: destination, ifUnchanged: context.unchangedPolicy) } catch { throw error.cache }
        }
        try context.writeDepfile(dependencies)
        root.recordUse(.object(objectKey))
        context.statistics.add([.directHits: 1, .millisecondsSaved: Int(view.castxmlMilliseconds)], shard: Int(objectKey.bytes[0]))
        context.log.objectKey = objectKey
        context.log.record(result: .directHit, reason: nil, elapsedSince: context.clock)
        return .finished(status: .exited(0), standardOutput: relocator.decode(view.standardOutput),
                         standardError: relocator.decode(view.standardError))
    }

    /// A bundle must hold the `-o` file, and outputs for `-outdir` only when this command has one
    /// (the key covers both, so anything else is damage).
    private func check(_ bundle: OutputBundle, path: String) throws(CacheError) {
        let wrapperName = Path.fileName(of: context.output)
        guard bundle.outputs.contains(where: { $0.place == .besideOutput && $0.name == wrapperName }) else {
            throw .corruptEntry(path: path, reason: "output bundle has no '\(wrapperName)'")
        }
        if context.command.outputDirectory == nil, bundle.outputs.contains(where: { $0.place == .outputDirectory }) {
            throw .corruptEntry(path: path, reason: "output bundle has -outdir files but the command has no -outdir")
        }
    }
}
