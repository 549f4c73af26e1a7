import SwiftWrapCore
import SwiftWrapRecords

/// One stubgen run: read the manifests, load their records (repairing lost rows through the
/// module stamps), render every stub, then write only what changed, delete stubs nothing
/// generates any more, prune, and write the depfile. With `check`, compare instead of writing.
public enum StubGenerator {
    public static let markerFile = "py.typed"
    public static let initStub = "__init__.pyi"

    public static func run(_ request: StubRequest) throws(StubError) -> StubOutcome {
        var outcome = StubOutcome()
        try checkDatabaseDirectory(request)
        var manifests = try SubmoduleKeyList.readAll(request.manifests)
        let wantsRows = manifests.contains { !$0.keys.isEmpty }
        if request.check && wantsRows && !FileSystem.exists(request.databasePath) {
            throw .missingRowsInCheck(submodules: manifests.filter { !$0.keys.isEmpty }.map(\.submodule))
        }
        var store = try open(request, &outcome)
        let statePath = StubState.path(for: request)
        if !request.check, outcome.notes.isEmpty, let outputs = try unchanged(request, manifests, store, statePath) {
            outcome.unchanged = outputs
            return outcome
        }
        var rows = try ownRows(store, request.owner)
        var incomplete = manifests.filter { !$0.keys.allSatisfy { rows[$0] != nil } }
        if !incomplete.isEmpty {
            if request.check { throw .missingRowsInCheck(submodules: incomplete.map(\.submodule)) }
            outcome.notes += store.takeNotes()
            outcome.regenerated = try repair(incomplete, request)
            manifests = try SubmoduleKeyList.readAll(request.manifests)
            store = try open(request, &outcome)
            rows = try ownRows(store, request.owner)
            incomplete = manifests.filter { !$0.keys.allSatisfy { rows[$0] != nil } }
            if !incomplete.isEmpty {
                try fail(incomplete, request, reasons: ["wrapgen ran but the database still lacks keys of " + incomplete.map(\.path).joined(separator: ", ")])
            }
        }

        let files = try render(manifests, rows: rows, store: store, request, &outcome)
        let stale = try staleStubs(in: request.outputDirectory, keeping: Set(files.map(\.path)))
        if request.check {
            outcome.differences = try differences(files, stale: stale)
            return outcome
        }
        if request.prune {
            do {
                outcome.pruned = try store.prune(owner: request.owner, keeping: Set(manifests.flatMap(\.keys)))
            } catch { throw .store(error) }
        }
        let summary: [String]
        do { summary = try store.moduleSummary() } catch { throw .store(error) }
        outcome.notes += store.takeNotes()
        // Hidden temporaries of these outputs left by killed runs (older than an hour) go first.
        AtomicWriter.removeStaleTemporaries(of: files.map(\.path) + [statePath] + (request.depfile.map { [$0] } ?? []))
        do {
            // Independent files: written (or compared and left alone) on all cores.
            let results = parallelMap(files) { file -> Result<WriteOutcome, FileError> in
                do throws(FileError) { return .success(try AtomicWriter.write(file.text, to: file.path)) } catch { return .failure(error) }
            }
            for (file, result) in zip(files, results) {
                switch try result.get() {
                case .written, .touched: outcome.written.append(file.path)
                case .unchanged: outcome.unchanged.append(file.path)
                }
            }
            for path in stale { try FileSystem.remove(path) }
            outcome.removed = stale
            if let depfile = request.depfile {
                let dependencies = request.manifests + request.stamps + [request.databasePath] + request.stubCode.map(\.path)
                try AtomicWriter.write(Depfile.render(target: files[0].path, dependencies: dependencies), to: depfile)
            }
            let written = files.map(\.path) + (request.depfile.map { [$0] } ?? [])
            // Only an optimisation: a state that cannot be written just means a full run next time.
            if let identities = StubState.files(written, directory: request.outputDirectory) {
                let state = StubState(inputs: StubState.inputs(request, manifests: manifests, summary: summary), files: identities)
                if (try? AtomicWriter.write(state.render(), to: statePath)) == nil { try? FileSystem.remove(statePath) }
            }
        } catch { throw .file(error) }
        return outcome
    }

    /// The outputs, when the state of the last run shows that nothing they depend on changed.
    private static func unchanged(_ request: StubRequest, _ manifests: [SubmoduleKeyList], _ store: RecordStore,
                                  _ statePath: String) throws(StubError) -> [String]? {
        guard let state = StubState.read(statePath) else { return nil }
        let summary: [String]
        do { summary = try store.moduleSummary() } catch { throw .store(error) }
        // A damaged file found (and set aside) by the summary query: a full run, which repairs.
        guard store.notes.isEmpty else { return nil }
        guard state.inputs == StubState.inputs(request, manifests: manifests, summary: summary) else { return nil }
        let outputs = manifests.map { Path.join(request.outputDirectory, $0.submodule + ".pyi") }
            + [Path.join(request.outputDirectory, initStub), Path.join(request.outputDirectory, markerFile)]
        let written = outputs + (request.depfile.map { [$0] } ?? [])
        guard StubState.files(written, directory: request.outputDirectory) == state.files else { return nil }
        return outputs
    }

