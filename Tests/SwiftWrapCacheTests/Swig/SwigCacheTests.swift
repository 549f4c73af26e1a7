import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

/// The pure parts of the SWIG cache: the command line, SWIG's depfile format, the output bundle and
/// the scan for files SWIG reads without listing them. (End to end: Tests/EndToEnd/test_swig_cache.py.)
@Suite struct SwigCacheTests {
    let cwd = "/work/b"

    @Test func commandLineFindsOutputsDepfileAndKeyArguments() {
        let line = SwigCommandLine(arguments: ["-c++", "-python", "-Iinc", "-I/abs", "-outdir", "py", "-o", "out/m_wrap.cxx",
                                               "-MMD", "-MF", "out/m.d", "-MT", "t1", "-MT", "t2", "-MP", "m.i"],
                                   workingDirectory: cwd)
        #expect(line.uncacheableReason == nil)
        #expect(line.output == "out/m_wrap.cxx" && line.outputDirectory == "py" && line.input == "m.i")
        #expect(line.dependencyRequest == .init(file: "out/m.d", omitLibrary: true, targets: ["t1", "t2"], phony: true))
        #expect(line.keyArguments == ["-c++", "-python", "-Iinc", "-I/abs", "-outdir", "py", "-o", "out/m_wrap.cxx", "m.i"])
        #expect(line.includeDirectories == ["/work/b/inc", "/abs"])
        #expect(line.runArguments(output: "T/m_wrap.cxx", outputDirectory: "P", depfile: "D")
            == ["-c++", "-python", "-Iinc", "-I/abs", "-outdir", "P", "-o", "T/m_wrap.cxx", "-MD", "-MF", "D", "m.i"])
    }

    @Test(arguments: [
        (["-c++", "-python", "m.i"], "no -o"),
        (["-python", "-o", "x.cxx", "-E", "m.i"], "-E"),
        (["-python", "-o", "x.cxx", "-oh", "x.h", "m.i"], "-oh"),
        (["-python", "-o", "x.cxx", "-MD", "m.i"], "-MF"),
        (["-python", "-o", "x.cxx", "-outdir"], "no value"),
        (["-python", "-o", "x.cxx", "@args", "m.i"], "response file"),
    ])
    func commandLinesItCannotPlaceAreNotCached(arguments: [String], reason: String) {
        let why = SwigCommandLine(arguments: arguments, workingDirectory: cwd).uncacheableReason
        #expect(why?.contains(reason) == true, "\(arguments): \(why ?? "cacheable")")
    }

    @Test func depfileIsSwigsOwnFormat() {
        let deps = ["/lib/swig.swg", "/lib/python/python.swg", "m.i", "inc/a b.h"]
        let md = SwigCommandLine.DependencyRequest(file: "d", omitLibrary: false, targets: [], phony: false)
        #expect(SwigDepfile.render(md, output: "o.cxx", dependencies: deps, libraryDirectory: "/lib", workingDirectory: cwd)
            == "o.cxx: \\\n  /lib/swig.swg \\\n  /lib/python/python.swg \\\n  m.i \\\n  inc/a\\ b.h \n")
        let mmd = SwigCommandLine.DependencyRequest(file: "d", omitLibrary: true, targets: ["a b", "c"], phony: true)
        #expect(SwigDepfile.render(mmd, output: "o.cxx", dependencies: deps, libraryDirectory: "/lib", workingDirectory: cwd)
            == "a\\ b\\ c: \\\n  m.i \\\n  inc/a\\ b.h \n\nm.i:\n\ninc/a\\ b.h:\n")
        #expect(SwigDepfile.libraryDirectory(deps, workingDirectory: cwd) == "/lib")
    }

    @Test func searchDirectoriesFollowSwigsOrder() {
        let line = SwigCommandLine(arguments: ["-python", "-Iinc", "-o", "x.cxx", "m.i"], workingDirectory: cwd)
        let dirs = SwigDepfile.searchDirectories(line, dependencies: ["/lib/swig.swg", "/lib/python/python.swg", "m.i"],
                                                 workingDirectory: cwd)
        #expect(dirs == ["/work/b", "/work/b/inc", "/work/b/swig_lib/python", "/work/b/swig_lib", "/lib/python", "/lib"])
        let noCwd = SwigCommandLine(arguments: ["-python", "-I-", "-o", "x.cxx", "m.i"], workingDirectory: cwd)
        #expect(SwigDepfile.searchDirectories(noCwd, dependencies: [], workingDirectory: cwd) == ["/work/b/swig_lib"])
    }

    @Test func bundleRoundTripsAndRejectsDamage() throws {
        let bundle = OutputBundle(outputs: [.init(place: .besideOutput, name: "m_wrap.cxx", bytes: Array("wrapper".utf8)),
                                            .init(place: .outputDirectory, name: "m.py", bytes: [])])
        let bytes = bundle.encode()
        #expect(try OutputBundle.decode(bytes, path: "obj") == bundle)
        for damaged in [Array(bytes.dropLast()), bytes + [0], Array(bytes[0..<10]), [UInt8](repeating: 0, count: bytes.count)] {
            #expect(throws: CacheError.self) { try OutputBundle.decode(damaged, path: "obj") }
        }
        var slash = bundle
        slash.outputs[0].name = "../m_wrap.cxx"
        #expect(throws: CacheError.self) { try OutputBundle.decode(slash.encode(), path: "obj") }
    }

    @Test func rawIncludeScanFindsInsertAndPythoncodeFilesButNotIncludes() {
        let text = """
            %module m
            %include "common.i"
            %insert("header") "extra.txt"
            %pythoncode   "more.py"
            %feature("docstring") Foo "not a file";
            %rename(Bar) "quoted";
            """
        #expect(SwigRawIncludes.names(in: Array(text.utf8)) == ["extra.txt", "more.py", "quoted"])
    }
}
