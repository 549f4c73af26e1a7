/// What the user adds to one submodule's SWIG module (`swiftwrap_add_submodule(… SWIG_CODE
/// SWIG_CODE_AFTER DIRECTORS OUTPUT_PARAMETERS)`, wrapgen's `--swig-code`, `--swig-code-after`,
/// `--director`, `--output-parameter`). The code files are `%include`d, never read by wrapgen: SWIG
/// lists them in its dependency file, so editing one reruns that submodule's SWIG and nothing else.
public struct SubmoduleHooks: Sendable, Equatable {
    /// `%include`d after wrapgen's own typemaps, before the declarations (typemaps, `%apply`,
    /// `%extend`, `%feature`, `%rename`, `%ignore`, `%newobject`).
    public var swigCode: [String] = []
    /// `%include`d after every declaration (module-level `%pythoncode`, `%template`).
    public var swigCodeAfter: [String] = []
    /// Classes (C++ name as in TYPES, or Python name) whose virtual methods Python subclasses override.
    public var directors: [String] = []
    public var outputParameters: [OutputParameters] = []

    public init() {}

    public var isEmpty: Bool { self == SubmoduleHooks() }
}

/// `Class::method(parameter, …)`: parameters of every overload of a method that are outputs, not
/// inputs (SWIG's `%apply T *OUTPUT`). The class is named as in TYPES or by its Python name.
public struct OutputParameters: Sendable, Equatable {
    public var scope: String
    public var method: String
    public var parameters: [String]
    /// The declaration as given, for messages.
    public var text: String

    public init(scope: String, method: String, parameters: [String], text: String) {
        self.scope = scope
        self.method = method
        self.parameters = parameters
        self.text = text
    }

    /// Parses `ns::Class::method(a, b)`; nil when it is not of that form.
    public static func parse(_ text: String) -> OutputParameters? {
        let trimmed = text.trimmingSpaces()
        guard trimmed.hasSuffix(")"), let open = trimmed.firstIndex(of: "(") else { return nil }
        let head = String(trimmed[..<open]).trimmingSpaces()
        let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        let parameters = inside.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
        let parts = head.split(separator: "::", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        let scope = parts.dropLast().joined(separator: "::").trimmingSpaces()
        let method = String(parts.last!).trimmingSpaces()
        guard !scope.isEmpty, isIdentifier(method), !parameters.isEmpty, parameters.allSatisfy(isIdentifier) else { return nil }
        return OutputParameters(scope: scope, method: method, parameters: parameters, text: trimmed)
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil)) }
    }
}
