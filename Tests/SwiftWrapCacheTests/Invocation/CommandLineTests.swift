import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

@Suite struct CommandLineTests {
    let itkStyle = ["--castxml-output=1", "--castxml-start", "_wrapping_", "--castxml-cc-gnu", "(", "/usr/bin/g++",
                    "-std=c++17", "-fno-sized-deallocation", ")", "-w", "-c", "-I/src/include", "-DX=1",
                    "-MD", "-MF", "sub.xml.d", "-MT", "sub.xml", "sub.cxx", "-o", "sub.xml"]

    @Test func understandsAnITKStyleCommandLine() {
        let c = CastXMLCommandLine(arguments: itkStyle, workingDirectory: "/build")
        #expect(c.uncacheableReason == nil)
        #expect(c.output == "sub.xml")
        #expect(c.source == "sub.cxx")
        #expect(c.emulatedCompiler == .init(option: "--castxml-cc-gnu", executable: "/usr/bin/g++",
                                            arguments: ["-std=c++17", "-fno-sized-deallocation"]))
        #expect(c.dependencyRequest == .init(file: "sub.xml.d", targets: ["sub.xml"], phony: false))
        #expect(c.searchDirectories == ["/src/include"])
        // The key material has neither the output nor the dependency options.
        #expect(!c.keyArguments.contains("sub.xml"))
        #expect(!c.keyArguments.contains("-MD"))
        #expect(c.keyArguments.contains("--castxml-start"))
    }

    @Test func runArgumentsReplaceOutputAndDropUserDependencyOptions() {
        let c = CastXMLCommandLine(arguments: itkStyle, workingDirectory: "/build")
        let run = c.runArguments(output: ".tmp.xml", extra: ["-MD", "-MF", "t.d"])
        #expect(run.suffix(5) == ["-o", ".tmp.xml", "-MD", "-MF", "t.d"])
        #expect(!run.contains("sub.xml.d"))
        let pre = c.preprocessArguments(output: "x.i", depfile: "x.d")
        #expect(pre.contains("-E"))
        #expect(!pre.contains("--castxml-start") && !pre.contains("_wrapping_") && !pre.contains("--castxml-output=1"))
    }

    @Test func uncacheableInvocations() {
        let w = "/w"
        #expect(CastXMLCommandLine(arguments: ["--version"], workingDirectory: w).uncacheableReason != nil)
        #expect(CastXMLCommandLine(arguments: ["a.cxx"], workingDirectory: w).uncacheableReason == "no -o output")
        #expect(CastXMLCommandLine(arguments: ["-o", "x.xml"], workingDirectory: w).uncacheableReason == "no source file")
        #expect(CastXMLCommandLine(arguments: ["-E", "a.cxx", "-o", "a.i"], workingDirectory: w).uncacheableReason != nil)
        #expect(CastXMLCommandLine(arguments: ["a.cxx", "b.cxx", "-o", "x"], workingDirectory: w).uncacheableReason == "several source files")
    }

    @Test func defaultDepfileNameFollowsClang() {
        let c = CastXMLCommandLine(arguments: ["-MD", "a.cxx", "-o", "out/a.xml"], workingDirectory: "/w")
        #expect(c.dependencyRequest?.file == "out/a.d")
        #expect(c.dependencyRequest?.targets == ["out/a.xml"])
    }

    @Test func responseFilesAreExpandedForTheKey() throws {
        let dir = TemporaryDirectory()
        try AtomicWriter.write("\"-I/x y/inc\"\n-DA=\"1 2\"\n'-Dq=\\\\'\n", to: dir.file("a.inc"))
        #expect(ResponseFile.tokenize("\"-I/x y/inc\"\n-DA=\"1 2\"\n") == ["-I/x y/inc", "-DA=1 2"])
        let c = CastXMLCommandLine(arguments: ["@" + dir.file("a.inc"), "a.cxx", "-o", "a.xml"], workingDirectory: "/w")
        #expect(c.keyArguments.prefix(3) == ["-I/x y/inc", "-DA=1 2", "-Dq=\\"])
        #expect(c.searchDirectories == ["/x y/inc"])
        let missing = CastXMLCommandLine(arguments: ["@/nonexistent.inc", "a.cxx", "-o", "a.xml"], workingDirectory: "/w")
        #expect(missing.uncacheableReason?.contains("response file") == true)
    }
}

@Suite struct PreprocessorKeyTests {
    @Test func preprocessorOnlyArgumentsAreMarked() {
        let c = CastXMLCommandLine(arguments: ["-DA=1", "-D", "B", "-Iinc", "-include", "x.h", "-isystem", "/s",
                                               "-std=c++17", "--castxml-start", "ns", "a.cxx", "-o", "a.xml"],
                                   workingDirectory: "/w")
        let marked = c.preprocessorOnlyKeyArguments.sorted().map { c.keyArguments[$0] }
        #expect(marked == ["-DA=1", "-D", "B", "-Iinc", "-include", "x.h", "-isystem", "/s"])
    }
}
