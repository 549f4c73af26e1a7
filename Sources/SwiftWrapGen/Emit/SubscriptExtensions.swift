/// `operator[]` as Python's `obj[i]` and `obj[i] = v`. SWIG does not map `operator[]`; wrapgen
/// writes `__getitem__`/`__setitem__` into the class with `%extend`.
///
/// - `__getitem__` for every class with a public `operator[]`; `__setitem__` only when a non-const
///   `operator[]` returns a non-const reference (a const-only class is read-only).
/// - A number, `bool`, enumeration or `std::string` element comes back as a Python value (a copy);
///   an element of class type comes back as a proxy of the element inside the container (SWIG's
///   usual `T&` return: the proxy does not own it and must not outlive the container).
/// - Bounds: when the class has a size to check against — a public zero-argument `const` or static
///   member function `size()`, `Size()` or `GetSize()` returning an integer, or else a public static
///   integer data member `Dimension` (`itk::Index`, `itk::Size`, `itk::FixedArray`) — an integer
///   index is checked: negative indices count from the end as in Python, and an index out of range
///   raises `IndexError`. Without one the index goes to C++ unchecked, as `operator[]` itself does.
public struct SubscriptExtension: Sendable {
    /// One index type: all integer overloads of `operator[]` share one accessor.
    public struct Accessor: Sendable {
        /// The `%extend` parameter's type (`long long` when the index is checked).
        public var index: String
        /// The C++ index type of the `operator[]` called (the index is cast to it).
        public var operatorIndex: String
        public var returns: String
        /// The `__setitem__` value parameter's type; nil: no `__setitem__`.
        public var value: String?
        /// C++ expression for the element count (uses `$self`); nil: unchecked.
        public var size: String?
    }
    public var alias: String
    public var accessors: [Accessor]

    var isChecked: Bool { accessors.contains { $0.size != nil } }
}

enum SubscriptExtensions {
    static func lines(_ subscripts: [SubscriptExtension]) -> [String] {
        guard !subscripts.isEmpty else { return [] }
        var out = ["", "%{", "#include <stdexcept>", "%}"]
        for item in subscripts.sorted(by: { $0.alias < $1.alias }) {
            out.append("")
            if item.isChecked {
                for name in ["__getitem__", "__setitem__"] where name == "__getitem__" || item.accessors.contains(where: { $0.value != nil }) {
                    out.append("%exception \(item.alias)::\(name) {")
                    out.append("  try { $action } catch (const std::out_of_range &e) { PyErr_SetString(PyExc_IndexError, e.what()); SWIG_fail; }")
                    out.append("}")
                }
            }
            out.append("%extend \(item.alias) {")
            for accessor in item.accessors {
                out += getter(accessor)
                if accessor.value != nil { out += setter(accessor) }
            }
            out.append("}")
        }
        return out
    }

    private static func element(_ accessor: SubscriptExtension.Accessor) -> String {
        accessor.size == nil ? "(*$self)[index]" : "(*$self)[static_cast<\(accessor.operatorIndex)>(index)]"
    }

    private static func check(_ accessor: SubscriptExtension.Accessor) -> [String] {
        guard let size = accessor.size else { return [] }
        return ["    const long long size = static_cast<long long>(\(size));",
                "    if (index < 0) index += size;",
                "    if (index < 0 || index >= size) throw std::out_of_range(\"index out of range\");"]
    }

    private static func getter(_ accessor: SubscriptExtension.Accessor) -> [String] {
        ["  \(accessor.returns) __getitem__(\(accessor.index) index) {"] + check(accessor)
            + ["    return \(element(accessor));", "  }"]
    }

    private static func setter(_ accessor: SubscriptExtension.Accessor) -> [String] {
        ["  void __setitem__(\(accessor.index) index, \(accessor.value ?? "") value) {"] + check(accessor)
            + ["    \(element(accessor)) = value;", "  }"]
    }
}