    private static func open(_ request: StubRequest, _ outcome: inout StubOutcome) throws(StubError) -> RecordStore {
        do {
            let store = try RecordStore(directory: request.databaseDirectory)
            outcome.notes += store.takeNotes()
            return store
        } catch { throw .store(error) }
    }

    private static func ownRows(_ store: RecordStore, _ owner: String) throws(StubError) -> [String: String] {
        do {
            var result: [String: String] = [:]
            for row in try store.rows(owner: owner) { result[row.key] = row.json }
            return result
        } catch { throw .store(error) }
    }

    /// Reruns wrapgen for the modules that write `incomplete`; throws when any cannot be rerun.
    private static func repair(_ incomplete: [SubmoduleKeyList], _ request: StubRequest) throws(StubError) -> [String] {
        var stamps: [StampedModule] = []
        for path in request.stamps where FileSystem.exists(path) { stamps.append(try StampedModule.read(path)) }
        let (modules, uncovered) = StubRepair.modules(writing: incomplete.map(\.path), stamps: stamps)
        if !uncovered.isEmpty {
            try fail(incomplete, request, reasons: uncovered.map {
                "no stamp given to stubgen (--stamp/--stamp-list) records the wrapgen command that writes '\($0)'"
            })
        }
        // Every stamp is checked before any wrapgen runs: its arguments must be wrapgen options for
        // this owner and this database (a stamp's argv[0] is never run).
        guard let parser = request.parseWrapgenArguments else {
            throw .untrustedStamp(stamp: modules.first?.stampPath ?? "", reason: "this stubgen cannot read wrapgen options")
        }
        var checked: [(module: StampedModule, arguments: [String])] = []
        for module in modules {
            checked.append((module, try module.checkedArguments(owner: request.owner, databaseDirectory: request.databaseDirectory,
                                                                 parser: parser)))
        }
        let result = StubRepair.rerun(checked, wrapgen: request.wrapgen)
        if !result.failures.isEmpty {
            let failed = modules.filter { result.failedModules.contains($0.module) }
            let written = Set(failed.flatMap(\.manifests))
            try fail(incomplete.filter { written.contains(StampedModule.canonical($0.path)) }, request,
                     reasons: result.failures, modules: failed)
        }
        return result.regenerated
    }

    /// Removes the stamps of the modules that write `incomplete` (so Ninja reruns them) and throws.
    private static func fail(_ incomplete: [SubmoduleKeyList], _ request: StubRequest, reasons: [String],
                             modules given: [StampedModule]? = nil) throws(StubError) -> Never {
        var modules = given ?? []
        if given == nil {
            var stamps: [StampedModule] = []
            for path in request.stamps where FileSystem.exists(path) {
                if let stamp = try? StampedModule.read(path) { stamps.append(stamp) }
            }
            modules = StubRepair.modules(writing: incomplete.map(\.path), stamps: stamps).modules
        }
        var removed: [String] = []
        for module in modules {
            do { try FileSystem.remove(module.stampPath) } catch { throw .file(error) }
            removed.append(module.stampPath)
        }
        throw .unrepairable(modules: modules.map(\.module), submodules: incomplete.map(\.submodule),
                            removedStamps: removed, reasons: reasons)
    }

