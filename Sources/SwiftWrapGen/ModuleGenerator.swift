import SwiftWrapCore
import SwiftWrapRecords

/// Everything a module run will write, decided before anything is written (the `.i` texts are
/// rendered by `write` once the rows are committed).
public struct ModulePlan {
    public var rows: [StoredRecord]
    public var digest: Digest
    /// Output path → bytes, for the `.idx` and `.index.txt` files.
    public var manifestFiles: [(path: String, text: String)]
    /// Output path → interface, for the `.i` files.
    public var interfaces: [(path: String, interface: SubmoduleInterface)] = []
    public var module: String
    public var owner: String
    public var package: String
    /// The warnings in order, their terminal lines and the `--warnings-file` bytes: made on a second
    /// thread while this one commits the rows (ModuleGenerator.plan).
    let warningTexts: WarningTexts
    /// Every file read: XML files and imported alias indexes.
    public var inputs: [String]
    /// The database, opened with the module's old rows read while the records were built (nil
    /// without `ModuleRequest.warmDatabase`).
    let warmedStore: WarmedStore?

    /// Every warning, sorted.
    public var warnings: [Warning] { warningTexts.value.warnings }
    /// How many warnings the run gave (one per use).
    public var warningCount: Int { warningTexts.value.warnings.count }
    /// The terminal's lines for `warnings` (WarningSummary).
    public var summary: [String] { warningTexts.value.summary }
    /// `--warnings-file` and its bytes.
    public var warningsFile: (path: String, text: String)? { warningTexts.value.file }
}

/// The record database opened on a second thread (RecordStore.warmed). The store is handed over
/// once that thread is joined and used by one thread at a time.
final class WarmedStore {
    private final class Box: @unchecked Sendable {
        let store: RecordStore?
        init(_ store: RecordStore?) { self.store = store }
    }
    private let task: BackgroundTask<Box>

    init(_ request: ModuleRequest) {
        let (directory, owner, module) = (request.databaseDirectory, request.owner, request.module)
        task = BackgroundTask { Box(RecordStore.warmed(directory: directory, owner: owner, module: module)) }
    }

    var store: RecordStore? { task.wait().store }
}

/// A plan's warnings made ready on a second thread: merged, sorted, summarised for the terminal and
/// rendered for `--warnings-file`. The thread first frees the parsed documents (`Disposal`), so their
/// memory is back before the rest of the run allocates. Read by the thread that made the plan.
final class WarningTexts {
    struct Value: Sendable {
        var warnings: [Warning]
        var summary: [String]
        var file: (path: String, text: String)?
    }
    private let task: BackgroundTask<Value>

    init(_ warnings: Set<Warning>, _ more: WarningList, module: String, file: String?, freeingFirst disposal: Disposal) {
        task = BackgroundTask {
            disposal.release()
            var warnings = warnings
            warnings.formUnion(more)
            let sorted = warnings.sorted()
            return Value(warnings: sorted, summary: WarningSummary.lines(sorted, module: module),
                         file: file.map { ($0, sorted.map { $0.description + "\n" }.joined()) })
        }
    }

    var value: Value { task.wait() }
}

extension ModulePlan {
    /// The `.i` files' bytes.
    func renderedInterfaces() -> [(path: String, text: String)] {
        interfaces.map { (path: $0.path, text: SwigInterfaceWriter.render($0.interface, module: module, owner: owner, package: package)) }
    }

    /// Every file the plan writes but the stamp and the depfile, in the order they are written.
    public var files: [(path: String, text: String)] {
        manifestFiles + renderedInterfaces() + (warningsFile.map { [$0] } ?? [])
    }
}

/// Objects whose deallocation is moved off the critical path: `release()` drops them on the thread
/// that calls it. Never read, and released by one thread only, so handing the box over is safe.
final class Disposal: @unchecked Sendable {
    private var objects: [AnyObject]
    init(_ objects: [AnyObject]) { self.objects = objects }
    func release() { objects = [] }
}

/// What a module run did.
public struct ModuleOutcome: Sendable {
    public var notes: [String]
    public var written: [String]
    public var unchanged: [String]
}

