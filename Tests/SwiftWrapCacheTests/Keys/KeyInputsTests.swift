import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

/// The key inputs an entry records describe its direct key: calls with the same inputs (output aside)
/// get the same key, and every change the key sees shows in the inputs.
@Suite struct KeyInputsTests {
    func keys(_ arguments: [String], cwd: String = "/src/build/sub", source: String? = "/src", build: String? = "/src/build",
              castxml: String = "castxml-1") -> CacheKeys {
        let identities = ToolIdentities(castxml: ToolIdentity(digest: SHA256.hash(castxml), systemIncludeDirectories: []),
                                        compiler: ToolIdentity(digest: SHA256.hash("g++"), systemIncludeDirectories: []),
                                        systemDirectories: [])
        return CacheKeys(command: CastXMLCommandLine(arguments: arguments, workingDirectory: cwd),
                         relocator: Relocator(base: "/src", workingDirectory: cwd, sourceDirectory: source, buildDirectory: build),
                         identities: identities)
    }

    func withoutOutput(_ lines: [String]) -> [String] { lines.filter { KeyInputs.kind(of: $0) != KeyInputs.output } }

    @Test func sameInputsSameKeyAndEveryKeyedChangeShows() {
        let base = ["-o", "/src/build/sub/a.xml", "--castxml-output=1", "--castxml-cc-gnu", "(", "g++", "-std=c++17", ")",
                    "-I/src/include", "/src/build/sub/a.cxx"]
        let reference = keys(base)
        let variants: [CacheKeys] = [
            keys(base.map { $0.replacing("/src/build", with: "/src/out/x/y") }, cwd: "/src/out/x/y/sub", build: "/src/out/x/y"),
            keys(base.map { $0 == "/src/build/sub/a.xml" ? "/src/build/sub/b.xml" : $0 }),
            keys(base + ["-DX=1"]),
            keys(base.map { $0 == "-std=c++17" ? "-std=c++20" : $0 }),
            keys(base, castxml: "castxml-2"),
            keys(base, build: nil),
        ]
        for other in variants {
            let sameInputs = withoutOutput(other.inputs(castxmlPath: "castxml")) == withoutOutput(reference.inputs(castxmlPath: "castxml"))
            #expect(sameInputs == (other.direct() == reference.direct()), "\(other.inputs(castxmlPath: "castxml"))")
        }
        #expect(variants[0].direct() == reference.direct(), "a build tree at another depth shares the key")
        #expect(variants[2].direct() != reference.direct())
    }
}
