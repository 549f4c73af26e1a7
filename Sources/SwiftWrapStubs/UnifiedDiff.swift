/// A line diff in unified format (`diff -u` style, 3 lines of context), computed in process with
/// Myers' O((N+M)·D) algorithm, so `stubgen --check` needs no external `diff`.
public enum UnifiedDiff {
    enum Edit: Equatable { case keep(Int, Int), delete(Int), insert(Int) }

    /// The diff from `old` to `new`, or "" when they are equal. Labels name the two sides.
    public static func render(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 3) -> String {
        if old == new { return "" }
        let a = lines(old), b = lines(new)
        let edits = script(a, b)
        var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunk in hunks(edits, context: context) {
            out += hunkText(hunk, a, b, in: edits)
        }
        if !old.isEmpty && !old.hasSuffix("\n") || !new.isEmpty && !new.hasSuffix("\n") {
            out += "\\ No newline at end of file (one side)\n"
        }
        return out
    }

    static func lines(_ text: String) -> [Substring] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false)
        if result.last == "" { result.removeLast() }
        return result
    }

    /// The shortest edit script (Myers 1986), as keep/delete/insert steps in order.
    static func script(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        let n = a.count, m = b.count, max = n + m
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        var found = false
        for d in 0...max where !found {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? v[max + k + 1] : v[max + k - 1] + 1
                var y = x - k
                while x < n && y < m && a[x] == b[y] { x += 1; y += 1 }
                v[max + k] = x
                if x >= n && y >= m { found = true; break }
            }
        }
        // Walk back through the saved frontiers.
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let frontier = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && frontier[max + k - 1] < frontier[max + k + 1])) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : frontier[max + previousK]
            let previousY = previousX - previousK
            while x > previousX && y > previousY { x -= 1; y -= 1; edits.append(.keep(x, y)) }
            if d > 0 {
                if x == previousX { y -= 1; edits.append(.insert(y)) } else { x -= 1; edits.append(.delete(x)) }
            }
        }
        while x > 0 && y > 0 { x -= 1; y -= 1; edits.append(.keep(x, y)) }
        return edits.reversed()
    }

    /// Ranges of the edit script to print: changes with up to `context` kept lines around them.
    static func hunks(_ edits: [Edit], context: Int) -> [ArraySlice<Edit>] {
        var changed: [Int] = []
        for (index, edit) in edits.enumerated() { if case .keep = edit { continue }; changed.append(index) }
        var result: [ArraySlice<Edit>] = []
        var start = -1, end = -1
        for index in changed {
            let low = Swift.max(0, index - context), high = Swift.min(edits.count, index + context + 1)
            if start >= 0 && low <= end { end = high; continue }
            if start >= 0 { result.append(edits[start..<end]) }
            start = low; end = high
        }
        if start >= 0 { result.append(edits[start..<end]) }
        return result
    }

    static func hunkText(_ hunk: ArraySlice<Edit>, _ a: [Substring], _ b: [Substring], in edits: [Edit]) -> String {
        // Lines of each side consumed before the hunk.
        var oldPosition = 0, newPosition = 0
        for edit in edits[..<hunk.startIndex] {
            switch edit {
            case .keep: oldPosition += 1; newPosition += 1
            case .delete: oldPosition += 1
            case .insert: newPosition += 1
            }
        }
        var oldCount = 0, newCount = 0, body = ""
        for edit in hunk {
            switch edit {
            case .keep(let i, _): oldCount += 1; newCount += 1; body += " " + a[i] + "\n"
            case .delete(let i): oldCount += 1; body += "-" + a[i] + "\n"
            case .insert(let j): newCount += 1; body += "+" + b[j] + "\n"
            }
        }
        return "@@ -\(range(oldPosition, oldCount)) +\(range(newPosition, newCount)) @@\n" + body
    }

    /// `start,count` as diff -u prints it: 1-based start, `,count` left out for one line, and an
    /// empty side given as the line before it.
    private static func range(_ before: Int, _ count: Int) -> String {
        if count == 0 { return "\(before),0" }
        return count == 1 ? "\(before + 1)" : "\(before + 1),\(count)"
    }
}
