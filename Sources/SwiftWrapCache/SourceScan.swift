import SwiftWrapCore

/// Textual scans of headers that castxml's dependency list cannot express.
enum SourceScan {
    /// `__TIME__`, `__DATE__` or `__TIMESTAMP__` anywhere in the text (conservatively, comments too).
    static func timeMacro(in bytes: [UInt8]) -> String? {
        for macro in ["__TIME__", "__DATE__", "__TIMESTAMP__"] {
            let found = bytes.withUnsafeBytes { hay in
                Array(macro.utf8).withUnsafeBytes { Bytes.find($0, in: hay) != nil }
            }
            if found { return macro }
        }
        return nil
    }

    /// The names tested by `__has_include("…")`, `__has_include(<…>)` and the `_next` variants.
    static func hasIncludeNames(in bytes: [UInt8]) -> [String] {
        let needle = Array("__has_include".utf8)
        var names: [String] = []
        var cursor = 0
        while let hit = bytes.withUnsafeBytes({ hay in needle.withUnsafeBytes { Bytes.find($0, in: hay, from: cursor) } }) {
            var i = hit + needle.count
            if bytes[i...].starts(with: Array("_next".utf8)) { i += 5 }
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            cursor = i
            guard i < bytes.count, bytes[i] == UInt8(ascii: "(") else { continue }
            i += 1
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "<") else { continue }
            let close: UInt8 = bytes[i] == UInt8(ascii: "<") ? UInt8(ascii: ">") : UInt8(ascii: "\"")
            guard let end = bytes[(i + 1)...].prefix(4096).firstIndex(of: close) else { continue }
            let name = String(decoding: bytes[(i + 1)..<end], as: UTF8.self)
            if !name.isEmpty, !name.contains("\n") { names.append(name) }
            cursor = end
        }
        return names
    }
}
