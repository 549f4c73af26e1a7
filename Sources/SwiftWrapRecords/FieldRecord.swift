/// A public data member of a wrapped class (issue 16), as a record shows it: a Python property of
/// instances (`isStatic` false) or an attribute of the class itself (`isStatic` true, `ClassVar` in
/// the stubs). Stored in `ClassRecord.fields`, which is absent from the JSON of a class without
/// wrapped data members, so readers that predate it (they skip unknown keys) read such records
/// unchanged and records without data members keep their bytes.
public struct FieldRecord: Codable, Equatable, Sendable {
    /// C++ name.
    public var name: String
    /// Python name (SWIG's `_name` renaming of keywords).
    public var pythonName: String
    public var type: TypeRecord
    public var isStatic: Bool
    /// True when Python cannot assign it: `const` members, static data members, pointers.
    public var isReadOnly: Bool
    public var line: Int

    public init(name: String, pythonName: String, type: TypeRecord, isStatic: Bool, isReadOnly: Bool, line: Int) {
        self.name = name
        self.pythonName = pythonName
        self.type = type
        self.isStatic = isStatic
        self.isReadOnly = isReadOnly
        self.line = line
    }
}
