import SwiftWrapRecords

/// Module-level functions and constants of a submodule's stub (records of kind `function` and
/// `constant`): SWIG's module functions (`def seconds(amount: float) -> Time: ...`, `@overload` for C++
/// overloads, positional-only where SWIG's proxy takes `*args`) and `%constant` attributes
/// (`BlendAlpha: BlendMode`, `Answer: int`).
extension ModuleStubWriter {
    /// True when a wrapped public ancestor of `record` defines `__eq__` (its stub declares `__hash__` None).
    func inheritsHashNone(_ record: ClassRecord) -> Bool {
        var pending = catalog.baseKeys(ofKey: record.key), seen = Set<String>()
        while let key = pending.popLast(), seen.count < 512 {
            guard seen.insert(key).inserted else { continue }
            if catalog.declarations(ofKey: key).groups.contains(where: { $0.name == "__eq__" }) { return true }
            pending += catalog.baseKeys(ofKey: key)
        }
        return false
    }

    func moduleLevelLines(_ records: [ClassRecord], imports: inout StubImports) -> [String] {
        var lines: [String] = []
        for record in records where record.kind == "constant" {
            guard let type = record.valueType else { continue }
            let annotation = catalog.annotation(type, in: submodule)
            let text = annotation.rendered { name, location in
                if let location { return imports.reference(location) }
                return PythonAnnotation.helperModules[name] != nil ? imports.helper(name) : name
            }
            lines.append("\(record.pythonName): \(text)")
        }
        for record in records where record.kind == "function" {
            guard let group = record.methods.first else { continue }
            if !lines.isEmpty { lines.append("") }
            lines += functionLines(record.pythonName, group.overloads, record: record, imports: &imports, moduleLevel: true)
        }
        return lines
    }
}
