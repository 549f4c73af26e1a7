import ArgumentParser
import Testing
@testable import WrapToolSupport

/// wrapgen reads a plain command line without ArgumentParser (WrapgenOptions+Plain.swift): both
/// parsers must give the same options, and everything else must go to ArgumentParser.
@Suite struct WrapgenOptionsPlainTests {
    /// Every option ArgumentParser knows is in the plain table, under its property name, and
    /// nothing else is; every table entry has a field of `Plain`.
    @Test func theTableNamesEveryOptionOfWrapgenOptions() {
        func labels(_ value: Any, prefix: String = "") -> [String] {
            Mirror(reflecting: value).children.compactMap(\.label).map { String($0.dropFirst()) }.map { prefix + $0 }
        }
        var expected = Set(labels(WrapgenOptions()))
        #expect(expected.remove("records") != nil)
        expected.formUnion(labels(RecordToolOptions(), prefix: "records."))
        let table = WrapgenOptions.plainTable
        #expect(Set(table.values.map(\.property)) == expected)
        #expect(Mirror(reflecting: WrapgenOptions.Plain()).children.count == table.count)
        #expect(table.keys.allSatisfy { $0.hasPrefix("--") })
    }

    static let plainLines: [[String]] = [
        ["--module", "ITKBig", "--owner", "bench", "--database-dir", "db", "--output-dir", "out",
         "--submodule", "itkWrapping=x.xml", "--include", "itkWrapping=itkImage.h"],
        ["--module=M", "--owner=o", "--database-dir=d b", "--output-dir", "o=ut", "--submodule", "A=a.xml",
         "--submodule=B=b.xml", "--include", "A=a.h", "--include", "B=b.h", "--function", "A=ns::f",
         "--constant", "A=ns::c", "--import-idx", "x.idx", "--project-types", "t.txt", "--project-index", "N=n.idx",
         "--warnings-file", "w.txt", "--intrusive-pointer", "itk::SmartPointer=GetPointer,Register,UnRegister",
         "--swig-code", "A=a.swg", "--swig-code-after", "A=b.swg", "--director", "A=ns::V",
         "--output-parameter", "A=ns::C::f(x)", "--ownership", "newobject=ns::F::Make", "--buffer", "I.p=n",
         "--package", "pkg", "--wrappers-namespace", "w::x", "--depfile", "m.d", "--no-docstrings",
         "--warnings-as-errors"],
        ["--module", "", "--owner", "ö wner", "--submodule", "A="],
        [],
    ]

    @Test(arguments: plainLines)
    func bothParsersAgreeOnAPlainLine(_ arguments: [String]) throws {
        let plain = try #require(WrapgenOptions.plain(arguments))
        let parsed = try WrapgenOptions.parse(arguments)
        #expect(WrapgenOptions.Plain(plain) == WrapgenOptions.Plain(parsed))
    }

    static let otherLines: [[String]] = [
        ["--help"], ["-h"], ["--version"],
        ["--modul", "M"],                              // misspelled: ArgumentParser suggests --module
        ["--module", "A", "--module", "B"],            // a repeated single option
        ["--no-docstrings", "--no-docstrings"],        // a repeated flag
        ["--no-docstrings=yes"],                       // a flag with a value
        ["--module"], ["--module="],                   // no value
        ["--module", "-x"], ["--module=-x"],           // a value that could be an option
        ["--submodule", "--owner", "o"],
        ["M"], ["--", "--module", "M"], ["-m", "M"],   // positional, terminator, short name
    ]

    @Test(arguments: otherLines)
    func anythingElseGoesToArgumentParser(_ arguments: [String]) {
        #expect(WrapgenOptions.plain(arguments) == nil)
    }
}
