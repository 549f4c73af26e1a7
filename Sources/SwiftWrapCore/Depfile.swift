/// Makefile-syntax dependency files (`target: dep dep …`), as clang (and so castxml) writes them
/// and as Ninja and CMake's `DEPFILE` read them. The one reader and writer of the package.
public enum Depfile {
    /// The prerequisites of the first rule, in order, unescaped. The target is dropped.
    public static func parse(_ text: String, path: String) throws(FormatError) -> [String] {
        var words: [String] = []
        var current = ""
        var haveWord = false
        var chars = Array(text.unicodeScalars)
        chars.append("\n")
        var i = 0
        var sawColon = false
        func flush() {
            if haveWord { words.append(current) }
            current = ""
            haveWord = false
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                let next = chars[i + 1]
                if next == "\n" { flush(); i += 2; continue }
                if next == "\r", i + 2 < chars.count, chars[i + 2] == "\n" { flush(); i += 3; continue }
                if next == " " || next == "#" || next == "\\" {
                    current.unicodeScalars.append(next)
                    haveWord = true
                    i += 2
                    continue
                }
            }
            if c == "$", i + 1 < chars.count, chars[i + 1] == "$" {
                current.unicodeScalars.append("$")
                haveWord = true
                i += 2
                continue
            }
            if !sawColon, c == ":", i + 1 < chars.count, chars[i + 1] == " " || chars[i + 1] == "\n" || chars[i + 1] == "\t" {
                // End of the target list.
                words.removeAll()
                current = ""
                haveWord = false
                sawColon = true
                i += 1
                continue
            }
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                flush()
                if c == "\n", sawColon, i + 1 < chars.count, chars[i + 1] != " " && chars[i + 1] != "\t" {
                    // A new rule starts (e.g. -MP phony targets): the first rule is complete.
                    break
                }
                i += 1
                continue
            }
            current.unicodeScalars.append(c)
            haveWord = true
            i += 1
        }
        flush()
        guard sawColon else { throw FormatError(path: path, line: nil, message: "no 'target:' rule found in the dependency file") }
        return words
    }

    /// `text` with the prerequisites of its first rule filtered by `keep` (unescaped paths), the
    /// target spelled as it was: `target: dep dep …`, one prerequisite a line. Later rules (`-MP`
    /// phony targets) are dropped.
    public static func filtering(_ text: String, path: String, keep: (String) -> Bool) throws(FormatError) -> String {
        let kept = try parse(text, path: path).filter(keep)
        let scalars = Array(text.unicodeScalars)
        var end = 0
        // The target list ends where `parse` ends it: the first ':' before a blank.
        while end + 1 < scalars.count, !(scalars[end] == ":" && (scalars[end + 1] == " " || scalars[end + 1] == "\n"
                                                                || scalars[end + 1] == "\t")) {
            end += 1
        }
        var target = ""
        target.unicodeScalars.append(contentsOf: scalars[..<end])
        var out = target + ":"
        for dependency in kept { out += " \\\n  " + escape(dependency) }
        return out + "\n"
    }

    static func escape(_ path: String) -> String {
        var out = ""
        for c in path.unicodeScalars {
            switch c {
            case " ": out += "\\ "
            case "#": out += "\\#"
            case "$": out += "$$"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Renders a depfile: `targets: dep dep …` with one prerequisite a line (duplicates dropped),
    /// and with `phony` an empty rule for each header (like `-MP`) so a deleted header does not break
    /// the build.
    public static func render(targets: [String], dependencies: [String], phony: Bool = false) -> String {
        var seen = Set<String>()
        let dependencies = dependencies.filter { seen.insert($0).inserted }
        var text = targets.map(escape).joined(separator: " ") + ":"
        for dep in dependencies { text += " \\\n  " + escape(dep) }
        text += "\n"
        if phony {
            for dep in dependencies.dropFirst() { text += "\n" + escape(dep) + ":\n" }
        }
        return text
    }

    public static func render(target: String, dependencies: [String]) -> String {
        render(targets: [target], dependencies: dependencies)
    }
}
