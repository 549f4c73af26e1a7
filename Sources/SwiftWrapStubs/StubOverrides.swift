import SwiftWrapRecords

/// Finds the methods a type checker would call incompatible overrides. C++ hides a base method
/// when a derived class declares one of the same name with other types (ITK does this all the time:
/// `SetInput` of every filter); Python sees an override, and mypy rejects it unless it is marked
/// `# type: ignore[override]`. The rules follow mypy's (checked against mypy 2.4 in the tests):
/// the override must be a subtype of every definition of the name in every ancestor; argument
/// names are not compared; an overloaded override must match the base items in order.
///
/// Classes and method names are interned to integers up front, so the memo tables along base
/// chains hash integers, not strings.
final class OverrideChecker {
    let catalog: StubCatalog
    var classIndex: [String: Int] = [:]
    var classBases: [[Int]] = []
    private var classSubmodules: [String] = []
    /// Per class: name id → the overloads the class itself declares under that Python name.
    var declared: [[Int: [FunctionRecord]]] = []
    private var nameIndex: [String: Int] = [:]
    private var names: [String] = []
    private var signatureMemo: [Int: [StubSignature]] = [:]
    private var definerMemo: [Int: [Int]] = [:]
    private var ignoreMemo: [Int: Bool] = [:]
    private struct AnnotationMemo: Hashable {
        let python: String
        let wrapped: String?
        /// Only for names resolved by name (no wrapped key), which prefer the record's submodule.
        let submodule: String?
    }
    private var annotations: [AnnotationMemo: PythonAnnotation] = [:]

    init(catalog: StubCatalog) {
        self.catalog = catalog
        let keys = catalog.allKeys
        for (index, key) in keys.enumerated() { classIndex[key] = index }
        for key in keys {
            classBases.append(catalog.baseKeys(ofKey: key).compactMap { classIndex[$0] })
            let (submodule, groups) = catalog.declarations(ofKey: key)
            classSubmodules.append(submodule)
            var table: [Int: [FunctionRecord]] = [:]
            for (name, functions) in groups { table[intern(name), default: []] += functions }
            declared.append(table)
        }
    }

    func intern(_ name: String) -> Int {
        if let known = nameIndex[name] { return known }
        nameIndex[name] = names.count
        names.append(name)
        return names.count - 1
    }

    private func slot(_ cls: Int, _ name: Int) -> Int { cls &* 1_048_576 &+ name }

    /// Names mypy does not check against the base, or whose stub signature is object's own.
    static let exempt: Set<String> = ["__init__", "__eq__", "__ne__"]

    /// `<class key>\0<python name>` of every method of `records` that needs the marker. Computed once
    /// for the records given (memoised along base chains), before the files are rendered in parallel.
    func incompatibleOverrides(of records: [ClassRecord]) -> Set<String> {
        var result = Set<String>()
        for record in records where !record.bases.isEmpty {
            guard let cls = classIndex[record.key] else { continue }
            for name in declared[cls].keys.sorted() where needsIgnore(cls, name) {
                result.insert(record.key + "\u{0}" + names[name])
            }
        }
        return result
    }

    /// True when the definition of `name` in class `cls` is not a subtype of some ancestor's.
    private func needsIgnore(_ cls: Int, _ name: Int) -> Bool {
        let memo = slot(cls, name)
        if let known = ignoreMemo[memo] { return known }
        ignoreMemo[memo] = false  // cycles in broken data end here
        var result = false
        if !OverrideChecker.exempt.contains(names[name]), let mine = declared[cls][name] {
            var nearest: [Int] = []
            for base in classBases[cls] { for definer in definers(base, name, depth: 0) where !nearest.contains(definer) { nearest.append(definer) } }
            if nearest.count == 1, let inherited = declared[nearest[0]][name], OverrideChecker.sameDeclarations(mine, inherited) {
                // The usual case (a virtual override): the same declarations fare the same against every ancestor.
                result = needsIgnore(nearest[0], name)
            } else if !nearest.isEmpty {
                result = violates(signatures(cls, name), bases: classBases[cls], name, depth: 0)
            }
        }
        ignoreMemo[memo] = result
        return result
    }

