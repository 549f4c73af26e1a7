import SwiftWrapRecords
import Testing
@testable import SwiftWrapGen

@Suite struct LifetimesTests {
    @Test func ownershipDeclarationsParse() {
        #expect(OwnershipDeclaration.parse("newobject=lt::Container::MakeItem")
                == OwnershipDeclaration(kind: .newObject, cppClass: "lt::Container", method: "MakeItem"))
        #expect(OwnershipDeclaration.parse("invalidates=::tinyxml2::XMLDocument::DeleteNode")
                == OwnershipDeclaration(kind: .invalidates, cppClass: "tinyxml2::XMLDocument", method: "DeleteNode"))
        #expect(OwnershipDeclaration.parse("disown=geo::Vec<long unsigned int,2>::Adopt")
                == OwnershipDeclaration(kind: .disown, cppClass: "geo::Vec<unsigned long, 2>", method: "Adopt"))
        for bad in ["newobject=Make", "keep=ns::A::f", "newobject=ns::A::", "newobject=::f", "disown=ns::A::operator+", "ns::A::f"] {
            #expect(OwnershipDeclaration.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func classHandlesArePointersAndReferencesToWrappedClasses() {
        #expect(Lifetimes.isClassHandle(TypeRecord(cpp: "Item &", python: "Item", wrapped: "Item.S")))
        #expect(Lifetimes.isClassHandle(TypeRecord(cpp: "Item const * const", python: "Item", wrapped: "Item.S")))
        #expect(!Lifetimes.isClassHandle(TypeRecord(cpp: "Item", python: "Item", wrapped: "Item.S")))
        #expect(!Lifetimes.isClassHandle(TypeRecord(cpp: "ns::Mode &", python: "int", wrapped: "Mode.S")))
        #expect(!Lifetimes.isClassHandle(TypeRecord(cpp: "char const *", python: "str", wrapped: nil)))
        #expect(Lifetimes.isClassPointer(TypeRecord(cpp: "Item *", python: "Item", wrapped: "Item.S")))
        #expect(!Lifetimes.isClassPointer(TypeRecord(cpp: "Item &", python: "Item", wrapped: "Item.S")))
    }

    @Test func featuresAreWrittenBeforeTheClasses() {
        var sub = SubmoduleInterface(submodule: "S", xmlPath: "S.xml", includes: ["a.h"], declarations: [])
        sub.lifetimes = [
            LifetimeFeature(alias: "Box", method: "At", kind: .keepOwner),
            LifetimeFeature(alias: "Box", method: "Make", kind: .newObject),
            LifetimeFeature(alias: "Box", method: "Drop", kind: .invalidate([1, 3])),
        ]
        let lines = LifetimeFeatures.lines(sub)
        let text = lines.joined(separator: "\n")
        #expect(text.contains("%feature(\"pythonappend\") Box::At %{\n        if hasattr(val, \"this\"): val._swiftwrap_owner = self\n%}"))
        #expect(text.contains("%newobject Box::Make;"))
        #expect(text.contains("%exception Box::Drop {\n  $action\n  swiftwrap_invalidate(swig_obj[1]);\n  swiftwrap_invalidate(swig_obj[3]);\n}"))
        #expect(text.contains("static void swiftwrap_invalidate(PyObject *argument)"))
    }
}
