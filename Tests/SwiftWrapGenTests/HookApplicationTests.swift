import Testing
@testable import SwiftWrapGen

@Suite struct HookApplicationTests {
    /// Only what SWIG's typemaps.i has OUTPUT typemaps for; anything else would stay an input at run
    /// time while the stub dropped it.
    @Test func outputTypesAreSwigsOutputTypemaps() {
        #expect(HookApplication.outputType("int *")! == ("int", "*", "int"))
        #expect(HookApplication.outputType("unsigned int &")! == ("unsigned int", "&", "int"))
        #expect(HookApplication.outputType("double*")! == ("double", "*", "float"))
        #expect(HookApplication.outputType("bool *")! == ("bool", "*", "bool"))
        for rejected in ["int", "int const *", "const int *", "char *", "wchar_t *", "long double *", "int * *", "geo::Point *"] {
            #expect(HookApplication.outputType(rejected) == nil, "\(rejected)")
        }
    }
}
