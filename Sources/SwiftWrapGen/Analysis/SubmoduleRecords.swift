import SwiftWrapCore
import SwiftWrapRecords

/// What a `RecordBuilder` of one submodule is made from: everything but its memoising state, so a
/// second builder can be made on another thread (each thread needs its own `TypeResolver` and
/// `DocComments`: both memoise in mutable class state).
struct RecordBuilderSettings: Sendable {
    var module: String
    var owner: String
    var package: String
    var submodule: String
    var includes: [String]
    var document: CastXMLDocument
    var aliases: AliasIndex
    var intrusivePointers: [IntrusivePointer]
    var ownership: [OwnershipDeclaration]
    var buffers: [String: String]
    var docstrings: Bool

    init(_ request: ModuleRequest, _ submodule: ModuleRequest.Submodule, document: CastXMLDocument, aliases: AliasIndex) {
        module = request.module
        owner = request.owner
        package = request.package
        self.submodule = submodule.name
        includes = submodule.includes
        self.document = document
        self.aliases = aliases
        intrusivePointers = request.intrusivePointers
        ownership = request.ownership
        buffers = request.buffers
        docstrings = request.docstrings
    }

    func builder(resolver: TypeResolver) -> RecordBuilder {
        var builder = RecordBuilder(module: module, owner: owner, package: package, submodule: submodule, includes: includes,
                                    resolver: resolver, aliases: aliases, intrusivePointers: intrusivePointers)
        if docstrings { builder.docs = DocComments(document: resolver.document) }
        builder.ownership = ownership
        builder.buffers = buffers
        return builder
    }
}

/// The class and enumeration records of one submodule's typedefs, each with its JSON.
///
/// A large submodule is built on two threads: its typedefs are cut in two contiguous parts of about
/// equal work, the first built by the caller's builder, the second by a new builder (own resolver,
/// own doc comments) on a second thread; then the second builder's state is absorbed into the first
/// (`RecordBuilder.absorb`), in typedef order, so records, JSON, the interface and the warnings are
/// exactly those of one builder building every typedef in order. That holds because building a
/// record reads no state an earlier record left but memos: `countedReturns` is only consulted for
/// the return types of the record being built, which that record's own signatures note first; a doc
/// comment's warning names its first user, which `DocComments.absorb` keeps.
enum SubmoduleRecords {
    /// Submodules with fewer typedefs are built on the calling thread only.
    static let minimumToSplit = 8

    struct Built {
        var records: [ClassRecord]
        var json: [String]
        /// The second thread's builder (its resolver and memos), which the caller frees off its
        /// critical path (ModuleGenerator's `Disposal`).
        var spent: AnyObject? = nil
        /// The document's free operators, found by the second thread once its part was built.
        var freeOperators: [FunctionNode]? = nil
    }

    /// `cut`: where the second thread's part starts (tests force it); nil chooses by work, or builds
    /// everything on the calling thread for small submodules.
    static func build(_ typedefs: [WrappedTypedef], settings: RecordBuilderSettings, builder: inout RecordBuilder,
                      cut: Int? = nil) -> Built {
        guard let cut = cut ?? balancedCut(typedefs), cut > 0, cut < typedefs.count else {
            return builder.buildAll(typedefs[...])
        }
        let second = typedefs[cut...]
        let (first, later) = concurrently({ builder.buildAll(typedefs[..<cut]) }, alongside: {
            var side = settings.builder(resolver: TypeResolver(document: settings.document))
            var built = side.buildAll(second)
            built.freeOperators = RecordBuilder.freeOperatorFunctions(in: settings.document)
            return BuiltPart(builder: side, built: built)
        })
        builder.absorb(later.builder.accumulated)
        return Built(records: first.records + later.built.records, json: first.json + later.built.json, spent: later,
                     freeOperators: later.built.freeOperators)
    }

    /// The index that splits the typedefs into two parts of about equal work (a class's work grows
    /// with its member list), or nil when there are too few to be worth a thread.
    static func balancedCut(_ typedefs: [WrappedTypedef]) -> Int? {
        guard typedefs.count >= minimumToSplit else { return nil }
        let weights = typedefs.map(weight)
        let total = weights.reduce(0, +)
        var sum = 0
        for (index, weight) in weights.enumerated() {
            sum += weight
            if 2 * sum >= total { return index + 1 }
        }
        return nil
    }

    private static func weight(_ typedef: WrappedTypedef) -> Int {
        switch typedef.target {
        case .record(_, let node): return 64 + node.members.utf8.count
        case .enumeration(_, let node): return 16 + node.values.count
        }
    }
}

