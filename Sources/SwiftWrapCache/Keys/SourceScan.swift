import SwiftWrapCore

/// Textual scans of headers that castxml's dependency list cannot express.
enum SourceScan {
    /// `__TIME__`, `__DATE__` or `__TIMESTAMP__` anywhere in the text (conservatively, comments too).
    /// Two passes: `__TIME` (then `__` or `STAMP__`) and `__DATE__`; this runs over every header
    /// of a miss whose stat is new (9 MB for the ITK benchmark TU).
    static func timeMacro(in bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { hay -> String? in
            let time = Array("__TIME".utf8)
            var cursor = 0
            while let hit = time.withUnsafeBytes({ Bytes.find($0, in: hay, from: cursor) }) {
                let rest = UnsafeRawBufferPointer(rebasing: hay[(hit + time.count)...])
                if rest.starts(with: "__".utf8) { return "__TIME__" }
                if rest.starts(with: "STAMP__".utf8) { return "__TIMESTAMP__" }
                cursor = hit + 1
            }
            let date = Array("__DATE__".utf8)
            return date.withUnsafeBytes { Bytes.find($0, in: hay) } != nil ? "__DATE__" : nil
        }
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
