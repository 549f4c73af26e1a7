/// The smart-pointer part of a submodule's `.i` (docs/cmake.md, "Smart pointers"). wrapgen never
/// wraps a smart-pointer class: SWIG cannot parse `itk::SmartPointer` (its `nullptr_t` constructor,
/// its converting constructor template taken for a second copy constructor) and drops `operator->`.
/// A smart pointer is its pointee in Python instead, through typemaps:
///
/// - intrusive pointers (`--intrusive-pointer`): every Python object of a reference-counted class
///   owns one reference: a returned smart pointer, raw pointer or reference takes one (`REF`), the
///   object's destructor drops it (`%feature("unref")`), so objects can be dropped in any order. An
///   argument of the smart-pointer type accepts the class's proxies (and `None`).
/// - `std::shared_ptr<T>`: SWIG's `%shared_ptr(T)` (std_shared_ptr.i) for the classes of this
///   module that appear in one, and for their wrapped bases and derived classes of the module.
/// - `std::unique_ptr<T>`: SWIG's `%unique_ptr(T)` (std_unique_ptr.i): a returned one gives the
///   object to Python, passing one moves the object out of the Python proxy.
enum SmartPointerInterface {
    static func lines(_ sub: SubmoduleInterface) -> [String] {
        let held = sub.declarations.filter(\.heldByShared).map(\.alias).sorted()
        let counted = sub.declarations.compactMap { d in d.referenceCounting.map { (d.alias, $0) } }.sorted { $0.0 < $1.0 }
        let uses = sub.smartPointers.sorted()
        guard !held.isEmpty || !counted.isEmpty || !uses.isEmpty else { return [] }
        var out = ["", "// Smart pointers: each stands for its pointee in Python (docs/cmake.md, \"Smart pointers\")."]
        if !held.isEmpty || uses.contains(where: { $0.kind == .shared }) {
            // The library's SHARED_PTR_DISOWN macro would become a module constant no stub declares. Where an
            // %imported .i included the library already, the macro is defined and the %include does nothing.
            out += ["#ifndef SHARED_PTR_DISOWN", "%ignore SHARED_PTR_DISOWN;", "#endif", "%include <std_shared_ptr.i>"]
        }
        for alias in held { out.append("%shared_ptr(\(alias))") }
        let unique = uses.filter { $0.kind == .unique }
        if !unique.isEmpty { out.append("%include <std_unique_ptr.i>") }
        for use in unique { out += uniquePointer(use.alias) }
        for (alias, pointer) in counted { out += referenceCounted(alias, pointer) }
        for use in uses {
            if case .intrusive(let pointer) = use.kind { out += intrusivePointer(use, pointer) }
        }
        return out
    }

    /// SWIG 4.1's `%unique_ptr` resets the argument in place and passes it to the call as an lvalue
    /// (a copy, which does not compile). A value wrapper makes the call move it; the input typemap
    /// then assigns, since the wrapper holds no object to reset yet.
    private static func uniquePointer(_ alias: String) -> [String] {
        let type = "std::unique_ptr< \(alias) >"
        return [
            "%valuewrapper \(type);",
            "%unique_ptr(\(alias))",
            "%typemap(in, noblock=1) \(type) (void *argp = 0, int res = 0) {",
            "  res = SWIG_ConvertPtr($input, &argp, $descriptor(\(alias) *), SWIG_POINTER_RELEASE | %convertptr_flags);",
            "  if (!SWIG_IsOK(res)) {",
            "    if (res == SWIG_ERROR_RELEASE_NOT_OWNED) {",
            "      %releasenotowned_fail(res, \"\(alias) *\", $symname, $argnum);",
            "    } else {",
            "      %argument_fail(res, \"\(alias) *\", $symname, $argnum);",
            "    }",
            "  }",
            "  $1 = \(type)((\(alias) *)argp);",
            "}",
        ]
    }

    /// A reference-counted class: its proxies own a reference, also when they come from a raw
    /// pointer or a reference (so a proxy never outlives its object), and give it back when collected.
    private static func referenceCounted(_ alias: String, _ pointer: IntrusivePointer) -> [String] {
        [
            "%typemap(out) \(alias) *, \(alias) &, const \(alias) *, const \(alias) & {",
            "  $result = SWIG_NewPointerObj(SWIG_as_voidptr($1), $descriptor(\(alias) *), SWIG_POINTER_OWN);",
            "  if ($1) const_cast< \(alias) * >($1)->\(pointer.ref)();",
            "}",
            "%feature(\"unref\") \(alias) \"$this->\(pointer.unref)();\"",
        ]
    }