/// The second thread's records and builder. The builder holds classes (its resolver and doc
/// comments), so it is not `Sendable`; handing it over is safe because the second thread makes it,
/// keeps no reference once it returns, and the caller reads it only after joining that thread.
private final class BuiltPart: @unchecked Sendable {
    let builder: RecordBuilder
    let built: SubmoduleRecords.Built

    init(builder: RecordBuilder, built: SubmoduleRecords.Built) {
        self.builder = builder
        self.built = built
    }
}

extension RecordBuilder {
    /// Builds the records of `typedefs` in order, each encoded right away.
    mutating func buildAll(_ typedefs: ArraySlice<WrappedTypedef>) -> SubmoduleRecords.Built {
        var built = SubmoduleRecords.Built(records: [], json: [])
        built.records.reserveCapacity(typedefs.count)
        built.json.reserveCapacity(typedefs.count)
        for typedef in typedefs {
            let record = build(typedef)
            built.json.append(RecordCoding.encode(record))
            built.records.append(record)
        }
        return built
    }

    /// What a builder accumulates besides its records and memos.
    struct Accumulated {
        var warnings: WarningList
        var usedOwnership: Set<OwnershipDeclaration>
        var usedBuffers: Set<String>
        var countedReturns: Set<String>
        var interface: SubmoduleInterface
        var docs: DocComments?
    }

    var accumulated: Accumulated {
        Accumulated(warnings: warnings, usedOwnership: usedOwnership, usedBuffers: usedBuffers, countedReturns: countedReturns,
                    interface: interface, docs: docs)
    }

    /// Takes over what `later` (a builder of the same submodule that built the typedefs after this
    /// one's) accumulated, as if this builder had built them itself.
    mutating func absorb(_ later: Accumulated) {
        warnings.formUnion(later.warnings)
        usedOwnership.formUnion(later.usedOwnership)
        usedBuffers.formUnion(later.usedBuffers)
        countedReturns.formUnion(later.countedReturns)
        interface.append(later.interface)
        if let docs, let theirs = later.docs { docs.absorb(theirs) }
    }
}

extension SubmoduleInterface {
    /// Adds what `later` (the same submodule's interface, for declarations that come after this
    /// one's) holds: lists in order after this one's, sets unioned, `later`'s class aliases winning
    /// (the last one written wins when one builder writes both). The hooks are this interface's
    /// (they are set once, after every record is built).
    mutating func append(_ later: SubmoduleInterface) {
        declarations += later.declarations
        classAliases.merge(later.classAliases) { _, theirs in theirs }
        imports.formUnion(later.imports)
        usesString = usesString || later.usesString
        vectorElements.formUnion(later.vectorElements)
        renamed.formUnion(later.renamed)
        smartPointers.formUnion(later.smartPointers)
        referenceReturns.formUnion(later.referenceReturns)
        unwrappedEnums.formUnion(later.unwrappedEnums)
        subscripts += later.subscripts
        lifetimes += later.lifetimes
        freeOperators += later.freeOperators
        moduleFunctions += later.moduleFunctions
        constants += later.constants
        bufferPairs.formUnion(later.bufferPairs)
    }
}

/// Warnings as a record builder collects them: appended without hashing (each use of an unwrapped
/// type warns again, with the same text for every overload), de-duplicated once, into the module's set.
struct WarningList: Sendable {
    private(set) var items: [Warning] = []

    mutating func insert(_ warning: Warning) { items.append(warning) }
    mutating func formUnion(_ other: WarningList) { items += other.items }
}

extension Set where Element == Warning {
    mutating func formUnion(_ list: WarningList) {
        reserveCapacity(count + list.items.count)
        formUnion(list.items)
    }
}

/// The ids of a `members` attribute (space-separated castxml ids).
enum MemberIDs {
    /// Split on the bytes: castxml's ids are ASCII. Anything else is split by `Character`, as before.
    static func split(_ members: String) -> [String] {
        var members = members
        let ascii = members.withUTF8 { bytes -> [String]? in
            var ids: [String] = []
            ids.reserveCapacity(bytes.count / 6)
            var start = 0
            for index in 0...bytes.count {
                if index < bytes.count {
                    let byte = bytes[index]
                    if byte >= 0x80 { return nil }
                    if byte != UInt8(ascii: " ") { continue }
                }
                if index > start { ids.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) }
                start = index + 1
            }
            return ids
        }
        return ascii ?? members.split(separator: " ").map(String.init)
    }
}
