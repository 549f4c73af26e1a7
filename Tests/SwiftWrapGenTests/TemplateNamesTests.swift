import SwiftWrapCore
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapGen

/// wrapgen's names of automatically wrapped template instantiations follow swiftwrap_wrap_template's
/// default SUFFIXES: both are checked against Tests/Fixtures/template-suffixes.txt (the CMake side in
/// Tests/EndToEnd/test_automatic_bases.py).
@Suite struct TemplateNamesTests {
    @Test func suffixesMatchTheSharedTable() throws {
        let path = Path.join(repositoryRoot(), "Tests/Fixtures/template-suffixes.txt")
        let text = try FileSystem.readText(path)
        var cases = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(fields.count == 2, "\(path): expected '<arguments>\\t<suffix>': \(line)")
            #expect(TemplateNames.suffix(String(fields[0])) == String(fields[1]), "arguments '\(fields[0])'")
            cases += 1
        }
        #expect(cases >= 10)
    }

    @Test func automaticNamesAreTheLastComponentAndTheSuffix() {
        #expect(TemplateNames.pythonName("chain::Holder<double, 2>") == "HolderD2")
        #expect(TemplateNames.pythonName("itk::ImageToImageFilter<itk::Image<float, 2>, itk::Image<float, 2>>")
                == "ImageToImageFilterImageF2ImageF2")
        #expect(TemplateNames.pythonName("itk::ProcessObject") == "ProcessObject")
        #expect(TemplateNames.pythonName("Outer::Inner") == "Inner")
    }

    /// ASCII names take byte-level paths; CR (which joins LF into one Character) and non-ASCII
    /// names keep the Character-level ones, with one `_` per Character.
    @Test func byteLevelPathsAgreeWithCharacterLevelOnes() {
        #expect(TemplateNames.identifier("a-b c_1") == "a_b_c_1")
        #expect(TemplateNames.identifier("x\r\ny") == "x_y")
        #expect(TemplateNames.identifier("Größe") == "Gr__e")
        #expect(TemplateNames.normalisedSpaces("  a \t b\n c  ") == "a b c")
        #expect(TemplateNames.topLevelArguments("a<b, c>, (d, e), f[1,2],") == ["a<b, c>", " (d, e)", " f[1,2]", ""])
        #expect(TemplateNames.topLevelArguments("é, x") == ["é", " x"])
        #expect(TemplateNames.suffix("unsigned  char, -1") == "UC_1")
    }

    /// The byte-level `lastComponent` and `normalisedSpaces` (wrapgen speed, issue 16) give the
    /// Character-level rule's result on every string over a small alphabet, up to 6 long.
    @Test func byteLevelNamePathsMatchTheCharacterRuleExhaustively() {
        let alphabet: [String] = [":", "a", " ", "\t", "\n", "<", "\u{0B}"]
        var strings = [""]
        var all: [String] = [""]
        for _ in 0..<6 {
            strings = strings.flatMap { prefix in alphabet.map { prefix + $0 } }
            all += strings
        }
        #expect(all.count > 100_000)
        for text in all {
            #expect(TemplateNames.lastComponent(text) == TemplateNames.lastComponentByCharacters(text), "\(Array(text.utf8))")
            #expect(TemplateNames.normalisedSpaces(text) == TemplateNames.normalisedSpacesByCharacters(text), "\(Array(text.utf8))")
        }
        for text in all where text.count <= 5 {
            for target in ["::", ":", "a a", "<\t"] {
                #expect(text.replacingAllBytes(target, with: "_X_") == text.replacingAllCharacters(target, with: "_X_"), "\(Array(text.utf8))")
            }
        }
        #expect("std::basic_string<char> x".replacingAll("std::basic_string<char>", with: "std::string") == "std::string x")
        #expect(TemplateNames.lastComponent("a:::b") == ":b")
        #expect(TemplateNames.lastComponent("itk::Functor::Add2") == "Add2")
        #expect(TemplateNames.normalisedSpaces("unsigned char") == "unsigned char")
    }
}
