/// The plain text of one C++ doc comment, from the bytes castxml's `<Comment>` element points at.
///
/// Accepted shapes: `///`, `//!`, `//` line groups and `/** */`, `/*! */`, `/* */` blocks, each
/// optionally trailing (`///<`, `/**<`). The markers, a leading `*` column and decoration lines
/// (`/*****`, `//////`) go; common indentation is removed; blank lines at either end are dropped.
/// A few Doxygen commands become readable text (`\brief` disappears, `@param x …` becomes
/// `:param x: …`, `@return …` `:returns: …`, `\p x` `x`, `\ingroup …` lines are dropped); every
/// other command stays as written. Bytes that are not UTF-8 become U+FFFD, and so do control
/// characters other than tab and newline (a CR is dropped): the same bytes always give the same text.
///
/// Lines are handled as bytes (every marker is ASCII): ITK's headers give thousands of comments.
enum DocCommentText {
    typealias Line = ArraySlice<UInt8>

    /// The text, or nil when the bytes do not look like a comment (the header changed after castxml
    /// ran) or the comment has no text.
    static func clean(_ bytes: ArraySlice<UInt8>) -> String? {
        stripMarkers(bytes).flatMap(text)
    }

    /// The text of a comment's lines (`stripMarkers`), or nil when there is none.
    static func text(_ lines: [Line]) -> String? {
        var bytes: [UInt8] = []
        for (index, line) in doxygen(trimmed(lines)).enumerated() {
            if index > 0 { bytes.append(newline) }
            bytes += line
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    private static let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*"), space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
    private static let bang = UInt8(ascii: "!"), less = UInt8(ascii: "<")

    static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// The comment's lines without comment markers, or nil when the bytes are not a comment.
    static func stripMarkers(_ bytes: ArraySlice<UInt8>) -> [Line]? {
        guard bytes.count >= 2, bytes.first == slash else { return nil }
        let second = bytes[bytes.startIndex + 1]
        let lines = decodedLines(bytes)
        if second == star {
            guard bytes.count >= 4, bytes.suffix(2).elementsEqual([star, slash]) else { return nil }
            return blockLines(lines)
        }
        guard second == slash else { return nil }
        var result: [Line] = []
        for line in lines {
            let body = line.drop(while: isBlank)
            // castxml joins adjacent line comments into one range: each line is a comment.
            guard body.starts(with: [slash, slash]) else { return nil }
            var rest = body.dropFirst(2)
            if rest.first == bang { rest = rest.dropFirst() } else { rest = rest.drop { $0 == slash } }
            if rest.first == less { rest = rest.dropFirst() }
            result.append(rest)
        }
        return result
    }

    /// `/** … */` lines without the opener, the closer and the `*` column.
    private static func blockLines(_ lines: [Line]) -> [Line] {
        var lines = lines
        var first = lines[0].dropFirst(2)  // "/*"
        if first.first == star || first.first == bang { first = first.dropFirst() }
        if first.first == less { first = first.dropFirst() }
        lines[0] = first
        var last = lines[lines.count - 1].dropLast(2)  // "*/"
        while last.last == star { last = last.dropLast() }
        lines[lines.count - 1] = last
        for index in lines.indices {
            if lines[index].allSatisfy({ $0 == star || isBlank($0) }) { lines[index] = []; continue }
            guard index > 0 else { continue }
            let body = lines[index].drop(while: isBlank)
            if body.first == star { lines[index] = body.dropFirst() }
        }
        return lines
    }

    /// Lines of the bytes as valid UTF-8: invalid sequences and control characters become U+FFFD, CRs go.
    static func decodedLines(_ bytes: ArraySlice<UInt8>) -> [Line] {
        var valid: [UInt8] = []
        valid.reserveCapacity(bytes.count)
        if bytes.allSatisfy({ $0 < 0x80 }) {
            valid += bytes
        } else {
            valid += String(decoding: bytes, as: UTF8.self).utf8
        }
        var clean: [UInt8] = []
        clean.reserveCapacity(valid.count)
        for byte in valid {
            switch byte {
            case 0x0D: continue
            case 0x09, 0x0A: clean.append(byte)
            case 0x00..<0x20, 0x7F: clean += [0xEF, 0xBF, 0xBD]
            default: clean.append(byte)
            }
        }
        return clean.split(separator: newline, omittingEmptySubsequences: false)
    }

    /// Trailing blanks and blank lines at either end removed, the first line's indentation removed
    /// (it follows the comment marker) and the common indentation of the other lines.
    static func trimmed(_ lines: [Line]) -> [Line] {
        var lines = lines.map { line -> Line in
            var end = line.endIndex
            while end > line.startIndex, isBlank(line[end - 1]) { end -= 1 }
            return line[line.startIndex..<end]
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard !lines.isEmpty else { return [] }
        lines[0] = lines[0].drop(while: isBlank)
        let indents = lines.dropFirst().filter { !$0.isEmpty }.map { $0.prefix(while: isBlank).count }
        let common = indents.min() ?? 0
        return [lines[0]] + lines.dropFirst().map { $0.isEmpty ? $0 : $0.dropFirst(common) }
    }

    /// Rewrites the few Doxygen commands listed in the type's comment; the rest stays as written.
    /// Lines without `\` or `@` are taken as they are.
    static func doxygen(_ lines: [Line]) -> [Line] {
        guard lines.contains(where: { $0.contains(UInt8(ascii: "\\")) || $0.contains(UInt8(ascii: "@")) }) else { return lines }
        var result: [Line] = []
        for line in lines {
            guard let rewritten = DoxygenLine.rewrite(String(decoding: line, as: UTF8.self)) else { continue }
            // reStructuredText fields need a blank line after the paragraph they follow.
            if DoxygenLine.isField(rewritten), let previous = result.last, !previous.isEmpty,
               !DoxygenLine.isField(String(decoding: previous, as: UTF8.self)) {
                result.append([])
            }
            result.append(Line(rewritten.utf8))
        }
        return trimmed(result)
    }
}
