import SwiftWrapCore
import Testing
@testable import SwiftWrapGen

@Suite struct ProjectTypesTests {
    @Test func matchesSpellingsThatDifferOnlyInSpacesAndTheGlobalPrefix() throws {
        let types = try ProjectTypes.parse("Core ::geom::Vector< float, 2 >\n\nCore unsigned   int\nShapes geom::Shape\n",
                                           path: "Figures.project-types.txt")
        #expect(types.module(wrapping: "geom::Vector<float, 2>") == "Core")
        #expect(types.module(wrapping: "unsigned int") == "Core")
        #expect(types.module(wrapping: "::geom::Shape") == "Shapes")
        #expect(types.module(wrapping: "geom::Circle") == nil)
    }

    @Test func aLineWithoutModuleAndTypeNamesTheFileAndLine() {
        #expect(throws: FormatError(path: "M.project-types.txt", line: 2,
                                    message: "expected '<module> <C++ type>'; the CMake module writes this file, reconfigure to rewrite it")) {
            _ = try ProjectTypes.parse("Core geom::Shape\nCore\n", path: "M.project-types.txt")
        }
    }
}
