import SwiftWrapCore
import SwiftWrapRecords
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapGen

/// The two-thread record build (SubmoduleRecords.swift): wherever the typedefs are cut, the plan is
/// the one a single builder makes, byte for byte (records, JSON, `.i`, `.idx`, key list, warnings).
@Suite struct SubmoduleRecordsTests {
    /// Twenty wrapped types over the docstrings, data members and lifetimes fixtures' headers.
    static let xml = repositoryRoot() + "/Tests/Fixtures/castxml/Split.xml"

    func request() -> ModuleRequest {
        var submodule = ModuleRequest.Submodule(name: "Split", xmlPath: Self.xml, includes: ["doclib.h", "datalib.h", "lifetimes.h"])
        submodule.hooks.directors = ["doc::Widget"]
        var request = ModuleRequest(module: "Split", owner: "o", package: "p", wrappersNamespace: "_wrapping_::wrappers",
                                    databaseDirectory: "/nonexistent", outputDirectory: "/nonexistent", submodules: [submodule],
                                    importedIndexes: [], depfile: nil, command: ["wrapgen"], workingDirectory: "/")
        request.ownership = ["newobject=lt::Container::MakeItem", "disown=lt::Container::Adopt", "invalidates=lt::Container::Destroy",
                             "newobject=lt::Container::NoSuchMethod"].compactMap(OwnershipDeclaration.parse)
        request.buffers = ["Image.getPixelsPtr": "self.byteCount()", "Image.noSuchMethod": "1"]
        request.warningsFile = "/nonexistent/warnings.txt"
        return request
    }

