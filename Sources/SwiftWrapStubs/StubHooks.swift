import SwiftWrapRecords

/// What the user's hooks change in a stub (wrapgen's `--output-parameter`, `--director`; stubgen's
/// `--stub-code`, StubFragment.swift).
enum StubHooks {
    /// The Python result of a call with out-parameters, as SWIG 4.1 builds it (wrapgen's
    /// `pythonappend` turns SWIG's list into a tuple): a `void` function with one output returns the
    /// output alone, with several a tuple of them; any other returns `(result, output, …)`.
    static func result(returns: (PythonAnnotation, String), outputs: [(PythonAnnotation, String)]) -> (PythonAnnotation, String) {
        guard !outputs.isEmpty else { return returns }
        let isVoid = returns.1 == "None"
        if isVoid && outputs.count == 1 { return outputs[0] }
        let parts = (isVoid ? [] : [returns]) + outputs
        return (.generic(.name("tuple", nil), parts.map(\.0)), "tuple[" + parts.map(\.1).joined(separator: ", ") + "]")
    }

    /// SWIG gives a director class's proxy `__disown__()`, which hands the object to C++ and returns
    /// a weak proxy of it (usable as the object).
    static func directorLines(_ record: ClassRecord, imports: inout StubImports) -> [String] {
        guard record.isDirector == true else { return [] }
        return ["    def __disown__(self) -> \(imports.helper("Self")): ..."]
    }
}
