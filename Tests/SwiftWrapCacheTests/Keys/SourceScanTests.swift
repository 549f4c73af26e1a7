import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

@Suite struct SourceScanTests {
    @Test func timeMacrosAreFoundAndLookalikesAreNot() {
        func scan(_ text: String) -> String? { SourceScan.timeMacro(in: Array(text.utf8)) }
        #expect(scan("int x; // nothing here\n") == nil)
        #expect(scan("#define __TIMEOUT 3\nint __TIME_BASE;\n__DATE") == nil)
        #expect(scan("#define __TIMEOUT 3\nconst char* t = __TIME__;") == "__TIME__")
        #expect(scan("__TIMEX __TIMESTAMP__") == "__TIMESTAMP__")
        #expect(scan("const char* d = __DATE__;") == "__DATE__")
        #expect(scan("__TIME") == nil)
    }

    @Test func hasIncludeNamesAreRead() {
        let text = "#if __has_include(<optional>) && __has_include_next( \"local/x.h\" )\n#endif\n__has_include"
        #expect(SourceScan.hasIncludeNames(in: Array(text.utf8)) == ["optional", "local/x.h"])
    }
}