    private func expectSame(_ split: ModulePlan, _ sequential: ModulePlan, cut: Int) {
        #expect(split.rows.map(\.record) == sequential.rows.map(\.record), "cut \(cut)")
        #expect(split.rows.map(\.json) == sequential.rows.map(\.json), "cut \(cut)")
        #expect(split.files.map(\.path) == sequential.files.map(\.path), "cut \(cut)")
        for (mine, theirs) in zip(split.files, sequential.files) { #expect(mine.text == theirs.text, "cut \(cut): \(mine.path)") }
        #expect(split.warnings == sequential.warnings, "cut \(cut)")
        #expect(split.digest == sequential.digest, "cut \(cut)")
    }

    @Test func everyCutGivesTheSequentialPlan() throws {
        var count = 0
        let sequential = try ModuleGenerator.plan(request()) { typedefs in
            count = typedefs.count
            return 0
        }
        // The fixture exercises what the halves must merge: warnings, docstrings shared by two
        // instantiations, lifetimes, declared ownership and buffers (used and unused), hooks.
        try #require(count == 20)
        #expect(sequential.warnings.count > 5)
        #expect(sequential.warnings.contains { $0.message.contains("NoSuchMethod") })
        #expect(sequential.warnings.contains { $0.message.contains("--buffer Image.noSuchMethod") })
        let records = Dictionary(uniqueKeysWithValues: sequential.rows.map { ($0.record.pythonName, $0.record) })
        #expect(records["BoxD"]?.doc != nil && records["BoxD"]?.doc == records["BoxF"]?.doc)
        #expect(records["Widget"]?.isDirector == true)
        let interface = try #require(sequential.files.first { $0.path.hasSuffix("Split.i") }?.text)
        #expect(interface.contains("%newobject") && interface.contains("_swiftwrap_keep_owner"))
        for cut in 1..<count {
            expectSame(try ModuleGenerator.plan(request()) { _ in cut }, sequential, cut: cut)
        }
    }

    /// Free operators (found by the second thread), module-level functions and constants after a cut.
    @Test func aCutSubmoduleKeepsItsFreeOperatorsAndModuleLevelRecords() throws {
        var submodule = ModuleRequest.Submodule(name: "Vectors", xmlPath: repositoryRoot() + "/Tests/Fixtures/castxml/FreeFuncs.xml",
                                                includes: ["vecfn.h"])
        submodule.functions = ["vf::Length", "vf::Scale", "vf::Describe"]
        submodule.constants = ["vf::Origin", "vf::Answer", "vf::Pi", "vf::Greeting"]
        var request = ModuleRequest(module: "Vecs", owner: "vecfn", package: "vecfn", wrappersNamespace: "_wrapping_::wrappers",
                                    databaseDirectory: "/nonexistent", outputDirectory: "/nonexistent", submodules: [submodule],
                                    importedIndexes: [], depfile: nil, command: ["wrapgen"], workingDirectory: "/")
        request.warningsFile = "/nonexistent/warnings.txt"
        var count = 0
        let sequential = try ModuleGenerator.plan(request) { typedefs in
            count = typedefs.count
            return 0
        }
        try #require(count == 2)
        #expect(sequential.rows.contains { $0.record.operators.contains { $0.pythonName == "__add__" } })
        #expect(sequential.warnings.contains { $0.skippedOperator != nil })
        expectSame(try ModuleGenerator.plan(request) { _ in 1 }, sequential, cut: 1)
    }

    @Test func largeSubmodulesAreCutByWorkAndSmallOnesNot() throws {
        let document = try CastXMLReader.read(Self.xml)
        let resolver = TypeResolver(document: document)
        var warnings = Set<Warning>()
        let typedefs = try WrappersNamespace.typedefs(in: document, resolver: resolver, qualifiedName: "_wrapping_::wrappers",
                                                      warnings: &warnings)
        let cut = try #require(SubmoduleRecords.balancedCut(typedefs))
        #expect(cut > 1 && cut < typedefs.count - 1)
        #expect(SubmoduleRecords.balancedCut(Array(typedefs.prefix(SubmoduleRecords.minimumToSplit - 1))) == nil)
    }

    @Test func interfacesAppendInOrderWithSetsUnitedAndLaterAliasesWinning() {
        func declaration(_ alias: String) -> InterfaceDeclaration {
            InterfaceDeclaration(alias: alias, cppType: "ns::" + alias, kind: .record(tag: .class, bases: []), body: [],
                                 localBases: [], noDefaultConstructor: false, noDefaultDestructor: false)
        }
        var first = SubmoduleInterface(submodule: "S", xmlPath: "s.xml", includes: ["s.h"], declarations: [declaration("A")])
        first.classAliases = ["A": "ns::A", "Shared": "first"]
        first.imports = ["X"]
        first.renamed = ["print"]
        first.lifetimes = [LifetimeFeature(alias: "A", method: "get", kind: .keepOwner)]
        first.hooks.directors = ["A"]
        var second = SubmoduleInterface(submodule: "S", xmlPath: "s.xml", includes: ["s.h"], declarations: [declaration("B"), declaration("C")])
        second.classAliases = ["B": "ns::B", "Shared": "second"]
        second.imports = ["Y"]
        second.usesString = true
        second.vectorElements = ["double"]
        second.renamed = ["lambda"]
        second.smartPointers = [SmartPointerUse(kind: .shared, alias: "B", isConst: false)]
        second.referenceReturns = ["int"]
        second.unwrappedEnums = ["ns::E"]
        second.subscripts = [SubscriptExtension(alias: "B", accessors: [])]
        second.lifetimes = [LifetimeFeature(alias: "B", method: "make", kind: .newObject)]
        second.bufferPairs = ["const void * p, int n"]
        first.append(second)
        #expect(first.declarations.map(\.alias) == ["A", "B", "C"])
        #expect(first.classAliases == ["A": "ns::A", "B": "ns::B", "Shared": "second"])
        #expect(first.imports == ["X", "Y"] && first.renamed == ["print", "lambda"])
        #expect(first.usesString && first.vectorElements == ["double"] && first.referenceReturns == ["int"])
        #expect(first.smartPointers.count == 1 && first.unwrappedEnums == ["ns::E"] && first.bufferPairs.count == 1)
        #expect(first.subscripts.map(\.alias) == ["B"])
        #expect(first.lifetimes.map(\.alias) == ["A", "B"])
        #expect(first.hooks.directors == ["A"])
    }

    /// A comment read by both halves keeps the warning of its first user only, as one builder would.
    @Test func absorbedDocCommentsKeepTheFirstUsersWarning() {
        let scratch = Scratch()
        let header = scratch.write("a.h", "#pragma once\n#include <x>\n/// Moved.\nint f();\n")
        var document = CastXMLDocument(path: "x.xml", format: "1.3.1", nodes: CastXMLNodeTable(expectedCount: 0), files: ["f1": header])
        document.comments = ["c1": CommentSpan(file: "f1", beginOffset: 13, endOffset: 23, beginLine: 2, endLine: 2),
                             "c2": CommentSpan(file: "f1", beginOffset: 14, endOffset: 24, beginLine: 2, endLine: 2)]
        let first = DocComments(document: document), second = DocComments(document: document)
        #expect(first.text("c1", what: "'first'") == nil)
        #expect(second.text("c1", what: "'second'") == nil)
        #expect(second.text("c2", what: "'other'") == nil)
        first.absorb(second)
        #expect(first.warnings.map(\.message).sorted().map { $0.contains("'first'") || $0.contains("'other'") } == [true, true])
        #expect(first.warnings.count == 2)
        // Memoised now: a later use adds no warning.
        #expect(first.text("c2", what: "'later'") == nil)
        #expect(first.warnings.count == 2)
    }

    /// Type records and SWIG spellings are memoised per type id (TypeMemo.swift), but every use still
    /// warns in its own name and notes what the `.i` needs.
    @Test func memoisedTypesStillWarnAndNoteAtEveryUse() throws {
        let document = try CastXMLReader.read(Self.xml)
        let resolver = TypeResolver(document: document)
        var builder = RecordBuilder(module: "Split", owner: "o", package: "p", submodule: "Split", includes: [], resolver: resolver,
                                    aliases: AliasIndex())
        let function = try #require(document.nodes.lazy.compactMap { _, node -> FunctionNode? in
            if case .function(let function) = node, function.name == "ModePointer" { return function }
            return nil
        }.first)
        let type = resolver.type(function.returns)
        for user in ["A::ModePointer", "B::ModePointer"] {
            builder.interface.unwrappedEnums = []
            let record = builder.typeRecord(id: function.returns, type, isArgument: false, place: function.place, user: user)
            #expect(record == TypeRecord(cpp: "lt::Mode *", python: "Any", wrapped: nil))
            #expect(builder.swigSpelling(id: function.returns, type) == "lt::Mode *")
            #expect(builder.interface.unwrappedEnums == ["lt::Mode"])
        }
        let messages = Set(builder.warnings.items.map(\.message))
        #expect(messages == ["'A::ModePointer' returns enumeration 'lt::Mode' through a pointer or non-const reference; Python sees an opaque pointer (typed Any)",
                             "'B::ModePointer' returns enumeration 'lt::Mode' through a pointer or non-const reference; Python sees an opaque pointer (typed Any)"])
        #expect(builder.typeMemo.results.count == 1 && builder.typeMemo.swig.count == 1)
    }

    /// The byte split of a `members` attribute gives what splitting the String on spaces gives.
    @Test func memberIDsSplitLikeTheStringSplit() {
        for members in ["", " ", "_1", "_1 _2c _3", "  _1  _2 ", "_10 f3 _7", "_1 é _2", "é", "a\tb c"] {
            #expect(MemberIDs.split(members) == members.split(separator: " ").map(String.init), "\(members)")
        }
    }
}
