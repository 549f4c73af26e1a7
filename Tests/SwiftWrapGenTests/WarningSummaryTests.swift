import Testing
@testable import SwiftWrapGen

@Suite struct WarningSummaryTests {
    @Test func oneLinePerUnwrappedTypeWithItsCountAndTheCallThatWrapsIt() {
        let warnings = [
            Warning(location: "a.h:3", message: "type 'ns::Opaque' used by 'A::f' is not wrapped; …", unwrappedType: "ns::Opaque"),
            Warning(location: "a.h:9", message: "type 'ns::Opaque' used by 'A::g' is not wrapped; …", unwrappedType: "ns::Opaque"),
            Warning(location: "b.h:2", message: "base class 'ns::Box<int, 2>' of 'B' is not wrapped; …", unwrappedType: "ns::Box<int, 2>"),
            Warning(location: "c.h:1", message: "type 'std::map<int, int>' used by 'C::m' is not wrapped; …", unwrappedType: "std::map<int, int>"),
            Warning(location: "d.h:4", message: "data member 'D.x' is not wrapped"),
        ].sorted()
        let lines = WarningSummary.lines(warnings, module: "Core")
        #expect(lines.count == 4)
        #expect(lines[0] == "d.h:4: warning: data member 'D.x' is not wrapped")
        #expect(lines[1].hasPrefix("b.h:2: warning: type 'ns::Box<int, 2>' is not wrapped (1 use in module Core); "))
        #expect(lines[1].contains("swiftwrap_wrap_template(<submodule> TEMPLATE ns::Box ARGUMENTS \"int, 2\") in module Core"))
        #expect(lines[2].hasPrefix("a.h:3: warning: type 'ns::Opaque' is not wrapped (2 uses in module Core); "))
        #expect(lines[2].contains("swiftwrap_add_submodule(<submodule> HEADERS <its header> TYPES ns::Opaque)"))
        #expect(lines[3].contains("(1 use in module Core)") && lines[3].contains("standard-library classes"))
    }
}

@Suite struct EnumerationWarningTests {
    @Test func unwrappedEnumerationsAreSummarisedAsInt() {
        let warnings = [
            Warning(location: "a.h:3", message: "enumeration 'ns::Mode' used by 'A::f' is not wrapped; Python passes it as int", unwrappedType: "ns::Mode"),
            Warning(location: "a.h:4", message: "enumeration 'ns::Mode' used by 'A::g' is not wrapped; Python passes it as int", unwrappedType: "ns::Mode"),
        ]
        let lines = WarningSummary.lines(warnings, module: "Core")
        #expect(lines == ["a.h:3: warning: type 'ns::Mode' is not wrapped (2 uses in module Core); Python passes it as int, "
                          + "without named constants; to wrap it: swiftwrap_add_submodule(<submodule> HEADERS <its header> TYPES ns::Mode) "
                          + "in module Core or a module it depends on"])
    }

    @Test func pointerAndNonConstReferencePositionsAreOpaque() {
        let mode = CppType.named(.init(kind: .enumeration, spelling: "ns::Mode", enclosing: nil, name: "Mode"))
        #expect(EnumPositions.opaqueEnumeration(.pointer(mode), isArgument: false) == "ns::Mode")
        #expect(EnumPositions.opaqueEnumeration(.qualified(.pointer(.qualified(mode, isConst: true, isVolatile: false)), isConst: true, isVolatile: false),
                                                isArgument: true) == "ns::Mode")
        #expect(EnumPositions.opaqueEnumeration(.reference(mode), isArgument: true) == "ns::Mode")
        #expect(EnumPositions.opaqueEnumeration(.reference(mode), isArgument: false) == nil)
        #expect(EnumPositions.opaqueEnumeration(.reference(.qualified(mode, isConst: true, isVolatile: false)), isArgument: true) == nil)
        #expect(EnumPositions.opaqueEnumeration(mode, isArgument: true) == nil)
        #expect(EnumPositions.opaqueEnumeration(.pointer(.pointer(mode)), isArgument: true) == nil)
    }
}
