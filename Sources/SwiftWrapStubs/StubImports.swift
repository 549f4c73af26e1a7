/// The names one stub file uses and how it spells them: classes it defines, classes it imports
/// (from its own package relatively, from other projects' packages absolutely) and typing helpers.
/// A name that would clash with another gets a private alias (`from .Shapes import Shape as _Shapes_Shape`).
struct StubImports {
    let package: String
    let submodule: String
    /// Names this stub defines (classes and module-level constants).
    let localNames: Set<String>
    /// Spelling in this file → (module, imported name).
    private var spellings: [String: (module: String, name: String)] = [:]
    /// (module, imported name) → spelling in this file.
    private var chosen: [String: [String: String]] = [:]

    init(package: String, submodule: String, localNames: Set<String>) {
        self.package = package
        self.submodule = submodule
        self.localNames = localNames
    }

    /// The spelling of a wrapped class in this file, importing it when it lives elsewhere.
    mutating func reference(_ location: PythonLocation) -> String {
        if location.package == package && location.submodule == submodule { return location.name }
        let module = location.package == package ? "." + location.submodule : location.package + "." + location.submodule
        return spelling(module: module, name: location.name, alias: "_\(location.submodule)_\(location.name)")
    }

    /// The spelling of a helper such as `Any`, `overload` or `Sequence`, importing it.
    mutating func helper(_ name: String) -> String {
        let module = PythonAnnotation.helperModules[name] ?? StubImports.decoratorModules[name] ?? "typing"
        return spelling(module: module, name: name, alias: "_" + name)
    }

    static let decoratorModules = ["overload": "typing", "abstractmethod": "abc"]

    private mutating func spelling(module: String, name: String, alias: String) -> String {
        if let existing = chosen[module]?[name] { return existing }
        var candidate = name
        var counter = 1
        while localNames.contains(candidate) || spellings[candidate] != nil {
            candidate = counter == 1 ? alias : alias + "\(counter)"
            counter += 1
        }
        spellings[candidate] = (module, name)
        chosen[module, default: [:]][name] = candidate
        return candidate
    }

    /// `from … import …` lines: standard library first, then other packages, then this package
    /// (relative); modules and names sorted.
    func lines() -> [String] {
        func group(_ module: String) -> Int {
            if module.hasPrefix(".") { return 2 }
            return ["abc", "collections.abc", "typing"].contains(module) ? 0 : 1
        }
        let modules = chosen.keys.sorted { (group($0), $0) < (group($1), $1) }
        var result: [String] = []
        var previousGroup: Int?
        for module in modules {
            if let previousGroup, previousGroup != group(module) { result.append("") }
            previousGroup = group(module)
            let names = chosen[module]!.sorted { $0.key < $1.key }
                .map { $0.key == $0.value ? $0.key : "\($0.key) as \($0.value)" }
            result.append("from \(module) import " + names.joined(separator: ", "))
        }
        return result
    }
}
