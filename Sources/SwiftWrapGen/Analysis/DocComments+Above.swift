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
        guard lookAbove, place.line > 0 else { return nil }
        let key = AboveKey(file: place.file, line: place.line, name: name)
        if let known = above[key] { return known }
        let result = uncachedTextAbove(place, name: name)
        above[key] = result
        return result
    }

    private func uncachedTextAbove(_ place: SourcePlace, name: String) -> String? {
        guard let header = header(place.file), place.line <= header.newlines.count + 1 else { return nil }
        let bytes = header.bytes
        let line = lineRange(place.line, header)
        guard let nameEnd = DocComments.find(Array(name.utf8), in: bytes[line]) else { return nil }
        if let trailing = DocComments.find(Array("///<".utf8), in: bytes[nameEnd..<line.upperBound], start: true)
            ?? DocComments.find(Array("//!<".utf8), in: bytes[nameEnd..<line.upperBound], start: true) {
            return DocCommentText.clean(bytes[trailing..<line.upperBound])
        }
        var number = place.line - 1
        while number >= 1, number > place.line - 8, DocComments.continuesDeclaration(trimmed(number, header)) { number -= 1 }
        guard number >= 1 else { return nil }
        let last = trimmed(number, header)
        var first = number
        if last.ends(with: "*/") {
            while first >= 1, !trimmed(first, header).starts(with: "/*") {
                let body = trimmed(first, header)
                // Another comment's end above, or the opener after code (a trailing `/**<`): not ours.
                if (first < number && DocComments.find(Array("*/".utf8), in: body) != nil) || DocComments.find(Array("/*".utf8), in: body) != nil {
                    return nil
                }
                first -= 1
            }
            guard first >= 1 else { return nil }
            let opener = trimmed(first, header)
            guard opener.starts(with: "/**") || opener.starts(with: "/*!") else { return nil }
        } else if DocComments.isDocLine(last) {
            while first > 1, DocComments.isDocLine(trimmed(first - 1, header)) { first -= 1 }
        } else {
            return nil
        }
        return DocCommentText.clean(bytes[trimmed(first, header).startIndex..<trimmed(number, header).endIndex])
    }

    /// `///` or `//!` (not a trailing `///<`, which belongs to the declaration before).
    static func isDocLine(_ line: ArraySlice<UInt8>) -> Bool {
        (line.starts(with: "///") || line.starts(with: "//!")) && !line.starts(with: "///<") && !line.starts(with: "//!<")
    }

    /// A line above a declaration's name that is still part of it: not blank, not a comment or a
    /// preprocessor line, and not the end of something else (`;`, `{`, `}`, `public:`).
    static func continuesDeclaration(_ line: ArraySlice<UInt8>) -> Bool {
        guard let last = line.last, !line.starts(with: "//"), !line.starts(with: "/*"), !line.starts(with: "*"),
              !line.starts(with: "#") else { return false }
        return !Array(";{}:".utf8).contains(last) && !line.ends(with: "*/")
    }

    /// Index of the first occurrence of `needle` in `haystack` (its end, unless `start`), or nil.
    static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>, start: Bool = false) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return start ? index : index + needle.count
            }
            index += 1
        }
        return nil
    }

    /// Byte range of 1-based line `number`, without its newline (and carriage return).
    func lineRange(_ number: Int, _ header: Header) -> Range<Int> {
        let start = number == 1 ? 0 : header.newlines[number - 2] + 1
        var end = number - 1 < header.newlines.count ? header.newlines[number - 1] : header.bytes.count
        if end > start, header.bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<end
    }

    /// Line `number` without surrounding blanks.
    func trimmed(_ number: Int, _ header: Header) -> ArraySlice<UInt8> {
        let range = lineRange(number, header)
        var start = range.lowerBound, end = range.upperBound
        while start < end, DocCommentText.isBlank(header.bytes[start]) { start += 1 }
        while end > start, DocCommentText.isBlank(header.bytes[end - 1]) { end -= 1 }
        return header.bytes[start..<end]
    }
}

private extension ArraySlice where Element == UInt8 {
    func starts(with text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard self.count >= count else { return false }
        for offset in 0..<count where self[startIndex + offset] != text.utf8Start[offset] { return false }
        return true
    }

    func ends(with text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard self.count >= count else { return false }
        for offset in 0..<count where self[endIndex - count + offset] != text.utf8Start[offset] { return false }
        return true
    }
}
