import SwiftWrapCore

/// Doc comments of one CastXML document, read from the headers at the offsets castxml recorded.
///
/// castxml (`--castxml-output=1`) records where each doc comment is (`<Comment file begin_offset
/// end_offset begin_line end_line>`), not its text. The build graph reruns wrapgen when a header's
/// content changes through the submodule's header digest (docs/cmake.md), not through the headers:
/// wrapgen never lists them in its depfile. A header may still have changed since castxml ran (edited
/// during the build, or a run by hand): a range whose line numbers or bytes no longer fit a comment,
/// or a header that cannot be read, gives a warning and no docstring, never a failure or wrong text.
final class DocComments {
    struct Header {
        var bytes: [UInt8]
        /// Offsets of the header's newlines, ascending.
        var newlines: [Int]
    }

    let document: CastXMLDocument
    /// Headers by file id (nil: could not be read, already warned).
    private var headers: [String: Header?] = [:]
    /// Results of `text` by comment id and of `textAbove` by place and name: the members of every
    /// instantiation of a class template share one comment each (ITK: 210 typedefs over 15 headers).
    private var byID: [String: String?] = [:]
    var above: [AboveKey: String?] = [:]
    struct AboveKey: Hashable {
        var file: String
        var line: Int
        var name: String
    }
    /// Warnings of headers that cannot be read, and the warning of each comment id whose range no
    /// longer fits (it names the comment's first user: kept apart so `absorb` keeps the first one).
    private var headerWarnings: Set<Warning> = []
    private var commentWarnings: [String: Warning] = [:]
    var warnings: Set<Warning> { headerWarnings.union(commentWarnings.values) }
    /// Set while the members of a class template instantiation are collected: castxml records no
    /// comments for them, so they are looked up above the declaration (DocComments+Above.swift).
    var lookAbove = false

    init(document: CastXMLDocument) {
        self.document = document
    }

    /// The docstring text of a declaration whose `comment` attribute is `id`; `what` names the
    /// declaration in a warning (`'Point::scale'`).
    func text(_ id: String?, what: @autoclosure () -> String) -> String? {
        guard let id else { return nil }
        if let known = byID[id] { return known }
        let result = uncachedText(id, what: what())
        byID[id] = result
        return result
    }

    /// Takes over the memos and warnings of `later`, which read the same document for declarations
    /// after this one's: where both computed a result, this one's stands with its warning (as if
    /// `later`'s uses had found it memoised).
    func absorb(_ later: DocComments) {
        for (id, result) in later.byID where byID[id] == nil {
            byID[id] = result
            if let warning = later.commentWarnings[id] { commentWarnings[id] = warning }
        }
        above.merge(later.above) { mine, _ in mine }
        headers.merge(later.headers) { mine, _ in mine }
        headerWarnings.formUnion(later.headerWarnings)
    }

    private func uncachedText(_ id: String, what: @autoclosure () -> String) -> String? {
        guard let span = document.comments[id], let header = header(span.file) else { return nil }
        if let range = DocComments.range(of: span, in: header), let lines = DocCommentText.stripMarkers(header.bytes[range]) {
            return DocCommentText.text(lines)
        }
        commentWarnings[id] = (Warning(location: "\(document.fileName(span.file)):\(span.beginLine)",
                                message: "the doc comment of \(what()) is no longer at bytes \(span.beginOffset)-\(span.endOffset) (lines \(span.beginLine)-\(span.endLine)): the header changed after castxml ran; docstring omitted (the next build reruns castxml and wrapgen)"))
        return nil
    }

    /// The header of a file id. A relative path is castxml's working directory's (the CMake module
    /// runs wrapgen in the same one); failing that, the XML's directory's (XML written elsewhere).
    func header(_ fileID: String) -> Header? {
        if let known = headers[fileID] { return known }
        let path = document.fileName(fileID)
        do {
            let beside = Path.join(Path.directory(of: document.path), path)
            let bytes = try path.hasPrefix("/") || FileSystem.exists(path) || !FileSystem.exists(beside)
                ? FileSystem.read(path) : FileSystem.read(beside)
            var newlines: [Int] = []
            for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { newlines.append(offset) }
            let header = Header(bytes: bytes, newlines: newlines)
            headers[fileID] = header
            return header
        } catch {
            headers[fileID] = .some(nil)
            headerWarnings.insert(Warning(location: path, message: "cannot read the header for its doc comments (\(error)); its docstrings are omitted"))
            return nil
        }
    }

    /// The byte range of `span` when it still fits the header: inside the file, starting on line
    /// `beginLine` and ending on line `endLine`, a line comment running to the end of its line; nil otherwise.
    static func range(of span: CommentSpan, in header: Header) -> Range<Int>? {
        let bytes = header.bytes
        guard span.beginOffset >= 0, span.beginOffset + 1 < span.endOffset, span.endOffset <= bytes.count,
              line(of: span.beginOffset, header) == span.beginLine, line(of: span.endOffset - 1, header) == span.endLine else { return nil }
        if bytes[span.beginOffset + 1] == UInt8(ascii: "/"), span.endOffset < bytes.count,
           bytes[span.endOffset] != UInt8(ascii: "\n"), bytes[span.endOffset] != UInt8(ascii: "\r") {
            return nil
        }
        return span.beginOffset..<span.endOffset
    }

    /// The 1-based line of a byte offset: one more than the newlines before it.
    static func line(of offset: Int, _ header: Header) -> Int {
        var low = 0, high = header.newlines.count
        while low < high {
            let middle = (low + high) / 2
            if header.newlines[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low + 1
    }
}
