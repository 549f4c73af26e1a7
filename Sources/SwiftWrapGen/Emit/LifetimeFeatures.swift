/// The `.i` lines of the lifetime rules (Analysis/Lifetimes.swift), written before the classes so
/// the features reach their declarations.
///
/// - Keep-alive: `%feature("pythonappend")` on the method, which SWIG 4 inserts into the proxy
///   method after the call, with the result in `val`: a result that is a proxy (it has `this`; a
///   `None`, number or string has not) gets the object the method was called on as an attribute.
///   Python code, not a C typemap: SWIG's out typemaps do not see the calling proxy, and the feature
///   applies to every overload of the name, which matches the proxy's one Python method.
/// - `NEWOBJECT`: `%newobject` (the result's proxy owns the object and deletes it).
/// - `DISOWN` and `INVALIDATES`: `%exception` around the call (it runs inside the C wrapper, where
///   `swig_obj[0]` is the calling proxy and `swig_obj[i]` the i-th argument whatever shape SWIG gives
///   the Python proxy): a disowned argument's proxy stops owning its object and keeps the caller
///   alive; an invalidated one stops owning it and loses its `this`, so any later call raises
///   `TypeError` instead of reading freed memory.
enum LifetimeFeatures {
    static let ownerAttribute = "_swiftwrap_owner"

    static func lines(_ sub: SubmoduleInterface) -> [String] {
        guard !sub.lifetimes.isEmpty else { return [] }
        var out = ["", "// Lifetimes: a returned reference or pointer into an object keeps the object alive; declared ownership moves."]
        let features = sub.lifetimes.sorted { ($0.alias, $0.method) < ($1.alias, $1.method) }
        if features.contains(where: \.movesArguments) {
            out += helpers
        }
        for feature in features {
            let name = feature.alias + "::" + feature.method
            switch feature.kind {
            case .keepOwner where sub.hooks.tupleResults.contains(name):
                // One pythonappend per method (a second replaces the first): the out-parameters'
                // tuple and the keep-alive of the result, the tuple's first item.
                out.append("%feature(\"pythonappend\") \(name) %{")
                out.append("        if type(val) is list: val = tuple(val)")
                out.append("        if hasattr(val[0] if type(val) is tuple else val, \"this\"): (val[0] if type(val) is tuple else val).\(ownerAttribute) = self")
                out.append("%}")
            case .keepOwner:
                out.append("%feature(\"pythonappend\") \(name) %{")
                out.append("        if hasattr(val, \"this\"): val.\(ownerAttribute) = self")
                out.append("%}")
            case .newObject:
                out.append("%newobject \(name);")
            case .disown(let indices):
                out.append("%exception \(name) {")
                out.append(action(sub))
                for index in indices { out.append("  swiftwrap_disown(swig_obj[0], swig_obj[\(index)]);") }
                out.append("}")
            case .invalidate(let indices):
                out.append("%exception \(name) {")
                out.append(action(sub))
                for index in indices { out.append("  swiftwrap_invalidate(swig_obj[\(index)]);") }
                out.append("}")
            }
        }
        return out
    }

    /// The call. A method's own `%exception` replaces the module's, so with directors it catches
    /// what an override raised as the module's does (UserHookInterface.swift); otherwise that C++
    /// exception would leave the wrapper and end the process.
    private static func action(_ sub: SubmoduleInterface) -> String {
        sub.hooks.usesDirectors ? "  try { $action } catch (Swig::DirectorException &) { SWIG_fail; }" : "  $action"
    }

    /// Methods whose `pythonappend` these lines write for the out-parameters' tuple too
    /// (HookInterface.linesBefore leaves them out).
    static func tupleTargets(_ sub: SubmoduleInterface) -> Set<String> {
        Set(sub.lifetimes.filter { $0.kind == .keepOwner }.map { $0.alias + "::" + $0.method })
            .intersection(sub.hooks.tupleResults)
    }

    private static let helpers = [
        "%{",
        "// The argument's proxy no longer owns its object (C++ does now) and keeps `owner` alive.",
        "static void swiftwrap_disown(PyObject *owner, PyObject *argument) {",
        "  if (!argument || argument == Py_None) return;",
        "  SwigPyObject *object = SWIG_Python_GetSwigThis(argument);",
        "  if (!object) return;",
        "  object->own = 0;",
        "  if (PyObject_SetAttrString(argument, \"\(ownerAttribute)\", owner) != 0) PyErr_Clear();",
        "}",
        "// The argument's object is gone: its proxy forgets the pointer, so using it raises.",
        "static void swiftwrap_invalidate(PyObject *argument) {",
        "  if (!argument || argument == Py_None) return;",
        "  SwigPyObject *object = SWIG_Python_GetSwigThis(argument);",
        "  if (!object) return;",
        "  object->own = 0;",
        "  if (PyObject_DelAttr(argument, SWIG_This()) != 0) PyErr_Clear();",
        "}",
        "%}",
    ]
}

extension LifetimeFeature {
    var movesArguments: Bool {
        switch kind {
        case .disown, .invalidate: return true
        case .keepOwner, .newObject: return false
        }
    }
}
