import Testing
@testable import SwiftWrapStubs

@Suite struct UnifiedDiffTests {
    let old = (1...12).map { "line \($0)\n" }.joined()

    @Test func equalTextsGiveNoDiff() {
        #expect(UnifiedDiff.render(old: old, new: old, oldLabel: "a", newLabel: "b") == "")
    }

    @Test func oneChangedLineWithContext() {
        let new = old.replacingLine("line 6", with: "six")
        #expect(UnifiedDiff.render(old: old, new: new, oldLabel: "a", newLabel: "b") == """
            --- a
            +++ b
            @@ -3,7 +3,7 @@
             line 3
             line 4
             line 5
            -line 6
            +six
             line 7
             line 8
             line 9

            """)
    }

    @Test func distantChangesAreSeparateHunksAndCloseOnesMerge() {
        let apart = old.replacingLine("line 1", with: "one").replacingLine("line 12", with: "twelve")
        let diff = UnifiedDiff.render(old: old, new: apart, oldLabel: "a", newLabel: "b")
        #expect(diff.split(separator: "\n").filter { $0.hasPrefix("@@") } == ["@@ -1,4 +1,4 @@", "@@ -9,4 +9,4 @@"])
        let close = old.replacingLine("line 4", with: "four").replacingLine("line 9", with: "nine")
        let merged = UnifiedDiff.render(old: old, new: close, oldLabel: "a", newLabel: "b")
        #expect(merged.split(separator: "\n").filter { $0.hasPrefix("@@") } == ["@@ -1,12 +1,12 @@"])
    }

    @Test func emptySidesUseLineZero() {
        #expect(UnifiedDiff.render(old: "", new: "a\nb\n", oldLabel: "x", newLabel: "y") == "--- x\n+++ y\n@@ -0,0 +1,2 @@\n+a\n+b\n")
        #expect(UnifiedDiff.render(old: "a\n", new: "", oldLabel: "x", newLabel: "y") == "--- x\n+++ y\n@@ -1 +0,0 @@\n-a\n")
    }

    @Test func pureInsertionInTheMiddle() {
        let new = old.replacingLine("line 6", with: "line 6\nextra")
        let diff = UnifiedDiff.render(old: old, new: new, oldLabel: "a", newLabel: "b")
        #expect(diff.contains("@@ -4,6 +4,7 @@\n line 4\n line 5\n line 6\n+extra\n line 7\n"))
    }

    @Test func scriptIsMinimal() {
        let a = "a b c a b b a".split(separator: " ").map { Substring($0) }
        let b = "c b a b a c".split(separator: " ").map { Substring($0) }
        let edits = UnifiedDiff.script(a, b)
        let changes = edits.filter { if case .keep = $0 { return false }; return true }.count
        #expect(changes == 5)  // Myers' paper: D = 5 for this pair
    }
}

extension String {
    func replacingLine(_ line: String, with replacement: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0 == line ? replacement : String($0) }.joined(separator: "\n")
    }
}
