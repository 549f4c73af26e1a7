/// The `.i` lines of the user's hooks (SubmoduleHooks): directors, out-parameters and the user's own
/// SWIG code, at the two documented points of a submodule's `.i`.
public struct HookInterface: Sendable, Equatable {
    /// Files `%include`d before the declarations (after wrapgen's own typemaps) and after them.
    public var codeBefore: [String] = []
    public var codeAfter: [String] = []
    /// Wrapped names of the classes with SWIG directors.
    public var directors: [String] = []
    /// `%feature("pythonappend")` targets (`Alias::method`) of methods with out-parameters.
    public var tupleResults: [String] = []

    public init() {}

    /// `directors="1"` goes into the `%module` line.
    public var usesDirectors: Bool { !directors.isEmpty }

    /// Lines between wrapgen's typemaps and the declarations.
    /// `writtenElsewhere`: targets whose `pythonappend` LifetimeFeatures writes (with the keep-alive).
    public func linesBefore(submodule: String, writtenElsewhere: Set<String> = []) -> [String] {
        var out: [String] = []
        if !tupleResults.isEmpty {
            // SWIG 4.1 appends out-parameters to a list; the stubs (and the issue) promise a tuple.
            out += ["", "%include <typemaps.i>"]
            for target in tupleResults.sorted() where !writtenElsewhere.contains(target) {
                out.append("%feature(\"pythonappend\") \(target) \"if type(val) is list: val = tuple(val)\";")
            }
        }
        if !directors.isEmpty {
            // A Python exception raised in an override leaves the C++ call as a C++ exception
            // (director:except) and comes back to Python at the wrapper (%exception): no terminate.
            out += ["", "// Directors: Python subclasses override the virtual methods of these classes."]
            for alias in directors.sorted() { out.append("%feature(\"director\") \(alias);") }
            out += [
                "%feature(\"director:except\") {",
                "  if ($error != NULL) { throw Swig::DirectorMethodException(); }",
                "}",
                "%exception {",
                "  try { $action }",
                "  catch (Swig::DirectorException &) { SWIG_fail; }",
                "}",
            ]
        }
        if !codeBefore.isEmpty {
            out += ["", "// SWIG_CODE of swiftwrap_add_submodule(\(submodule)): before the declarations."]
            out += codeBefore.map { "%include \"\($0)\"" }
        }
        return out
    }

    /// Lines after every declaration.
    public func linesAfter(submodule: String) -> [String] {
        guard !codeAfter.isEmpty else { return [] }
        return ["", "// SWIG_CODE_AFTER of swiftwrap_add_submodule(\(submodule)): after the declarations."]
            + codeAfter.map { "%include \"\($0)\"" }
    }
}

/// What a class needs when directors are turned on for it: SWIG's director subclass calls one of
/// its constructors (an abstract class's are otherwise left out of the `.i`) and should see a
/// virtual destructor.
public struct DirectorSupport: Sendable, Equatable {
    public var abstractConstructorLines: [String] = []
    /// The compiler declares a public default constructor.
    public var hasImplicitDefault = false
    public var hasVirtualDestructor = false

    public init(abstractConstructorLines: [String] = [], hasImplicitDefault: Bool = false, hasVirtualDestructor: Bool = false) {
        self.abstractConstructorLines = abstractConstructorLines
        self.hasImplicitDefault = hasImplicitDefault
        self.hasVirtualDestructor = hasVirtualDestructor
    }
}
