import SwiftWrapRecords

/// `%feature("docstring")` lines of one wrapped class: its own doc comment, its constructors' and
/// each method's and operator's, written before the class in the `.i`. With the module's
/// `%feature("autodoc", "1")` SWIG puts the signatures first and the text after them.
///
/// SWIG gives a Python method one docstring for all its C++ overloads, so the distinct comments of
/// the overloads of one name are joined, in declaration order, with a blank line between them.
/// Enumerations have no docstring at run time (SWIG makes their values `int` constants).
enum SwigDocstrings {
    static func lines(_ record: ClassRecord, alias: String) -> [String] {
        var lines: [String] = []
        if let doc = record.doc { lines.append("%feature(\"docstring\") \(alias) \(literal(doc));") }
        if let doc = joined(record.constructors) { lines.append("%feature(\"docstring\") \(alias)::\(alias) \(literal(doc));") }
        for group in record.methods + record.operators {
            if let doc = joined(group.overloads) { lines.append("%feature(\"docstring\") \(alias)::\(group.name) \(literal(doc));") }
        }
        return lines
    }

    /// The distinct docs of `overloads`, joined; nil when none has one.
    static func joined(_ overloads: [FunctionRecord]) -> String? {
        var docs: [String] = []
        for doc in overloads.compactMap(\.doc) where !docs.contains(doc) { docs.append(doc) }
        return docs.isEmpty ? nil : docs.joined(separator: "\n\n")
    }

    /// `text` as a SWIG string literal that SWIG 4 turns into the same Python docstring: backslash,
    /// quote and newline escaped. SWIG writes docstrings as `r"""…"""` and splits a `"""` in the
    /// text into a concatenation whose later part is no longer raw (its backslashes would become
    /// escapes), so `"""` is written `'''`: the only change to the text.
    static func literal(_ text: String) -> String {
        var text = text
        if let ascii = text.withUTF8(asciiLiteral) { return ascii }
        var out = "\""
        for character in text.replacingAll("\"\"\"", with: "'''") {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// `literal` of ASCII text without a carriage return (the usual comment), escaped byte by byte
    /// (one Character per byte: the same result as the Character loop); nil for any other text.
    private static func asciiLiteral(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var escaped = 0
        for byte in bytes {
            if byte >= 0x80 || byte == 0x0D { return nil }
            if byte == 0x5C || byte == 0x22 || byte == 0x0A { escaped += 1 }
        }
        return String(unsafeUninitializedCapacity: bytes.count + escaped + 2) { out in
            var o = 0
            func put(_ byte: UInt8) {
                out[o] = byte
                o += 1
            }
            put(0x22)
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte == 0x22, i + 2 < bytes.count, bytes[i + 1] == 0x22, bytes[i + 2] == 0x22 {
                    put(0x27); put(0x27); put(0x27)
                    i += 3
                    continue
                }
                switch byte {
                case 0x5C: put(0x5C); put(0x5C)
                case 0x22: put(0x5C); put(0x22)
                case 0x0A: put(0x5C); put(0x6E)
                default: put(byte)
                }
                i += 1
            }
            put(0x22)
            return o
        }
    }
}
