import SwiftWrapRecords

/// Data members in a class stub (issue 16; RecordBuilder+Fields.swift in wrapgen):
/// - a static data member is `name: ClassVar[T]` (`T | None` for a pointer, as for returns) (the class attribute `_SwiftWrapStatic` gives);
/// - a read-only data member is a `@property` without setter (what stubtest expects of SWIG's
///   `property(getter)`), a writable one `name: T` (SWIG's `property(getter, setter)`).
extension ModuleStubWriter {
    func fieldLines(_ record: ClassRecord, names: inout Set<String>, imports: inout StubImports) -> [String] {
        var lines: [String] = []
        for field in record.fields ?? [] where names.insert(field.pythonName).inserted {
            var (type, text) = typed(field.type, &imports)
            // A pointer member may be NULL, which SWIG gives Python as None (StubNullability).
            if StubNullability.mayBeNull(field.type) { (type, text) = StubNullability.optional(type, text) }
            if field.isStatic {
                lines.append("    \(field.pythonName): \(imports.helper("ClassVar"))[\(text)]")
            } else if field.isReadOnly {
                lines.append("    @property")
                lines.append("    def \(field.pythonName)(self) -> \(text): ...")
            } else {
                lines.append("    \(field.pythonName): \(text)")
            }
        }
        return lines
    }
}
