import Testing
@testable import SwiftWrapGen

@Suite struct SpellingTests {
    @Test func normalizesFundamentalNamesAndCommas() {
        #expect(CppSpelling.normalize("long unsigned int") == "unsigned long")
        #expect(CppSpelling.normalize("Map<short int,long long unsigned int>") == "Map<short, unsigned long long>")
        #expect(CppSpelling.normalize("Pointy<int>") == "Pointy<int>")
        #expect(CppSpelling.normalize("my_long int") == "my_long int")
    }

    @Test func splitsTemplateArguments() {
        #expect(CppSpelling.templateParts("itk::Image<float, 2>")?.name == "itk::Image")
        #expect(CppSpelling.templateParts("A<B<c, d>, e>")?.arguments == ["B<c, d>", "e"])
        #expect(CppSpelling.templateParts("Plain") == nil)
    }

    /// The byte-level paths (ASCII names, commas already followed by a space) give what the
    /// Character-level ones give, also at the edges: empty and trailing arguments, spaces, brackets,
    /// a non-ASCII name, a combining mark after a comma (one Character, so no split).
    @Test func byteLevelSpellingAgreesWithCharacters() {
        #expect(CppSpelling.templateParts("A< x ,  y<1, (2)>, z[3] >")?.arguments == ["x", "y<1, (2)>", "z[3]"])
        #expect(CppSpelling.templateParts("A<x, >")?.arguments == ["x"])
        #expect(CppSpelling.templateParts("A<, x>")?.arguments == ["", "x"])
        #expect(CppSpelling.templateParts("A<>")?.arguments == [])
        #expect(CppSpelling.templateParts("A<x>y") == nil)
        #expect(CppSpelling.templateParts("Größe<é, 2>")?.name == "Größe")
        #expect(CppSpelling.templateParts("Größe<é, 2>")?.arguments == ["é", "2"])
        #expect(CppSpelling.templateParts("A<x,\u{301}y, z>")?.arguments == ["x,\u{301}y", "z"])
        #expect(CppSpelling.normalize("A<b, c>") == "A<b, c>")
        #expect(CppSpelling.normalize("A<b,c, d,>") == "A<b, c, d, >")
        #expect(CppSpelling.normalize("A<b, c,") == "A<b, c,")
        #expect(CppSpelling.normalize("A<b,\u{301}c>") == "A<b,\u{301}c>")
        #expect("a long int b".utf8.containsBytes(" int"))
        #expect(!"a long_int".utf8.containsBytes(" int"))
        #expect("x".utf8.containsBytes(""))
    }

    @Test func spellsTypesEastConstAndByAlias() {
        let named = CppType.Named(kind: .record, spelling: "geo::Point<double>", enclosing: nil, name: "Point<double>")
        let type = CppType.reference(.qualified(.named(named), isConst: true, isVolatile: false))
        #expect(type.spelling == "geo::Point<double> const &")
        #expect(type.spelled { $0.spelling == "geo::Point<double>" ? "PointD" : nil } == "PointD const &")
        #expect(CppType.rvalueReference(.fundamental("int")).unsupportedPart == "rvalue reference")
    }

    @Test func pythonDefaults() {
        #expect(PythonTypes.defaultValue("2") == "2")
        #expect(PythonTypes.defaultValue("1.") == "1.0")
        #expect(PythonTypes.defaultValue("-.5f") == "-0.5")
        #expect(PythonTypes.defaultValue("true") == "True")
        #expect(PythonTypes.defaultValue("\"abc\"") == "'abc'")
        #expect(PythonTypes.defaultValue("geo::Blue") == "...")
        #expect(PythonTypes.defaultValue("nullptr") == "None")
    }

    @Test func vectorsAndOperators() {
        #expect(PythonTypes.vectorElement("std::vector<double>") == "double")
        #expect(PythonTypes.vectorElement("std::vector<int, std::allocator<int>>") == "int")
        #expect(PythonTypes.vectorElement("std::vector<int, MyAlloc>") == nil)
        #expect(PythonTypes.vectorTemplateName("unsigned long") == "vector_unsigned_long")
        #expect(PythonTypes.operatorName("-", arity: 0) == "__neg__")
        #expect(PythonTypes.operatorName("[]", arity: 1) == nil)
    }
}

@Suite struct BufferArgumentTests {
    @Test func constBytePointersPairWithTheIntegerAfterThem() {
        let constVoid = CppType.pointer(.qualified(.fundamental("void"), isConst: true, isVolatile: false))
        let constUChar = CppType.pointer(.qualified(.fundamental("unsigned char"), isConst: true, isVolatile: false))
        let mutableVoid = CppType.pointer(.fundamental("void"))
        let size = CppType.fundamental("unsigned long")
        func arguments(_ count: Int, defaultAt: Int? = nil) -> [ArgumentNode] {
            (0..<count).map { ArgumentNode(name: "a\($0)", type: "", defaultValue: $0 == defaultAt ? "0" : nil) }
        }
        #expect(BufferArguments.pairs([constVoid, size], arguments(2)) == [0])
        #expect(BufferArguments.pairs([.fundamental("int"), constUChar, .fundamental("int"), constVoid, size], arguments(5)) == [1, 3])
        #expect(BufferArguments.pairs([mutableVoid, size], arguments(2)).isEmpty)             // an output buffer
        #expect(BufferArguments.pairs([constVoid, .fundamental("double")], arguments(2)).isEmpty)
        #expect(BufferArguments.pairs([constVoid, .fundamental("char")], arguments(2)).isEmpty)
        #expect(BufferArguments.pairs([constVoid, size], arguments(2, defaultAt: 1)).isEmpty)  // a defaulted size
        #expect(BufferArguments.pairs([constVoid], arguments(1)).isEmpty)
    }
}
