import SwiftWrapCore
import Testing
@testable import SwiftWrapGen

@Suite struct EmitTests {
    @Test func aliasIndexRoundTrip() throws {
        let entries = [AliasIndex.Entry(cppType: "geo::Point<int>", alias: "PointI", submodule: "Points"),
                       AliasIndex.Entry(cppType: "geo::Point<double>", alias: "PointD", submodule: "Points")]
        let text = AliasIndex.render(entries)
        #expect(text == "{geo::Point<double>} {PointD} {Points}\n{geo::Point<int>} {PointI} {Points}\n")
        #expect(try AliasIndex.parse(text, path: "x.idx") == entries.reversed())
        #expect(throws: FormatError.self) { try AliasIndex.parse("{a} {b}\n", path: "x.idx") }
    }

    @Test func aliasIndexFirstDefinitionWins() {
        var index = AliasIndex()
        index.add(.init(cppType: "T", alias: "A", submodule: "s1"))
        let standing = index.add(.init(cppType: "T", alias: "B", submodule: "s2"))
        #expect(standing.alias == "A")
    }

    @Test func depfileEscapes() {
        #expect(Depfile.render(target: "out/M.stamp", dependencies: ["a b.xml", "c.idx", "c.idx"])
                == "out/M.stamp: \\\n  a\\ b.xml \\\n  c.idx\n")
    }

    @Test func declarationsOrderBasesFirst() {
        func decl(_ alias: String, _ bases: [String]) -> InterfaceDeclaration {
            InterfaceDeclaration(alias: alias, cppType: alias, kind: .record(tag: .class, bases: bases), body: [], localBases: bases,
                                 noDefaultConstructor: false, noDefaultDestructor: false)
        }
        let declarations = [decl("A", ["Z"]), decl("B", []), decl("Z", ["B"])]
        let ordered = SwigInterfaceWriter.orderedIndices(declarations).map { declarations[$0] }
        #expect(ordered.map(\.alias) == ["B", "Z", "A"])
    }
}