/// One wrapgen run: read the submodules' XML, build records, write database rows, manifests,
/// alias indexes, SWIG interfaces and, last, the stamp.
public enum ModuleGenerator {
    /// Reads and analyses every input. Writes nothing.
    public static func plan(_ request: ModuleRequest) throws(WrapgenError) -> ModulePlan {
        try plan(request) { _ in nil }
    }

    /// `split` chooses where a submodule's typedefs are cut between two threads (tests force a cut;
    /// nil: by work, or not at all for small submodules; SubmoduleRecords.swift).
    static func plan(_ request: ModuleRequest, split: ([WrappedTypedef]) -> Int?) throws(WrapgenError) -> ModulePlan {
        var warnings = Set<Warning>()
        var parsed: [AutomaticBases.Parsed] = []
        var warmedStore: WarmedStore?
        for submodule in request.submodules {
            let document: CastXMLDocument
            var typedefs: [WrappedTypedef]
            do {
                document = try CastXMLReader.read(submodule.xmlPath)
                // The first file is read (on both processors for a large one): the database is
                // opened alongside the rest of the plan.
                if request.warmDatabase && warmedStore == nil { warmedStore = WarmedStore(request) }
                let resolver = TypeResolver(document: document)
                typedefs = try WrappersNamespace.typedefs(in: document, resolver: resolver, qualifiedName: request.wrappersNamespace,
                                                          warnings: &warnings)
                typedefs = SmartPointerType.withoutSmartPointers(typedefs, resolver: resolver, intrusive: request.intrusivePointers,
                                                                 warnings: &warnings)
                parsed.append((submodule, resolver, typedefs))
            } catch { throw .castXML(error) }
        }
        try checkDuplicateNames(parsed)
        let projectTypes = try readProjectTypes(request)
        var (aliases, ownEntries) = try aliasIndex(parsed, request, &warnings)
        AutomaticBases.add(to: &parsed, aliases: &aliases, ownEntries: &ownEntries, projectTypes: projectTypes, warnings: &warnings)

        var rows: [StoredRecord] = []
        var files: [(path: String, text: String)] = []
        var interfaces: [SubmoduleInterface] = []
        var usedOwnership = Set<OwnershipDeclaration>()
        let moduleSubmodules = Set(request.submodules.map(\.name))
        var operators = FreeOperatorOutcome()
        var usedBuffers = Set<String>()
        var builderWarnings = WarningList()
        var spentBuilders: [AnyObject] = []
        for (submodule, resolver, typedefs) in parsed {
            let settings = RecordBuilderSettings(request, submodule, document: resolver.document, aliases: aliases)
            var builder = settings.builder(resolver: resolver)
            let wrapped = typedefs.filter { aliases.alias(for: $0.cppType)?.alias == $0.name || $0.isEnumeration }
            let built = SubmoduleRecords.build(wrapped, settings: settings, builder: &builder, cut: split(wrapped))
            if let spent = built.spent { spentBuilders.append(spent) }
            var records = built.records
            builder.addFreeOperators(to: &records, moduleSubmodules: moduleSubmodules, outcome: &operators, found: built.freeOperators)
            records += try builder.buildModuleLevel(functions: submodule.functions, constants: submodule.constants)
            try HookApplication.apply(submodule.hooks, submodule: submodule.name, records: &records, interface: &builder.interface,
                                      warnings: &warnings)
            rows += storedRecords(records, built: built)
            // Merged into the set on the second thread (WarningTexts): thousands on ITK-sized modules.
            builderWarnings.formUnion(builder.warnings)
            warnings.formUnion(builder.docs?.warnings ?? [])
            usedOwnership.formUnion(builder.usedOwnership)
            usedBuffers.formUnion(builder.usedBuffers)
            files.append((request.outputPath(submodule.name, ".idx"), AliasIndex.render(ownEntries[submodule.name] ?? [])))
            files.append((request.outputPath(submodule.name, KeyList.suffix), KeyList.render(keys: records.map(\.key))))
            interfaces.append(builder.interface)
        }
        for name in request.buffers.keys.sorted() where !usedBuffers.contains(name) {
            warnings.insert(Warning(location: request.module, message: "--buffer \(name): no wrapped class has a public method of this name; declaration ignored"))
        }
        for declaration in Set(request.ownership).subtracting(usedOwnership).sorted() {
            warnings.insert(Warning(location: request.module, message: "\(declaration) names no method of a class module \(request.module) wraps (give the class that declares the method, spelled as in TYPES, e.g. ns::Class<int>, and the method's C++ name); not applied"))
        }
        // The parsed documents and the second builders are done with: a second thread frees them
        // (milliseconds for ITK-sized files), so what they held is reused by the rest of the run, and
        // then sorts and summarises the warnings, while this one finishes the plan and commits it.
        warnings.formUnion(operators.unattached)
        let warningTexts = WarningTexts(warnings, builderWarnings, module: request.module, file: request.warningsFile,
                                        freeingFirst: Disposal(parsed.map(\.resolver) + spentBuilders))
        parsed = []
        spentBuilders = []
        try ModuleLevelNames.check(rows.map(\.record), module: request.module)
        // Whether a class is held by std::shared_ptr is decided for the whole module (SmartPointerInterface.swift).
        SharedPointerHolders.apply(to: &interfaces)
        rows.sort { $0.record.key < $1.record.key }
        if let projectTypes {
            let missing = projectTypes.missingDependencies(rows, module: request.module)
            if !missing.isEmpty { throw .missingDependency(missing) }
        }
        let digest = RecordCoding.digest(rows.map { (key: $0.record.key, json: $0.json) })
        return ModulePlan(rows: rows, digest: digest, manifestFiles: files,
                          interfaces: interfaces.map { (request.outputPath($0.submodule, ".i"), $0) },
                          module: request.module, owner: request.owner, package: request.package,
                          warningTexts: warningTexts,
                          inputs: request.submodules.map(\.xmlPath) + request.importedIndexes
                              + (request.projectTypes.map { [$0] } ?? []) + request.projectIndexes.map(\.path),
                          warmedStore: warmedStore)
    }

