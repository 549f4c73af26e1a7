/// One Python signature of a stub: what SWIG's proxy accepts for one C++ overload.
struct StubSignature {
    struct Parameter {
        var name: String
        var type: PythonAnnotation
        /// The annotation as the stub spells it.
        var text: String
        var hasDefault: Bool
    }
    var parameters: [Parameter]
    var returns: PythonAnnotation
    var returnsText: String
    var isStatic: Bool
    var isAbstract: Bool
    /// The overload's doc comment (StubDocstrings.swift).
    var doc: String? = nil

    var requiredCount: Int { parameters.count { !$0.hasDefault } }

    /// True when every call this signature accepts is also accepted by `other` (so, listed after
    /// `other`, it could never be chosen: mypy rejects that).
    func isCovered(by other: StubSignature, catalog: StubCatalog) -> Bool {
        guard isStatic == other.isStatic, other.requiredCount <= requiredCount,
              parameters.count <= other.parameters.count else { return false }
        return zip(parameters, other.parameters).allSatisfy { $0.type.isSubtype(of: $1.type, catalog: catalog) }
    }

    func hasSameParameterTypes(as other: StubSignature) -> Bool {
        isStatic == other.isStatic && requiredCount == other.requiredCount
            && parameters.map(\.type) == other.parameters.map(\.type)
    }

    /// Orders overloads for type checkers: declaration order, except that an overload that an
    /// earlier one would always shadow moves in front of it (as SWIG's own dispatch ranks the
    /// narrower C++ type first); overloads identical from Python's side are kept once.
    static func ordered(_ signatures: [StubSignature], catalog: StubCatalog) -> [StubSignature] {
        var result: [StubSignature] = []
        for signature in signatures {
            if let position = result.firstIndex(where: { signature.isCovered(by: $0, catalog: catalog) }) {
                if signature.hasSameParameterTypes(as: result[position]) { continue }
                result.insert(signature, at: position)
            } else {
                result.append(signature)
            }
        }
        return result
    }
}
