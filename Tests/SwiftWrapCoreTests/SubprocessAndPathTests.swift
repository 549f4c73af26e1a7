import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCore

@Suite struct SubprocessTests {
    @Test func capturesOutputAndExitStatus() throws {
        let result = try Subprocess("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"],
                                    standardOutput: .capture, standardError: .capture).run()
        #expect(result.termination == .exited(3))
        #expect(String(decoding: result.standardOutput, as: UTF8.self) == "out\n")
        #expect(String(decoding: result.standardError, as: UTF8.self) == "err\n")
    }

    @Test func reportsSignalsAndWorkingDirectoryAndEnvironment() throws {
        let killed = try Subprocess("/bin/sh", ["-c", "kill -TERM $$"]).run()
        #expect(killed.termination == .signaled(SIGTERM))
        #expect(killed.termination.shellStatus == 128 + SIGTERM)
        let dir = TemporaryDirectory()
        let pwd = try Subprocess("sh", ["-c", "pwd; echo $ONLY"], environment: ["ONLY=this", "PATH=/usr/bin:/bin"],
                                 workingDirectory: dir.path, standardOutput: .capture).run()
        #expect(String(decoding: pwd.standardOutput, as: UTF8.self) == FileSystem.realPath(dir.path)! + "\nthis\n")
    }

    @Test func largeOutputOnBothStreamsDoesNotDeadlock() throws {
        let result = try Subprocess("/bin/sh", ["-c", "head -c 300000 /dev/zero; head -c 300000 /dev/zero >&2"],
                                    standardOutput: .capture, standardError: .capture).run()
        #expect(result.standardOutput.count == 300000)
        #expect(result.standardError.count == 300000)
    }

    @Test func missingExecutableIsAnError() {
        #expect(throws: SubprocessError.self) { try Subprocess("/nonexistent/tool").run() }
    }
}

@Suite struct PathTests {
    @Test func normaliseAndRelate() {
        #expect(Path.normalize("/a/./b//c/../d") == "/a/b/d")
        #expect(Path.normalize("../x/./y") == "../x/y")
        #expect(Path.relative(from: "/src/build", to: "/src/include/a.h") == "../include/a.h")
        #expect(Path.relative(from: "/src", to: "/src") == ".")
        #expect(Path.isWithin("/src/a", directory: "/src"))
        #expect(!Path.isWithin("/srcx/a", directory: "/src"))
        #expect(Path.directory(of: "a.h") == ".")
        #expect(Path.fileName(of: "/x/y.h") == "y.h")
    }
}

@Suite struct PathNormalizationFastPathTests {
    @Test(arguments: ["/a/b", "a/b", "/", "a", ".", "..", "../x", "/a/./b", "/a//b", "a/", "/a/..", "./a", "a/.", "/a/b/..", "...", "/a/.b", "a..b/c"])
    func fastPathAgreesWithTheFullNormalization(path: String) {
        if Path.isNormalized(path) && !path.hasPrefix("../") && path != ".." {
            // The fast path returns the input: it must already be what the full algorithm gives.
            var parts: [Substring] = []
            for part in path.split(separator: "/") where part != "." { parts.append(part) }
            #expect(!parts.contains("..") || path.hasPrefix(".."))
            #expect(!path.contains("//"))
        }
        #expect(Path.normalize(Path.normalize(path)) == Path.normalize(path))
    }

    @Test func knownResults() {
        #expect(Path.normalize("/a/./b") == "/a/b")
        #expect(Path.normalize("a/") == "a")
        #expect(Path.normalize("./a") == "a")
        #expect(Path.normalize("a/.") == "a")
        #expect(Path.normalize("/a/b/..") == "/a")
        #expect(Path.normalize("...") == "...")
        #expect(Path.normalize("/a/.b") == "/a/.b")
        #expect(Path.normalize("x/../../y") == "../y")
    }
}
