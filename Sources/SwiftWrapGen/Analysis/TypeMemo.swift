import SwiftWrapRecords

/// What a record builder memoises per type id (RecordBuilder+Types.swift): the record view of a type
/// (as an argument and as a result) and its SWIG spelling. Only what does not depend on the use is
/// kept; the warnings (which name the user) and the `.i`'s imports are replayed at every use.
struct TypeMemo {
    var arguments: [String: TypeView] = [:]
    var results: [String: TypeView] = [:]
    var swig: [String: SwigSpelled] = [:]
    /// The wrapped classes up a base class's chain (`useAncestors`), in the order they are used.
    var ancestors: [String: [AliasIndex.Entry]] = [:]
}

/// The record of a type and what each use of it warns about.
struct TypeView {
    enum Note {
        /// An enumeration through a pointer or non-const reference (EnumPositions.swift).
        case opaqueEnumeration(String)
        /// An enumeration the `.i` does not declare.
        case unwrappedEnumeration(String)
        /// A smart pointer to a class that is not wrapped: the pointee and the smart pointer's spelling.
        case unwrappedPointee(String, holder: String)
        /// A class that is not wrapped.
        case unwrapped(String)
    }
    var record: TypeRecord
    var notes: [Note]
}

/// A type's SWIG spelling and what the `.i` must declare for it.
struct SwigSpelled {
    var text: String
    var used: [AliasIndex.Entry]
    var smartUses: [SmartPointerUse]
    var enums: [String]
}
