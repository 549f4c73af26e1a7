import SwiftWrapRecords

/// In-place operators (`__isub__`) that mypy finds incompatible with their binary operator
/// (`__sub__`). mypy requires the in-place method to accept at least what the binary one accepts
/// (`x -= y` may fall back to `x = x - y`): a single signature must take every call of a single
/// binary signature (argument names aside); overloads must
/// pair up one to one with the same argument types. C++ classes often do not (itk::Index has three
/// `operator-` but two `operator-=`), and SWIG's `__isub__` really takes only what `operator-=`
/// takes, so the stub keeps the truth and marks the method `# type: ignore[misc]`. The rule follows
/// mypy 2.4's `check_inplace_operator_method`; marking a compatible method would be an error under
/// `--strict` (unused ignore), so both directions are tested.
extension OverrideChecker {
    static let inplaceOperators: Set<String> = ["__iadd__", "__isub__", "__imul__", "__itruediv__", "__imod__",
                                                "__ifloordiv__", "__ipow__", "__ilshift__", "__irshift__",
                                                "__iand__", "__ixor__", "__ior__", "__imatmul__"]

    /// `<class key>\0<python name>` of every in-place operator of `records` that needs a marker:
    /// `misc` for the check above; `override` when, besides, an ancestor declares the binary operator
    /// and the in-place one is not a subtype of it (mypy checks `__iadd__` as an override of a base's
    /// `__add__` too, with the override rule: StubOverrides.swift).
    func incompatibleInplaceOperators(of records: [ClassRecord]) -> (misc: Set<String>, override: Set<String>) {
        var misc = Set<String>(), override = Set<String>()
        for record in records {
            guard let cls = classIndex[record.key] else { continue }
            for group in record.operators where OverrideChecker.inplaceOperators.contains(group.pythonName) {
                let binary = intern("__" + group.pythonName.dropFirst(3))
                let mine = signatures(cls, intern(group.pythonName))
                // mypy looks the binary operator up on the class: the nearest definer in the MRO.
                if let definer = definers(cls, binary, depth: 0).first,
                   !OverrideChecker.acceptsAtLeast(mine, signatures(definer, binary), catalog) {
                    misc.insert(record.key + "\u{0}" + group.pythonName)
                }
                var ancestors: [Int] = []
                for base in classBases[cls] { for definer in definers(base, binary, depth: 0) where !ancestors.contains(definer) { ancestors.append(definer) } }
                if ancestors.contains(where: { !OverrideChecker.isSubtype(mine, of: signatures($0, binary), catalog) }) {
                    override.insert(record.key + "\u{0}" + group.pythonName)
                }
            }
        }
        return (misc, override)
    }

    /// mypy's `is_more_general_arg_prefix(inplace, binary)`.
    static func acceptsAtLeast(_ inplace: [StubSignature], _ binary: [StubSignature], _ catalog: StubCatalog) -> Bool {
        if inplace.count == 1 && binary.count == 1 {
            // Argument names do not count: mypy checks operator methods' arguments by position.
            return isSubtype(inplace[0], of: binary[0], catalog, ignoreReturn: true)
        }
        guard inplace.count > 1, inplace.count == binary.count else { return false }
        return zip(inplace, binary).allSatisfy { mine, theirs in
            mine.isStatic == theirs.isStatic && mine.parameters.count == theirs.parameters.count
                && zip(mine.parameters, theirs.parameters).allSatisfy { $0.type == $1.type && $0.hasDefault == $1.hasDefault }
        }
    }
}
