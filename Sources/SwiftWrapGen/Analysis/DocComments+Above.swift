/// Doc comments of class template instantiations, which castxml 0.5 does not record (`Point<double>`
/// and its members have no `comment` attribute): the comment is looked up in the header above the
/// line castxml gives for the declaration, the way Doxygen attaches it.
///
/// The declaration's line must still name it (else the header changed since castxml ran, or the
/// name comes from a macro: no docstring, no warning). Above it, lines that continue the declaration
/// (`template <…>`, a return type on its own line, `virtual`) are skipped; then a `/** */` or `/*! */`
/// block or a group of `///` or `//!` lines ending right there is the comment (no blank line between).
/// A trailing `///<` or `//!<` on the declaration's own line counts too.
extension DocComments {
    func textAbove(_ place: SourcePlace, name: String) -> String? {
        guard lookAbove, place.line > 0, let header = header(place.file), place.line <= header.newlines.count + 1 else { return nil }
        let bytes = header.bytes
        let line = lineRange(place.line, header)
        let text = String(decoding: bytes[line], as: UTF8.self)
        guard let nameEnd = text.firstRange(of: name)?.upperBound else { return nil }
        if let trailing = text[nameEnd...].firstRange(of: "///<") ?? text[nameEnd...].firstRange(of: "//!<") {
            let start = line.lowerBound + text.utf8.distance(from: text.startIndex, to: trailing.lowerBound)
            return DocCommentText.clean(bytes[start..<line.upperBound])
        }
        var number = place.line - 1
        while number >= 1, number > place.line - 8, DocComments.continuesDeclaration(trimmed(number, header)) { number -= 1 }
        guard number >= 1 else { return nil }
        let last = trimmed(number, header)
        var first = number
        if last.hasSuffix("*/") {
            while first >= 1, !trimmed(first, header).hasPrefix("/*") {
                let body = trimmed(first, header)
                // Another comment's end above, or the opener after code (a trailing `/**<`): not ours.
                if (first < number && body.contains("*/")) || body.contains("/*") { return nil }
                first -= 1
            }
            guard first >= 1 else { return nil }
            let opener = trimmed(first, header)
            guard opener.hasPrefix("/**") || opener.hasPrefix("/*!") else { return nil }
        } else if DocComments.isDocLine(last) {
            while first > 1, DocComments.isDocLine(trimmed(first - 1, header)) { first -= 1 }
        } else {
            return nil
        }
        let start = lineRange(first, header), end = lineRange(number, header)
        let indent = bytes[start].prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
        var stop = end.upperBound
        while stop > end.lowerBound, bytes[stop - 1] == UInt8(ascii: " ") || bytes[stop - 1] == UInt8(ascii: "\t") { stop -= 1 }
        return DocCommentText.clean(bytes[(start.lowerBound + indent)..<stop])
    }

    /// `///` or `//!` (not a trailing `///<`, which belongs to the declaration before).
    static func isDocLine(_ line: String) -> Bool {
        (line.hasPrefix("///") || line.hasPrefix("//!")) && !line.hasPrefix("///<") && !line.hasPrefix("//!<")
    }

    /// A line above a declaration's name that is still part of it: not blank, not a comment or a
    /// preprocessor line, and not the end of something else (`;`, `{`, `}`, `public:`).
    static func continuesDeclaration(_ line: String) -> Bool {
        guard let last = line.last, !line.hasPrefix("//"), !line.hasPrefix("/*"), !line.hasPrefix("*"), !line.hasPrefix("#") else { return false }
        return !";{}:".contains(last) && !line.hasSuffix("*/")
    }

    /// Byte range of 1-based line `number`, without its newline (and carriage return).
    func lineRange(_ number: Int, _ header: Header) -> Range<Int> {
        let start = number == 1 ? 0 : header.newlines[number - 2] + 1
        var end = number - 1 < header.newlines.count ? header.newlines[number - 1] : header.bytes.count
        if end > start, header.bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<end
    }

    /// Line `number` as text, without surrounding blanks.
    func trimmed(_ number: Int, _ header: Header) -> String {
        let text = String(decoding: header.bytes[lineRange(number, header)], as: UTF8.self)
        return String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
