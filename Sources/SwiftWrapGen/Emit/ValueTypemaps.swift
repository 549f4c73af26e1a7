/// SWIG typemaps that make the `.i` hand Python values where the stubs promise them.
///
/// - A non-const `T&` return of a number, `bool` or an enumeration is, by SWIG's default, a
///   pointer proxy (`float *`); wrapgen copies `const T&`'s out typemap to `T&`
///   (`%typemap(out) float & = float const &;`; for an enumeration `const int &`'s), so the method
///   returns the value. Only the out typemap is copied: `T&` parameters keep SWIG's meaning.
/// - An enumeration the `.i` does not declare (not wrapped, no wrapped class encloses it) would be
///   an opaque class to SWIG: returned by value, a pointer proxy that leaks. wrapgen applies `int`'s
///   typemaps to it (`%apply int { ns::Mode };`, and `const int&`'s to `ns::Mode const &`), so it
///   passes to and from Python as `int`, as the stubs say.
public enum ValueTypemaps {
    /// Fundamental types whose `const T&` SWIG returns as a Python number or `bool` (`char` is a
    /// one-character `str` for SWIG; it and the other character types are left alone).
    public static let valueTypes: Set<String> = [
        "bool", "signed char", "unsigned char", "short", "unsigned short", "int", "unsigned int", "long",
        "unsigned long", "long long", "unsigned long long", "float", "double",
    ]

    static func lines(_ sub: SubmoduleInterface) -> [String] {
        var out: [String] = []
        if !sub.unwrappedEnums.isEmpty {
            out.append("// Enumerations this interface does not declare pass to and from Python as int.")
            for name in sub.unwrappedEnums.sorted() {
                out.append("%apply int { \(name) };")
                out.append("%apply const int & { \(name) const & };")
            }
        }
        if !sub.referenceReturns.isEmpty {
            out.append("// T& returns of numbers, bool and enumerations come back as Python values (out typemaps only).")
            for name in sub.referenceReturns.sorted() {
                // An enumeration's is `const int &`'s (SWIG's own for `const E &`): declared here,
                // before the enumeration may be, it cannot be copied from the enumeration.
                let source = valueTypes.contains(name) ? name + " const &" : "const int &"
                out.append("%typemap(out) \(name) & = \(source);")
            }
        }
        return out
    }
}
