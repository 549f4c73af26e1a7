import SwiftWrapRecords

/// Honest stubs for NULL (issue 16): the rule is read from the records' C++ spellings, so records
/// written before it are typed by it too.
///
/// - A returned pointer (`X *`, `char const *`, also through a reference: `X * const &`) may be NULL,
///   which SWIG gives Python as `None`: the return is `X | None`. References are never NULL.
/// - A pointer parameter whose C++ default is a null pointer (`= nullptr`, `= 0`, `= NULL`) accepts
///   `None` (SWIG passes it as NULL): the parameter is `X | None`.
/// - A pointer parameter of a virtual method of a `DIRECTORS` class is `X | None`: C++ calls the
///   Python override with `None` for NULL (tinyxml2's `VisitEnter(element, firstAttribute)` for an
///   element without attributes), so an override typed from the stub must handle it.
/// - An annotation that already admits None (`Any`, `None`) is left as it is.
enum StubNullability {
    static func mayBeNull(_ type: TypeRecord) -> Bool {
        isPointer(type.cpp)
    }

    static func acceptsNone(_ argument: ArgumentRecord) -> Bool {
        guard let value = argument.cppDefault, isPointer(argument.type.cpp) else { return false }
        return ["nullptr", "0", "NULL", "__null", "0L", "nullptr_t()"].contains(value.trimmingSpaces())
    }

    static func optional(_ annotation: PythonAnnotation, _ text: String) -> (PythonAnnotation, String) {
        switch annotation {
        case .name("Any", _), .name("None", _), .name("object", _), .optional: return (annotation, text)
        default: return (.optional(annotation), text + " | None")
        }
    }

    /// The top level of the spelling is a pointer, possibly behind cv-qualifiers and one reference.
    static func isPointer(_ cpp: String) -> Bool {
        var text = Substring(cpp)
        if text.hasSuffix(" &") { text = text.dropLast(2) }
        while true {
            if text.hasSuffix(" const") {
                text = text.dropLast(6)
            } else if text.hasSuffix(" volatile") {
                text = text.dropLast(9)
            } else {
                break
            }
        }
        return text.hasSuffix("*")
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first == " " { view = view.dropFirst() }
        while view.last == " " { view = view.dropLast() }
        return String(view)
    }
}
