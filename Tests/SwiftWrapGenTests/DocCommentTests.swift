import SwiftWrapCore
import Testing
@testable import SwiftWrapGen

/// Doc comment extraction (DocCommentText, DocComments) and the SWIG literal (SwigDocstrings).
@Suite struct DocCommentTests {
    private func clean(_ text: String) -> String? { DocCommentText.clean(ArraySlice(Array(text.utf8))) }

    @Test func everyCommentStyle() {
        #expect(clean("/// One.\n  /// Two.") == "One.\nTwo.")
        #expect(clean("//! Bang.") == "Bang.")
        #expect(clean("///< Trailing.") == "Trailing.")
        #expect(clean("//!< Trailing bang.") == "Trailing bang.")
        #expect(clean("/** Block. */") == "Block.")
        #expect(clean("/*! Bang block. */") == "Bang block.")
        #expect(clean("/**< Trailing block. */") == "Trailing block.")
        #expect(clean("/**\n * Star column.\n *   indented\n *\n * after a blank\n */")
                == "Star column.\n  indented\n\nafter a blank")
        #expect(clean("/*********************\n * Decorated.\n *********************/") == "Decorated.")
        #expect(clean("////////////////\n/// Slashes.\n////////////////") == "Slashes.")
        #expect(clean("/// One.\r\n/// CRLF.") == "One.\nCRLF.")
        #expect(clean("///") == nil)
        #expect(clean("/** */") == nil)
    }

    @Test func doxygenCommandsBecomeReadable() {
        #expect(clean("/// \\brief Short.\n///\n/// Long.") == "Short.\n\nLong.")
        #expect(clean("/** \\class Foo\n * \\ingroup Group\n * @brief Foo things.\n */") == "Foo things.")
        #expect(clean("/// Scale by \\p f and @c g.\n/// @param[in] f the factor\n/// \\param g  other\n/// @return the result\n/// @throws std::out_of_range always")
                == "Scale by f and g.\n\n:param f: the factor\n:param g: other\n:returns: the result\n:raises std::out_of_range: always")
        #expect(clean("/// \\note Careful.\n/// \\sa other()") == "Note: Careful.\nSee also: other()")
        // Unknown commands, escapes and e-mail addresses stay as written.
        #expect(clean("/// \\f$x\\f$ \\\\ mail@example.org \\unknown word") == "\\f$x\\f$ \\\\ mail@example.org \\unknown word")
    }

    @Test func bytesThatAreNotTextBecomeReplacementCharacters() {
        var bytes = Array("/// a ".utf8) + [0xFF, 0xC3] + Array(" b \u{1} c\td".utf8)
        #expect(DocCommentText.clean(ArraySlice(bytes)) == "a \u{FFFD}\u{FFFD} b \u{FFFD} c\td")
        bytes = Array("/** x ".utf8) + [0x00] + Array(" */".utf8)
        #expect(DocCommentText.clean(ArraySlice(bytes)) == "x \u{FFFD}")
    }

    @Test func bytesThatAreNotACommentGiveNothing() {
        #expect(clean("int x; // no") == nil)
        #expect(clean("/* unterminated") == nil)
        #expect(clean("/// a\nint y;") == nil)
        #expect(clean("/") == nil)
        #expect(clean("") == nil)
    }

    /// A document whose comment `c1` points at `range` of `header` (lines as given).
    private func document(header: String, _ span: CommentSpan) -> CastXMLDocument {
        var document = CastXMLDocument(path: "x.xml", format: "1.3.1", nodes: CastXMLNodeTable(expectedCount: 0), files: ["f1": header])
        document.comments = ["c1": span]
        return document
    }

    @Test func readsTheHeaderAtCastXMLsOffsets() throws {
        let scratch = Scratch()
        let text = "#pragma once\n/// Hello \"there\".\nint f();\n"
        let header = scratch.write("a.h", text)
        let span = CommentSpan(file: "f1", beginOffset: 13, endOffset: 31, beginLine: 2, endLine: 2)
        let docs = DocComments(document: document(header: header, span))
        #expect(docs.text("c1", what: "'f'") == "Hello \"there\".")
        #expect(docs.text(nil, what: "'f'") == nil)
        #expect(docs.text("c9", what: "'f'") == nil)
        #expect(docs.warnings.isEmpty)
    }

    @Test func aHeaderChangedSinceCastXMLRanGivesAWarningAndNoText() throws {
        let scratch = Scratch()
        let span = CommentSpan(file: "f1", beginOffset: 13, endOffset: 31, beginLine: 2, endLine: 2)
        // A line inserted above: the offsets now point into code on another line.
        let shifted = scratch.write("a.h", "#pragma once\n#include <x>\n/// Hello \"there\".\nint f();\n")
        var docs = DocComments(document: document(header: shifted, span))
        #expect(docs.text("c1", what: "'f'") == nil)
        #expect(docs.warnings.map(\.message).allSatisfy { $0.contains("the header changed after castxml ran") })
        #expect(docs.warnings.count == 1)
        // Same lines, but the comment became code.
        let recoded = scratch.write("b.h", "#pragma once\nint g(); int h(); int i();\nint f();\n")
        docs = DocComments(document: document(header: recoded, span))
        #expect(docs.text("c1", what: "'f'") == nil)
        #expect(docs.warnings.count == 1)
        // Truncated: the range runs past the end.
        let short = scratch.write("c.h", "#pragma once\n/// Hel")
        docs = DocComments(document: document(header: short, span))
        #expect(docs.text("c1", what: "'f'") == nil)
        #expect(docs.warnings.count == 1)
        // A line comment cut short (a same-line edit moved its end).
        let longer = scratch.write("d.h", "#pragma once\n/// Hello \"there\" and more.\nint f();\n")
        docs = DocComments(document: document(header: longer, span))
        #expect(docs.text("c1", what: "'f'") == nil)
        #expect(docs.warnings.count == 1)
    }

    @Test func anUnreadableHeaderGivesOneWarning() {
        let scratch = Scratch()
        var span = CommentSpan(file: "f1", beginOffset: 0, endOffset: 5, beginLine: 1, endLine: 1)
        let docs = DocComments(document: document(header: scratch.file("missing.h"), span))
        #expect(docs.text("c1", what: "'f'") == nil)
        span.beginOffset = 1
        #expect(docs.text("c1", what: "'g'") == nil)
        #expect(docs.warnings.count == 1)
        #expect(docs.warnings.first?.message.contains("cannot read the header") == true)
    }

    @Test func swigLiteralsEscapeQuotesBackslashesAndNewlines() {
        #expect(SwigDocstrings.literal("a \"q\" \\ b\nc % %} $1") == "\"a \\\"q\\\" \\\\ b\\nc % %} $1\"")
        #expect(SwigDocstrings.literal("x \"\"\" y \"\"\"\" z") == "\"x ''' y '''\\\" z\"")
    }
}