    /// The same overloads as far as a stub can tell: types, defaults and staticness (names and lines aside).
    static func sameDeclarations(_ a: [FunctionRecord], _ b: [FunctionRecord]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.isStatic == y.isStatic && x.returns?.python == y.returns?.python && x.returns?.wrapped == y.returns?.wrapped
                && x.arguments.count == y.arguments.count
                && zip(x.arguments, y.arguments).allSatisfy {
                    $0.type.python == $1.type.python && $0.type.wrapped == $1.type.wrapped && ($0.cppDefault == nil) == ($1.cppDefault == nil)
                }
        }
    }

    /// Whether `mine` fails against a definition reachable through `bases`. A definer that is itself
    /// compatible with all its ancestors covers them (subtyping is transitive); past one that is
    /// not, the walk goes on.
    private func violates(_ mine: [StubSignature], bases: [Int], _ name: Int, depth: Int) -> Bool {
        guard depth < 256 else { return false }
        for base in bases {
            for definer in definers(base, name, depth: 0) {
                if !OverrideChecker.isSubtype(mine, of: signatures(definer, name), catalog) { return true }
                if needsIgnore(definer, name), violates(mine, bases: classBases[definer], name, depth: depth + 1) {
                    return true
                }
            }
        }
        return false
    }

    /// The nearest classes at or above `cls` that declare `name` (one per inheritance path).
    func definers(_ cls: Int, _ name: Int, depth: Int) -> [Int] {
        let memo = slot(cls, name)
        if let known = definerMemo[memo] { return known }
        definerMemo[memo] = []
        var result: [Int] = []
        if declared[cls][name] != nil {
            result = [cls]
        } else if depth < 256 {
            for base in classBases[cls] {
                for definer in definers(base, name, depth: depth + 1) where !result.contains(definer) { result.append(definer) }
            }
        }
        definerMemo[memo] = result
        return result
    }

    /// The signatures class `cls` declares for `name`, as its stub lists them (empty if none).
    func signatures(_ cls: Int, _ name: Int) -> [StubSignature] {
        let memo = slot(cls, name)
        if let known = signatureMemo[memo] { return known }
        let submodule = classSubmodules[cls]
        let functions = SwigOverloads.dispatched(declared[cls][name] ?? [])
        let result = StubSignature.ordered(functions.map { signature($0, submodule: submodule) }, catalog: catalog)
        signatureMemo[memo] = result
        return result
    }

    private func signature(_ function: FunctionRecord, submodule: String) -> StubSignature {
        StubSignature(parameters: function.arguments.map {
                          StubSignature.Parameter(name: $0.name, type: annotation($0.type, submodule), text: "", hasDefault: $0.cppDefault != nil)
                      },
                      returns: function.returns.map { annotation($0, submodule) } ?? .name("None", nil), returnsText: "",
                      isStatic: function.isStatic, isAbstract: function.isPure)
    }

    private func annotation(_ type: TypeRecord, _ submodule: String) -> PythonAnnotation {
        let memo = AnnotationMemo(python: type.python, wrapped: type.wrapped, submodule: type.wrapped == nil ? submodule : nil)
        if let known = annotations[memo] { return known }
        let parsed = catalog.annotation(type, in: submodule)
        annotations[memo] = parsed
        return parsed
    }

    /// Every call `base` accepts, `override` accepts, with a return type that fits (mypy's callable subtyping).
    static func isSubtype(_ override: StubSignature, of base: StubSignature, _ catalog: StubCatalog, ignoreReturn: Bool = false) -> Bool {
        guard override.isStatic == base.isStatic, override.requiredCount <= base.requiredCount,
              override.parameters.count >= base.parameters.count else { return false }
        for (mine, theirs) in zip(override.parameters, base.parameters) where !theirs.type.isSubtype(of: mine.type, catalog: catalog) {
            return false
        }
        return ignoreReturn || override.returns.isSubtype(of: base.returns, catalog: catalog)
    }

    /// mypy's rule for overloads: each base item needs an override item, in order, that is a
    /// subtype; an override item that overlaps a base item it does not match makes it incompatible.
    static func isSubtype(_ override: [StubSignature], of base: [StubSignature], _ catalog: StubCatalog) -> Bool {
        if override.count == 1 { return base.allSatisfy { isSubtype(override[0], of: $0, catalog) } }
        if base.count == 1 { return override.contains { isSubtype($0, of: base[0], catalog) } }
        var previous = -1
        var matched = Set<Int>()
        for item in base {
            var found = false
            for (index, candidate) in override.enumerated() {
                if index >= previous && isSubtype(candidate, of: item, catalog) {
                    previous = index
                    matched.insert(index)
                    found = true
                    break
                }
                if !matched.contains(index) && (isSubtype(candidate, of: item, catalog, ignoreReturn: true)
                                                 || isSubtype(item, of: candidate, catalog, ignoreReturn: true)) {
                    return false
                }
            }
            if !found { return false }
        }
        return true
    }
}
