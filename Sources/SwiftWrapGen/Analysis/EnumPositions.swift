import SwiftWrapRecords

/// Enumerations in the positions SWIG cannot turn into Python `int` (issue 16).
///
/// A wrapped enumeration, and one the `.i` maps to `int` (ValueTypemaps: by value, `const E&`,
/// returned `E&`), passes as `int`. Through a pointer (`E*`, parameter or return) or as a non-const
/// `E&` parameter SWIG has no conversion: Python sees an opaque pointer object. Such a position is
/// typed `Any` (what the runtime gives) and warned, per use. An enumeration the `.i` does not declare
/// is warned too (grouped per type on the terminal, WarningSummary): Python gets its values as
/// plain `int`, without named constants.
extension RecordBuilder {
    /// Warns that an enumeration the `.i` does not declare is used (Python sees `int`).
    mutating func noteUnwrappedEnumeration(_ spelling: String, place: SourcePlace, user: String) {
        warnings.insert(Warning(location: resolver.location(place),
                                message: "enumeration '\(spelling)' used by '\(user)' is not wrapped; Python passes it as int",
                                unwrappedType: spelling))
    }
}

enum EnumPositions {
    /// The enumeration's spelling when `type` is `E*` (any cv-qualifiers, also through a reference)
    /// or, for a parameter, a non-const `E&`.
    static func opaqueEnumeration(_ type: CppType, isArgument: Bool) -> String? {
        var inner = type
        var viaPointer = false
        if case .reference(let referenced) = inner {
            if isArgument, case .named(let named) = referenced, named.kind == .enumeration { return named.spelling }
            inner = referenced
        }
        while true {
            switch inner {
            case .qualified(let t, _, _): inner = t
            case .pointer(let t) where !viaPointer: inner = t; viaPointer = true
            default:
                guard viaPointer, case .named(let named) = inner.core, named.kind == .enumeration else { return nil }
                return named.spelling
            }
        }
    }

    /// Whether the warning is one of noteUnwrappedEnumeration's (for WarningSummary's wording).
    static func isUnwrappedEnumeration(_ warning: Warning) -> Bool {
        warning.message.hasPrefix("enumeration '")
    }
}
