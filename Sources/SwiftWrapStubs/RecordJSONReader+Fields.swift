import SwiftWrapRecords

extension RecordJSONReader {
    /// One `FieldRecord` (`ClassRecord.fields`, issue 16).
    static func fieldRecord(_ c: inout JSONCursor) -> FieldRecord? {
        var name, pythonName: String?, type: TypeRecord?, isStatic, isReadOnly: Bool?, line: Int?
        let ok = c.members { c, key in
            switch key {
            case "name": name = c.string(); return name != nil
            case "pythonName": pythonName = c.string(); return pythonName != nil
            case "type": type = typeRecord(&c); return type != nil
            case "isStatic": isStatic = c.bool(); return isStatic != nil
            case "isReadOnly": isReadOnly = c.bool(); return isReadOnly != nil
            case "line": line = c.int(); return line != nil
            default: return c.skipValue()
            }
        }
        guard ok, let name, let pythonName, let type, let isStatic, let isReadOnly, let line else { return nil }
        return FieldRecord(name: name, pythonName: pythonName, type: type, isStatic: isStatic, isReadOnly: isReadOnly, line: line)
    }
}
