import Glibc
import SwiftWrapCore

/// A SWIG miss: SWIG runs with its outputs redirected into fresh temporary directories (one beside
/// the `-o` file, one inside `-outdir`, so publishing is a rename on the same file system) and with
/// its own `-MD` list; every file it wrote is then published (only where the bytes differ) and the
/// run is stored as one object (`OutputBundle`) under the files it read.
struct SwigMissRun {
    let context: SwigContext
    let keys: SwigKeys

    /// SWIG's failures pass through unchanged (like SWIG, the user's depfile is removed); nothing is stored.
    func run(direct: Digest, reason: String) throws(CacheError) -> CacheOutcome {
        let output = context.output
        let beside = try SwigMissRun.temporaryDirectory(in: Path.directory(of: output), for: Path.fileName(of: output))
        defer { try? FileSystem.removeTree(beside) }
        var outdir: String?
        defer { if let outdir { try? FileSystem.removeTree(outdir) } }
        if let directory = context.command.outputDirectory {
            outdir = try SwigMissRun.temporaryDirectory(in: directory, for: Path.fileName(of: output))
        }
        let depTemp = beside + ".d"
        defer { unlink(depTemp) }
        let started = Timestamp.monotonic()
        let run: Subprocess.Result
        do {
            run = try Subprocess(context.request.castxml,
                                 context.command.runArguments(output: beside + "/" + Path.fileName(of: output), outputDirectory: outdir,
                                                              depfile: depTemp),
                                 standardOutput: .capture, standardError: .capture).run()
        } catch { throw .subprocess(error) }
        let nanoseconds = Timestamp.nanoseconds(since: started)
        context.log.castxmlMicros = nanoseconds / 1000
        let shard = Int(direct.bytes[0])
        guard run.termination.succeeded else {
            if let request = context.command.dependencyRequest { try? FileSystem.remove(request.file) }
            context.statistics.add([.misses: 1, .castxmlFailures: 1], shard: shard)
            context.log.record(result: .miss, reason: "\(reason); swig failed with \(run.termination), nothing stored", elapsedSince: context.clock)
            return .finished(status: run.termination, standardOutput: run.standardOutput, standardError: run.standardError)
        }
        let bundle = try collect(beside: beside, outdir: outdir, run: run)
        let listed = try CacheContext.readDependencyFile(depTemp)  // SWIG's -MD list: the same depfile form
        let wd = context.relocator.workingDirectory
        let library = SwigDepfile.libraryDirectory(listed, workingDirectory: wd)
        let search = SwigDepfile.searchDirectories(context.command, dependencies: listed, workingDirectory: wd)
        let dependencies = listed + SwigRawIncludes.files(in: listed, library: library, searchDirectories: search, workingDirectory: wd)
        var unstorable: String?
        var recorded: DependencyRecorder.Recorded?
        do {
            recorded = try DependencyRecorder(root: context.root, relocator: context.relocator, hasher: context.hasher, start: context.start)
                .record(dependencies: dependencies, searchDirectories: search,
                        systemDirectories: library.map { [$0] } ?? [], pathCheck: PathChangeCheck(start: context.start))
            unstorable = recorded?.unstorableReason
        } catch {
            unstorable = "\(error)"
        }
        try publish(bundle)
        try context.writeDepfile(dependencies)

        if context.relocator.base != nil, bundle.outputs.contains(where: { $0.bytes.contains(0) }) {
            unstorable = unstorable ?? "an output holds a NUL byte, which relocation reserves"
        }
        var stored = "stored"
        if let why = unstorable ?? (recorded == nil ? "no dependency list" : nil) {
            stored = "not stored: \(why)"
            context.statistics.add([.notStored: 1], shard: shard)
        } else if let recorded {
            do throws(CacheError) {
                let objectKey = keys.object(direct: direct, files: recorded.files)
                context.log.objectKey = objectKey
                try store(objectKey, bundle: bundle, run: run, milliseconds: UInt32(clamping: nanoseconds / 1_000_000))
                let root = context.root
                let existing = (try? root.readEntryFile(directKey: direct)) ?? nil
                try root.writeEntryFile(directKey: direct, DirectIndexFile.adding(
                    DirectIndexEntry(objectKey: objectKey, files: recorded.files, probes: recorded.probes), to: existing,
                    path: root.name(of: .entryFile(directKey: direct))))
                if !(try context.sizeCap().enforce(afterStoring: [.object(objectKey), .entryFile(directKey: direct)])) {
                    stored = "not stored: larger than the size cap"
                    context.statistics.add([.notStoredSizeCap: 1], shard: shard)
                }
            } catch {
                stored = "not stored: \(error)"
                context.statistics.add([.errors: 1], shard: shard)
            }
        }
        context.statistics.add([.misses: 1], shard: shard)
        context.log.record(result: .miss, reason: "\(reason); \(stored)", elapsedSince: context.clock)
        return .finished(status: run.termination, standardOutput: run.standardOutput, standardError: run.standardError)
    }

