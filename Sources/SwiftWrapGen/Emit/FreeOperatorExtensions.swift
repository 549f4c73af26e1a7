/// A free operator as a method of its class (FreeOperators.swift): `%extend <alias> { … }`.
public struct FreeOperatorExtension: Sendable {
    public var alias: String
    public var pythonName: String
    /// SWIG spelling of the return type (`<alias> &` for an in-place operator).
    public var returns: String
    /// SWIG spelling of the other operand; nil for a unary operator.
    public var parameter: String?
    public var isInplace: Bool
    /// False when the operator takes its class operand by non-const reference.
    public var isConst = true
    /// The C++ expression the method returns, with `*$self` and `other`.
    public var expression: String
}

/// One namespace's module-level functions, as `.i` lines (`  float length(Vector2f const & v);`).
public struct ModuleFunctionDeclaration: Sendable {
    public var namespace: String
    public var lines: [String]
}

/// The `.i` lines of free operators, module-level functions and constants.
///
/// A binary operator method gets `%pythonmaybecall` (as SWIG gives its own operators): when the
/// argument does not convert, it returns `NotImplemented`, so Python tries the reflected method of the
/// other operand and `==` with anything else is `False`, never an exception. An in-place method
/// returns `*$self` with SWIG's own in-place ownership rule (`%feature("del")` + `%feature("new")`: the
/// result takes over the C++ object, so `a += b` cannot leave a proxy of a deleted object).
enum FreeOperatorExtensions {
    static func lines(_ items: [FreeOperatorExtension]) -> [String] {
        guard !items.isEmpty else { return [] }
        var out: [String] = []
        var byAlias: [String: [FreeOperatorExtension]] = [:]
        for item in items { byAlias[item.alias, default: []].append(item) }
        for alias in byAlias.keys.sorted() {
            let methods = byAlias[alias]!
            out.append("")
            var features = Set<String>()
            for method in methods where method.parameter != nil {
                features.insert("%pythonmaybecall \(alias)::\(method.pythonName);")
                if method.isInplace {
                    features.insert("%feature(\"del\") \(alias)::\(method.pythonName);")
                    features.insert("%feature(\"new\") \(alias)::\(method.pythonName);")
                }
            }
            out += features.sorted()
            out.append("%extend \(alias) {")
            for method in methods {
                let parameter = method.parameter.map { "\($0) other" } ?? ""
                if method.isInplace {
                    out.append("  \(method.returns) \(method.pythonName)(\(parameter)) { \(method.expression); return *$self; }")
                } else {
                    out.append("  \(method.returns) \(method.pythonName)(\(parameter))\(method.isConst ? " const" : "") { return \(method.expression); }")
                }
            }
            out.append("}")
        }
        return out
    }

    static func moduleLevelLines(_ sub: SubmoduleInterface) -> [String] {
        var out: [String] = []
        for declaration in sub.moduleFunctions {
            out.append("")
            if declaration.namespace.isEmpty {
                out += declaration.lines
                continue
            }
            let parts = declaration.namespace.split(separator: ":", omittingEmptySubsequences: true)
            out.append(parts.map { "namespace \($0) {" }.joined(separator: " "))
            out += declaration.lines
            out.append(String(repeating: "}", count: parts.count))
        }
        if !sub.constants.isEmpty { out += [""] + sub.constants }
        return out
    }
}