    private static func render(_ manifests: [SubmoduleKeyList], rows: [String: String], store: RecordStore,
                               _ request: StubRequest, _ outcome: inout StubOutcome) throws(StubError) -> [(path: String, text: String)] {
        // Decoding and rendering are per submodule and independent: both run on all cores.
        let decoded = parallelMap(manifests) { manifest in
            manifest.keys.map { key in (key, decodeRecord(rows[key]!)) }
        }
        var bySubmodule: [[ClassRecord]] = []
        var all: [ClassRecord] = []
        var packages = Set<String>()
        for records in decoded {
            var list: [ClassRecord] = []
            list.reserveCapacity(records.count)
            for (key, record) in records {
                guard let record else { throw .undecodableRecord(key: key, owner: request.owner, database: request.databasePath) }
                packages.insert(record.package)
                list.append(record)
            }
            all += list
            bySubmodule.append(list)
        }
        if packages.count > 1 { throw .mixedPackages(packages: packages.sorted(), manifests: manifests.map(\.path)) }
        try checkPythonNames(all)
        let package = packages.first ?? request.owner

        var catalog = StubCatalog(own: all)
        let foreign = catalog.referencedForeignKeys
        if !foreign.isEmpty {
            let found: [RecordStore.Row]
            do { found = try store.rows(keys: foreign, excludingOwner: request.owner) } catch { throw .store(error) }
            for row in found {
                if let record = decodeRecord(row.json) { catalog.addExternal(record) } else {
                    outcome.notes.append("record '\(row.key)' of owner '\(row.owner)' does not decode; stubs use Any for it")
                }
            }
        }
        catalog.indexInheritance()
        let finalCatalog = catalog
        // Two halves on two cores, each with its own memo (shared ancestors are analysed twice).
        let halves = [Array(all[..<(all.count / 2)]), Array(all[(all.count / 2)...])]
        let checked = parallelMap(halves) { half in
            let checker = OverrideChecker(catalog: finalCatalog)
            let inplace = checker.incompatibleInplaceOperators(of: half)
            return [checker.incompatibleOverrides(of: half).union(inplace.override), inplace.misc]
        }
        let ignores = checked.reduce(into: Set<String>()) { $0.formUnion($1[0]) }
        let inplace = checked.reduce(into: Set<String>()) { $0.formUnion($1[1]) }
        let fragments = try readFragments(request, manifests: manifests, records: bySubmodule)
        let texts = parallelMap(Array(zip(manifests.map(\.submodule), bySubmodule))) { submodule, records in
            ModuleStubWriter(package: package, submodule: submodule, catalog: finalCatalog, overrideIgnores: ignores,
                             inplaceIgnores: inplace, fragments: fragments[submodule] ?? []).render(records)
        }
        var files = zip(manifests, texts).map { (path: Path.join(request.outputDirectory, $0.submodule + ".pyi"), text: $1) }
        var initLines = [ModuleStubWriter.header, "# Package \(package): mirrors its __init__.py (one star import per submodule, in dependency order)."]
        if !manifests.isEmpty { initLines.append("") }
        initLines += manifests.map { "from .\($0.submodule) import *" }
        files.append((Path.join(request.outputDirectory, initStub), initLines.joined(separator: "\n") + "\n"))
        files.append((Path.join(request.outputDirectory, markerFile), ""))
        return files
    }

    /// The `--stub-code` fragments by submodule; a submodule no manifest names is an error.
    private static func readFragments(_ request: StubRequest, manifests: [SubmoduleKeyList],
                                      records: [[ClassRecord]]) throws(StubError) -> [String: [StubFragment]] {
        var classes: [String: Set<String>] = [:]
        for (manifest, list) in zip(manifests, records) {
            classes[manifest.submodule] = Set(list.filter { $0.kind != "enum" }.map(\.pythonName))
        }
        var result: [String: [StubFragment]] = [:]
        for (submodule, path) in request.stubCode {
            guard let names = classes[submodule] else {
                throw .stubCode(path: path, line: nil, message: "--stub-code names submodule '\(submodule)', which no manifest of this run has")
            }
            result[submodule, default: []].append(try StubFragment.read(path, classes: names))
        }
        return result
    }

    /// The fast reader, then Foundation's decoder for anything it does not handle.
    static func decodeRecord(_ json: String) -> ClassRecord? {
        RecordJSONReader.decode(json) ?? RecordCoding.decode(json)
    }

    /// `.pyi` files in the output directory that this run does not generate.
    private static func staleStubs(in directory: String, keeping: Set<String>) throws(StubError) -> [String] {
        guard FileSystem.exists(directory) else { return [] }
        do {
            return try FileSystem.list(directory).filter { $0.hasSuffix(".pyi") }
                .map { Path.join(directory, $0) }.filter { !keeping.contains($0) }
        } catch { throw .file(error) }
    }

    private static func differences(_ files: [(path: String, text: String)], stale: [String]) throws(StubError) -> [String] {
        var result: [String] = []
        for file in files {
            var current = ""
            if FileSystem.exists(file.path) {
                do { current = try FileSystem.readText(file.path) } catch { throw .file(error) }
            } else if file.text.isEmpty {
                result.append("--- \(file.path)\n+++ \(file.path)\n(missing; would be created empty)\n")
                continue
            }
            let diff = UnifiedDiff.render(old: current, new: file.text, oldLabel: FileSystem.exists(file.path) ? file.path : "/dev/null",
                                          newLabel: file.path + " (generated)")
            if !diff.isEmpty { result.append(diff) }
        }
        for path in stale {
            let current: String
            do { current = try FileSystem.readText(path) } catch { throw .file(error) }
            let diff = UnifiedDiff.render(old: current, new: "", oldLabel: path, newLabel: "/dev/null (no longer generated)")
            result.append(diff.isEmpty ? "--- \(path)\n+++ /dev/null (no longer generated)\n" : diff)
        }
        return result
    }
}
