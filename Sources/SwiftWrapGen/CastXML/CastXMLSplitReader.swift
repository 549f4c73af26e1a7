import Glibc
import SwiftWrapCore

/// Reads a large CastXML file in two halves on two threads, giving the document the sequential read
/// gives (same elements in the same order, ids, XML lines, files, comments, format).
///
/// castxml writes each top-level element on a line that starts with exactly two spaces (`\n  <`;
/// children have four or more, and `<` in an attribute value is written `&lt;`). The file is split at
/// such an element start near its middle: one XMLFastScanner reads the part before it, which must end
/// with only `<CastXML>` open; another reads the part from it on, starting inside `<CastXML>`, with
/// its own DocumentBuilder and lines counted from the split. The second part's elements are then
/// appended to the first's, their numbers and lines moved on.
///
/// Whenever either part is not plainly castxml's form (`.unsure`), throws (any error, e.g. a
/// duplicate id), or an id is in both parts, `read` gives nil and the caller reads the file
/// sequentially, which words the errors.
enum CastXMLSplitReader {
    /// Smaller files are read sequentially: a second thread would not pay for itself.
    static let minimumSize = 1 << 20

    /// The document, or nil when the file must be read sequentially. `near`: split at the first
    /// top-level element from this offset on (tests); by default a little after the middle (the
    /// second thread also pays for its start and fresh memory: 17/32 of the file balanced the ITK
    /// wrapping translation unit best), for files of at least `minimumSize` bytes on a machine with
    /// more than one processor.
    static func read(_ path: String, near forced: Int? = nil) -> CastXMLDocument? {
        // Both parts read one open file: a file replaced meanwhile cannot mix two versions.
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        guard forced != nil || (size >= minimumSize && ProcessorCount.online > 1),
              let split = splitPoint(fd, near: forced ?? size * 17 / 32) else { return nil }
        // The first part's table gets room for the whole file: the second part is appended to it.
        let (first, second) = concurrently({ readPart(path, fd, .before(end: split), expectedBytes: size) },
                                           alongside: { readPart(path, fd, .from(start: split), expectedBytes: size - split) })
        guard let whole = first, let second else { return nil }
        return whole.absorb(second) ? whole.document(path) : nil
    }

    /// The offset of the `<` of the first top-level element start (`\n  <` and a name) at or after
    /// `start`, looked for in the next megabyte.
    static func splitPoint(_ path: String, near start: Int) -> Int? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return splitPoint(fd, near: start)
    }

    private static func splitPoint(_ fd: Int32, near start: Int) -> Int? {
        let window = 1 << 16
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: window + 4)
        defer { buffer.deallocate() }
        var offset = max(0, start - 3)   // the `<` itself may be at `start`
        for _ in 0..<16 {
            let count = pread(fd, buffer, window + 4, off_t(offset))
            guard count > 4 else { return nil }
            for index in 0..<(count - 4) where buffer[index] == 0x0A && buffer[index + 1] == 0x20 && buffer[index + 2] == 0x20
                && buffer[index + 3] == UInt8(ascii: "<") && isNameStart(buffer[index + 4]) {
                return offset + index + 3
            }
            offset += window
        }
        return nil
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
    }

    /// One part read by its own scanner and builder; nil when it is unsure or throws.
    private static func readPart(_ path: String, _ fd: Int32, _ part: XMLFastScanner<DocumentBuilder>.Part,
                                 expectedBytes: Int) -> DocumentPart? {
        var insideRoot = false
        if case .from = part { insideRoot = true }
        let builder = DocumentBuilder(path: path, expectedBytes: expectedBytes, insideRoot: insideRoot)
        var scanner = XMLFastScanner(path: path, handler: builder, part: part, descriptor: fd)
        guard let outcome = try? scanner.run(), outcome == .complete else { return nil }
        return DocumentPart(builder, lastLine: scanner.line)
    }
}

/// What one part's builder made. A class, so that merging moves the parts' arrays instead of
/// copying them. `@unchecked Sendable`: the second part is made on the second thread, which never
/// touches it after returning it, and read by the first only after `pthread_join` (concurrently).
private final class DocumentPart: @unchecked Sendable {
    var format: String?
    var table: CastXMLNodeTable
    var files: [String: String]
    var comments: [String: CommentSpan]
    /// The scanner's line at the end of the part (for the first part: the line of the split).
    var lastLine: Int

    init(_ builder: DocumentBuilder, lastLine: Int) {
        format = builder.format
        table = builder.table
        files = builder.files
        comments = builder.comments
        self.lastLine = lastLine
    }

    /// Appends the part that follows this one (emptying it); false when an id is in both (or the
    /// parts do not fit together).
    func absorb(_ next: DocumentPart) -> Bool {
        guard format != nil, next.format == nil, table.append(moving: &next.table, lineOffset: lastLine - 1) else { return false }
        Self.merge(&files, next.files)
        Self.merge(&comments, next.comments)
        lastLine += next.lastLine - 1
        return true
    }

    /// The entries of both (their keys are distinct ids); the smaller one is added to the larger.
    private static func merge<Value>(_ mine: inout [String: Value], _ theirs: [String: Value]) {
        if theirs.count > mine.count {
            var larger = theirs
            larger.merge(mine) { first, _ in first }
            mine = larger
        } else if !theirs.isEmpty {
            mine.merge(theirs) { first, _ in first }
        }
    }

    func document(_ path: String) -> CastXMLDocument? {
        guard let format else { return nil }
        var document = CastXMLDocument(path: path, format: format, nodes: table, files: files)
        document.comments = comments
        return document
    }
}