    /// Every file SWIG wrote, by place. A temporary directory's name in any of them (SWIG wrote a
    /// path it was given) would differ from a direct run: then SWIG runs directly instead.
    private func collect(beside: String, outdir: String?, run: Subprocess.Result) throws(CacheError) -> OutputBundle {
        var outputs: [OutputBundle.Output] = []
        for (place, directory) in [(OutputBundle.Place.besideOutput, beside)] + (outdir.map { [(OutputBundle.Place.outputDirectory, $0)] } ?? []) {
            let names: [String]
            do { names = try FileSystem.list(directory) } catch { throw error.cache }
            for name in names {
                do { outputs.append(.init(place: place, name: name, bytes: try FileSystem.read(directory + "/" + name))) } catch { throw error.cache }
            }
        }
        guard outputs.contains(where: { $0.place == .besideOutput && $0.name == Path.fileName(of: context.output) }) else {
            throw .output(path: context.output, reason: "swig exited 0 but wrote no such file")
        }
        let marks = [beside, outdir].compactMap { $0 }.map { Array(Path.fileName(of: $0).utf8) }
        for output in outputs {
            if marks.contains(where: { SwigMissRun.contains(output.bytes, $0) }) {
                throw .output(path: output.name, reason: "swig wrote the cache's temporary directory into it")
            }
        }
        return OutputBundle(outputs: outputs)
    }

    /// Publishes each output where SWIG would have written it, the `-o` wrapper last; an output that
    /// already holds the same bytes is left alone (or touched with `--touch`).
    private func publish(_ bundle: OutputBundle) throws(CacheError) {
        let wrapper = Path.fileName(of: context.output)
        let ordered = bundle.outputs.filter { !($0.place == .besideOutput && $0.name == wrapper) }
            + bundle.outputs.filter { $0.place == .besideOutput && $0.name == wrapper }
        for output in ordered {
            let destination = Path.join(context.directory(for: output.place), output.name)
            do { try AtomicWriter.write(output.bytes, to: destination, ifUnchanged: context.unchangedPolicy) } catch { throw error.cache }
        }
    }

    private func store(_ objectKey: Digest, bundle: OutputBundle, run: Subprocess.Result, milliseconds: UInt32) throws(CacheError) {
        let relocator = context.relocator
        var encoded = bundle
        for index in encoded.outputs.indices { encoded.outputs[index].bytes = relocator.encode(bundle.outputs[index].bytes) }
        let relocated = encoded != bundle
        let result = CachedResult(xml: encoded.encode(), standardOutput: relocator.encode(run.standardOutput),
                                  standardError: relocator.encode(run.standardError), castxmlMilliseconds: milliseconds)
        let codec = ObjectFile.Codec(setting: context.settings.string(.cacheCompression) ?? "") ?? .lz4
        try context.root.writeObject(objectKey, pieces: ObjectFile.encode(result, codec: codec, relocated: relocated))
    }

    /// A fresh directory `.<name>.swig.XXXXXX` inside `directory`.
    static func temporaryDirectory(in directory: String, for name: String) throws(CacheError) -> String {
        var template = Array("\(directory)/.\(name).swig.XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw .file(FileError.current(.open, directory))
        }
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBytes { h in needle.withUnsafeBytes { n in Bytes.find(n, in: h) != nil } }
    }
}
