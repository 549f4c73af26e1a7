/// The overloads SWIG dispatches between, as wrapgen's `.i` declares them.
///
/// C++ lets a class declare the same parameter list twice, once `const` and once not
/// (`T& front()` / `const T& front() const`). Python cannot tell the two apart, and SWIG would
/// ignore the `const` one anyway (its warning 512), yet it would still give the method a
/// dispatching `*args` proxy. wrapgen leaves the `const` twin out of the `.i` (so SWIG's proxy is
/// the plain `def front(self)`), and stubgen types the method from the same list: both sides use
/// this one rule.
public enum SwigOverloads {
    /// `overloads` without each `const` overload whose parameter types (and staticness) equal
    /// those of a non-`const` overload in the list. Order is kept.
    public static func dispatched(_ overloads: [FunctionRecord]) -> [FunctionRecord] {
        guard overloads.count > 1 else { return overloads }
        let nonConst = Set(overloads.filter { !$0.isConst }.map(parameterKey))
        return overloads.filter { !$0.isConst || !nonConst.contains(parameterKey($0)) }
    }

    /// The identity of a parameter list for this rule: staticness and the C++ parameter types.
    public static func parameterKey(_ function: FunctionRecord) -> String {
        parameterKey(isStatic: function.isStatic, types: function.arguments.map(\.type.cpp))
    }

    public static func parameterKey(isStatic: Bool, types: [String]) -> String {
        (isStatic ? "static\u{0}" : "\u{0}") + types.joined(separator: "\u{0}")
    }
}
