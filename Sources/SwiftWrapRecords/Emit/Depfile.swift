/// A Makefile-syntax depfile (`target: dep dep …`) as Ninja and CMake's `DEPFILE` read it.
public enum Depfile {
    public static func render(target: String, dependencies: [String]) -> String {
        var seen = Set<String>()
        let unique = dependencies.filter { seen.insert($0).inserted }
        return ([escape(target) + ":"] + unique.map(escape)).joined(separator: " \\\n  ") + "\n"
    }

    static func escape(_ path: String) -> String {
        var out = ""
        for c in path {
            switch c {
            case " ": out += "\\ "
            case "#": out += "\\#"
            case "$": out += "$$"
            default: out.append(c)
            }
        }
        return out
    }
}