    /// The rows of a submodule's records, with the JSON encoded as they were built. Free operators and
    /// hooks change a few records after that: those are encoded again.
    private static func storedRecords(_ records: [ClassRecord], built: SubmoduleRecords.Built) -> [StoredRecord] {
        records.enumerated().map { index, record in
            let json = index < built.json.count && record == built.records[index] ? built.json[index] : RecordCoding.encode(record)
            return StoredRecord(record: record, json: json)
        }
    }

    /// The own typedefs' entries (the first of two names for one type stands, with a warning),
    /// then the imported `.idx` files' entries.
    private static func aliasIndex(_ parsed: [AutomaticBases.Parsed], _ request: ModuleRequest, _ warnings: inout Set<Warning>)
        throws(WrapgenError) -> (AliasIndex, [String: [AliasIndex.Entry]]) {
        var aliases = AliasIndex()
        var ownEntries: [String: [AliasIndex.Entry]] = [:]
        var ownLocations: [String: String] = [:]
        for (submodule, resolver, typedefs) in parsed {
            for typedef in typedefs {
                let entry = AliasIndex.Entry(cppType: typedef.cppType, alias: typedef.name, submodule: submodule.name)
                let standing = aliases.add(entry)
                if standing == entry {
                    ownEntries[submodule.name, default: []].append(entry)
                    ownLocations[typedef.cppType] = resolver.location(typedef.place)
                } else {
                    warnings.insert(Warning(location: resolver.location(typedef.place),
                                            message: "'\(typedef.name)' wraps \(typedef.cppType), already wrapped as '\(standing.alias)' in \(standing.submodule); SWIG uses '\(standing.alias)'"))
                }
            }
        }
        for path in request.importedIndexes {
            do {
                for entry in try AliasIndex.read(path) {
                    let standing = aliases.add(entry)
                    if standing != entry, let location = ownLocations[entry.cppType] {
                        // A dependency wraps it already (listed there, or as an automatic base): two proxies of one type.
                        warnings.insert(Warning(location: location, message: "'\(standing.alias)' wraps \(entry.cppType), which submodule \(entry.submodule) of a dependency module already wraps as '\(entry.alias)'; remove it from this module's TYPES"))
                    }
                }
            } catch { throw .format(error) }
        }
        return (aliases, ownEntries)
    }