    /// Typemaps of one intrusive smart-pointer type: a returned one becomes an owning proxy of the
    /// pointee (one reference); an argument accepts a proxy of the pointee (or of a derived class) or None.
    private static func intrusivePointer(_ use: SmartPointerUse, _ pointer: IntrusivePointer) -> [String] {
        let type = use.swigSpelling
        let alias = use.alias
        let raw = (use.isConst ? "const " : "") + alias + " *"
        func output(_ access: String) -> [String] {
            [
                "  \(alias) *swiftwrap_raw = const_cast< \(alias) * >(\(access)\(pointer.get)());",
                "  if (swiftwrap_raw) swiftwrap_raw->\(pointer.ref)();",
                "  $result = SWIG_NewPointerObj(SWIG_as_voidptr(swiftwrap_raw), $descriptor(\(alias) *), SWIG_POINTER_OWN);",
            ]
        }
        let convert = [
            "  res = SWIG_ConvertPtr($input, &argp, $descriptor(\(alias) *), 0);",
            "  if (!SWIG_IsOK(res)) { %argument_fail(res, \"\(alias) *\", $symname, $argnum); }",
        ]
        return ["%typemap(out) \(type) {"] + output("$1.") + ["}",
                "%typemap(out) \(type) &, const \(type) & {"] + output("$1->") + ["}",
                "%typemap(in) \(type) (void *argp = 0, int res = 0) {"] + convert + [
                "  $1 = \(type)(reinterpret_cast< \(raw) >(argp));",
                "}",
                "%typemap(in) \(type) &, const \(type) & (void *argp = 0, int res = 0, \(type) temp) {"] + convert + [
                "  temp = \(type)(reinterpret_cast< \(raw) >(argp));",
                "  $1 = &temp;",
                "}",
                "%typemap(typecheck, precedence=SWIG_TYPECHECK_POINTER, equivalent=\"\(alias) *\") \(type), \(type) &, const \(type) & {",
                "  void *vptr = 0;",
                "  $1 = SWIG_CheckState(SWIG_ConvertPtr($input, &vptr, $descriptor(\(alias) *), 0));",
                "}"]
    }
}

/// Which classes every Python object holds through a `std::shared_ptr`: those of the module that a
/// `std::shared_ptr` of the module names, with the classes of the module they are connected to by
/// wrapped inheritance (SWIG's `%shared_ptr` must mark a whole hierarchy). A submodule importing one
/// that holds some gets their C++ aliases and headers too: SWIG's casts between the imported
/// `shared_ptr` types name them in its wrapper.
enum SharedPointerHolders {
    static func apply(to interfaces: inout [SubmoduleInterface]) {
        var owner: [String: Int] = [:]
        var links: [String: Set<String>] = [:]
        for (index, sub) in interfaces.enumerated() {
            for declaration in sub.declarations {
                owner[declaration.alias] = index
                guard case .record(_, let bases) = declaration.kind else { continue }
                for base in bases {
                    links[declaration.alias, default: []].insert(base)
                    links[base, default: []].insert(declaration.alias)
                }
            }
        }
        var pending = interfaces.flatMap { $0.smartPointers.filter { $0.kind == .shared }.map(\.alias) }.filter { owner[$0] != nil }
        var held = Set<String>()
        while let alias = pending.popLast() {
            guard owner[alias] != nil, held.insert(alias).inserted else { continue }
            pending += links[alias, default: []]
        }
        guard !held.isEmpty else { return }
        for index in interfaces.indices {
            for d in interfaces[index].declarations.indices where held.contains(interfaces[index].declarations[d].alias) {
                interfaces[index].declarations[d].heldByShared = true
            }
        }
        let original = interfaces
        let bySubmodule = Dictionary(uniqueKeysWithValues: original.enumerated().map { ($1.submodule, $0) })
        for index in interfaces.indices {
            var seen = Set<String>()
            var queue = Array(original[index].imports)
            while let next = queue.popLast() {
                guard seen.insert(next).inserted, let other = bySubmodule[next] else { continue }
                queue += original[other].imports
                let theirs = original[other].declarations.filter(\.heldByShared)
                guard !theirs.isEmpty else { continue }
                for declaration in theirs { interfaces[index].classAliases[declaration.alias] = declaration.cppType }
                for header in original[other].includes where !interfaces[index].includes.contains(header) {
                    interfaces[index].includes.append(header)
                }
            }
        }
    }
}
