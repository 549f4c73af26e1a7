import SwiftWrapCore
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapGen

/// Checking the references of the two halves of a document on two threads gives exactly the error
/// (problem on the earliest line, count of the others) of the check on one thread.
@Suite struct CastXMLValidatorHalvesTests {
    let root = repositoryRoot() + "/Tests/Fixtures/castxml/"

    func outcome(_ document: CastXMLDocument, inHalves: Bool) -> CastXMLError? {
        do { try CastXMLValidator(document).check(inHalves: inHalves); return nil } catch { return error }
    }

    func expectSameInHalves(_ path: String) throws -> CastXMLError? {
        let document = try CastXMLReader.unchecked(path)
        let whole = outcome(document, inHalves: false)
        #expect(outcome(document, inHalves: true) == whole, "\(path)")
        return whole
    }

    @Test func fixturesGiveTheSameOutcome() throws {
        for name in ["Points.xml", "ItkIndex.xml", "FreeFuncs.xml"] { #expect(try expectSameInHalves(root + name) == nil) }
        for name in ["context-cycle.xml", "dangling-returns.xml", "self-base.xml"] {
            #expect(try expectSameInHalves(root + "malformed/" + name) != nil, "\(name)")
        }
    }

    /// Dangling references, members and files in both halves: the earliest is reported, with the
    /// count of all, whichever thread found them.
    @Test func problemsInBothHalves() throws {
        let scratch = Scratch()
        var text = try FileSystem.readText(root + "ItkIndex.xml")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var damaged: [String] = []
        for (number, line) in lines.enumerated() {
            var line = line
            if number % 97 == 50, line.contains(" type=\"_") { line = line.replacingAll(" type=\"_", with: " type=\"_9") }
            if number % 131 == 60, line.contains(" members=\"_") { line = line.replacingAll(" members=\"_", with: " members=\"_8") }
            if number % 89 == 70, line.contains(" file=\"f") { line = line.replacingAll(" file=\"f", with: " file=\"f7") }
            damaged.append(line)
        }
        text = damaged.joined(separator: "\n")
        let path = scratch.write("damaged.xml", text)
        let error = try #require(try expectSameInHalves(path))
        #expect(error.message.contains("more problems"), "\(error)")
        // The earliest problem is in the first half, so the second half's are counted, not shown.
        let document = try CastXMLReader.unchecked(path)
        #expect(error.line! < document.nodes.line(document.nodes.count / 2))
    }
}