    /// `--project-types` and the `.idx` files of `--project-index`: what the package's other
    /// modules, which this one does not depend on, wrap.
    private static func readProjectTypes(_ request: ModuleRequest) throws(WrapgenError) -> ProjectTypes? {
        guard request.projectTypes != nil || !request.projectIndexes.isEmpty else { return nil }
        do {
            var types = try request.projectTypes.map { path throws(FormatError) in try ProjectTypes.read(path) } ?? ProjectTypes()
            for index in request.projectIndexes {
                types.add(module: index.module, cppTypes: try AliasIndex.read(index.path).map(\.cppType))
            }
            return types
        } catch { throw .format(error) }
    }

    private static func checkDuplicateNames(_ parsed: [AutomaticBases.Parsed]) throws(WrapgenError) {
        var seen: [String: (submodule: String, location: String)] = [:]
        for (submodule, resolver, typedefs) in parsed {
            for typedef in typedefs {
                let location = resolver.location(typedef.place)
                if let first = seen[typedef.name], first.submodule != submodule.name {
                    throw .duplicateName("wrapped name '\(typedef.name)' is declared by two submodules: \(first.submodule) (\(first.location)) and \(submodule.name) (\(location)); rename one of the typedefs")
                }
                seen[typedef.name] = (submodule.name, location)
            }
        }
    }

    /// Commits the rows, writes the files whose bytes changed, the depfile, and the stamp last.
    ///
    /// The stamp never describes rows other than the committed ones: a commit that changes the
    /// module's digest first removes the old stamp (inside the write transaction; if that fails,
    /// nothing is committed), and when writing any output fails after the commit, the stamp is
    /// removed too, so the next build reruns this step. A run whose digest is unchanged leaves an
    /// identical stamp untouched (Ninja's restat).
    public static func write(_ plan: ModulePlan, _ request: ModuleRequest) throws(WrapgenError) -> ModuleOutcome {
        let stampPath = request.stampPath
        let outputs = plan.manifestFiles.map(\.path) + plan.interfaces.map(\.path) + (request.warningsFile.map { [$0] } ?? [])
        AtomicWriter.removeStaleTemporaries(of: outputs + [stampPath] + (request.depfile.map { [$0] } ?? []))
        let store: RecordStore
        if let warmed = plan.warmedStore?.store, warmed.isStillTheFileAtItsPath {
            store = warmed
        } else {
            do { store = try RecordStore(directory: request.databaseDirectory) } catch { throw .store(error) }
        }
        do {
            try store.replaceModule(owner: request.owner, module: request.module, submodules: request.submodules.map(\.name),
                                    rows: plan.rows, digest: plan.digest.hex) { () throws(FileError) in
                try FileSystem.remove(stampPath)
            }
        } catch { throw .write(error) }
        let rendered = plan.renderedInterfaces()
        var outcome = ModuleOutcome(notes: store.notes, written: [], unchanged: [])
        let files = plan.manifestFiles + rendered + (plan.warningsFile.map { [$0] } ?? [])
        do {
            try writeOutputs(files, plan, request, &outcome)
        } catch {
            var leftover: FileError?
            do { try FileSystem.remove(stampPath) } catch let failure { leftover = failure }
            throw .afterCommit(error, stamp: stampPath, stampRemoval: leftover)
        }
        return outcome
    }

    private static func writeOutputs(_ files: [(path: String, text: String)], _ plan: ModulePlan, _ request: ModuleRequest,
                                     _ outcome: inout ModuleOutcome) throws(FileError) {
        for file in files {
            switch try AtomicWriter.write(file.text, to: file.path) {
            case .written, .touched: outcome.written.append(file.path)
            case .unchanged: outcome.unchanged.append(file.path)
            }
        }
        if let depfile = request.depfile {
            try AtomicWriter.write(Depfile.render(target: request.stampPath, dependencies: plan.inputs), to: depfile)
        }
        let manifests = request.submodules.map {
            Stamp.canonicalPath(request.outputPath($0.name, KeyList.suffix), base: request.workingDirectory)
        }
        let stamp = Stamp(module: request.module, owner: request.owner, recordCount: plan.rows.count, digest: plan.digest,
                          workingDirectory: request.workingDirectory, manifests: manifests, command: request.command)
        try AtomicWriter.write(stamp.render(), to: request.stampPath)
    }
}

extension WrappedTypedef {
    var isEnumeration: Bool {
        if case .enumeration = target { return true }
        return false
    }
}