/// Comments of template instantiations, looked up above the declaration (DocComments+Above.swift).
@Suite struct DocCommentAboveTests {
    let header = """
        #pragma once
        /** A box.
         * Holds one value. */
        template <typename T,
                  typename U = int>
        class ITK_EXPORT Box : public Base {
        public:
          /// Makes one.
          Box();

          /// Not attached: a blank line follows.

          int spaced() const;
          //! Gets it.
          virtual T
          get() const;
          void put(T value);  ///< Puts one in.
          int x; /**< The x. */
          int after() const;
          itkGetMacro(Width, int);
          // A plain comment.
          int plain() const;
        };
        """

    private func above(_ line: Int, _ name: String, lookAbove: Bool = true) -> String? {
        let scratch = Scratch()
        let path = scratch.write("box.h", header)
        let docs = DocComments(document: CastXMLDocument(path: "x.xml", format: "1.3.1", nodes: CastXMLNodeTable(expectedCount: 0), files: ["f1": path]))
        docs.lookAbove = lookAbove
        defer { #expect(docs.warnings.isEmpty) }
        return docs.textAbove(SourcePlace(file: "f1", line: line), name: name)
    }

    @Test func findsTheCommentAboveTheDeclaration() {
        #expect(above(6, "Box") == "A box.\nHolds one value.")  // over a two-line template head
        #expect(above(9, "Box") == "Makes one.")
        #expect(above(16, "get") == "Gets it.")                  // over a return type on its own line
        #expect(above(17, "put") == "Puts one in.")              // trailing ///<
    }

    @Test func findsNothingWhereThereIsNoAdjacentDocComment() {
        #expect(above(13, "spaced") == nil)      // a blank line between
        #expect(above(19, "after") == nil)       // the line above ends another declaration with a trailing comment
        #expect(above(20, "GetWidth") == nil)    // a macro: the line does not name the method
        #expect(above(22, "plain") == nil)       // not a doc comment
        #expect(above(9, "Other") == nil)        // the header changed: the line names something else
        #expect(above(99, "Box") == nil)         // past the end
        #expect(above(6, "Box", lookAbove: false) == nil)
    }
}
