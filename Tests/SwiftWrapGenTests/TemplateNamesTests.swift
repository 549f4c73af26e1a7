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
}
