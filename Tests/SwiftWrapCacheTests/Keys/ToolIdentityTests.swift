import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

@Suite struct ElfBuildIDTests {
    @Test func realSharedLibrariesHaveABuildID() throws {
        // libc is on every Linux machine this project supports, and Debian links it with a build ID.
        let libc = try #require(FileSystem.realPath("/lib/x86_64-linux-gnu/libc.so.6") ?? FileSystem.realPath("/usr/lib64/libc.so.6"))
        let id = try #require(ElfBuildID.read(libc))
        #expect(id.count >= 8)
        #expect(ElfBuildID.read(libc) == id)
    }

    @Test func nonELFFilesHaveNone() throws {
        let dir = TemporaryDirectory()
        #expect(ElfBuildID.read(dir.write("script.sh", "#!/bin/sh\nexec castxml \"$@\"\n")) == nil)
        #expect(ElfBuildID.read(dir.write("short", "\u{7f}ELF")) == nil)
        #expect(ElfBuildID.read("/nonexistent") == nil)
    }
}

@Suite struct SearchListTests {
    /// The list castxml 0.5.1 prints for `--castxml-cc-gnu ( g++ )` on Debian 12 (castxml -E -v),
    /// rebuilt from what g++ -v prints.
    @Test func castxmlListFromTheCompilerList() throws {
        let gxx = ["/usr/include/c++/12", "/usr/include/x86_64-linux-gnu/c++/12", "/usr/include/c++/12/backward",
                   "/usr/lib/gcc/x86_64-linux-gnu/12/include", "/usr/local/include", "/usr/include/x86_64-linux-gnu", "/usr/include"]
        let dir = TemporaryDirectory()
        dir.write("share/castxml/clang/include/stddef.h", "")
        let castxml = dir.write("bin/castxml", "")
        let list = ToolIdentityResolver.castxmlSearchList(compilerDirectories: gxx, castxml: castxml)
        #expect(ToolIdentityResolver.castxmlSearchList(compilerDirectories: gxx, castxml: "/nowhere/bin/castxml") == nil)
        #expect(list == ["/usr/include/c++/12", "/usr/include/x86_64-linux-gnu/c++/12", "/usr/include/c++/12/backward",
                         dir.path + "/share/castxml/clang/include", "/usr/local/include", "/usr/include/x86_64-linux-gnu", "/usr/include"])
    }
}
