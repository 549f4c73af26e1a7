import Testing
@testable import SwiftWrapGen

@Suite struct SmartPointerTests {
    static let itk = IntrusivePointer(template: "itk::SmartPointer", get: "GetPointer", ref: "Register", unref: "UnRegister")

    @Test func intrusivePointerOptionParses() {
        #expect(IntrusivePointer.parse("itk::SmartPointer=GetPointer,Register,UnRegister") == Self.itk)
        #expect(IntrusivePointer.parse("::itk::SmartPointer=GetPointer, Register, UnRegister") == Self.itk)
        for bad in ["itk::SmartPointer", "itk::SmartPointer=GetPointer,Register", "=a,b,c", "itk:SmartPointer=a,b,c",
                    "itk::SmartPointer<T>=a,b,c", "itk::SmartPointer=a,b,c d", "itk::SmartPointer=a,,c"] {
            #expect(IntrusivePointer.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func recognisesTheThreeKindsByCanonicalSpelling() {
        let pointers = [Self.itk]
        #expect(SmartPointerType.recognize("itk::SmartPointer<itk::Image<float, 2>>", intrusive: pointers)
                == SmartPointerType(kind: .intrusive(Self.itk), pointee: "itk::Image<float, 2>", isConst: false))
        #expect(SmartPointerType.recognize("itk::SmartPointer<const itk::Object>", intrusive: pointers)
                == SmartPointerType(kind: .intrusive(Self.itk), pointee: "itk::Object", isConst: true))
        #expect(SmartPointerType.recognize("std::shared_ptr<geo::Node>", intrusive: [])?.kind == .shared)
        #expect(SmartPointerType.recognize("std::unique_ptr<geo::Item>", intrusive: [])?.kind == .unique)
        #expect(SmartPointerType.recognize("std::unique_ptr<geo::Item, std::default_delete<geo::Item>>", intrusive: [])?.pointee
                == "geo::Item")
        #expect(SmartPointerType.recognize("std::unique_ptr<geo::Item, geo::Deleter>", intrusive: []) == nil)
        #expect(SmartPointerType.recognize("itk::SmartPointer<itk::Object>", intrusive: []) == nil)  // not declared
        #expect(SmartPointerType.recognize("std::vector<double>", intrusive: pointers) == nil)
        #expect(SmartPointerType(kind: .shared, pointee: "geo::Node", isConst: true).swigSpelling(alias: "Node")
                == "std::shared_ptr< const Node >")
    }

    @Test func sharedPointerHoldersCoverTheHierarchyAndReachImporters() {
        func decl(_ alias: String, _ bases: [String]) -> InterfaceDeclaration {
            InterfaceDeclaration(alias: alias, cppType: "geo::" + alias, kind: .record(tag: .class, bases: bases), body: [],
                                 localBases: bases, noDefaultConstructor: false, noDefaultDestructor: false)
        }
        var shapes = SubmoduleInterface(submodule: "Shapes", xmlPath: "Shapes.xml", includes: ["shapes.h"],
                                        declarations: [decl("Shape", []), decl("Circle", ["Shape"]), decl("Plain", [])])
        shapes.smartPointers = [SmartPointerUse(kind: .shared, alias: "Circle", isConst: false)]
        var users = SubmoduleInterface(submodule: "Users", xmlPath: "Users.xml", includes: ["users.h"], declarations: [decl("User", [])])
        users.imports = ["Shapes"]
        var interfaces = [shapes, users]
        SharedPointerHolders.apply(to: &interfaces)
        #expect(interfaces[0].declarations.filter(\.heldByShared).map(\.alias).sorted() == ["Circle", "Shape"])
        #expect(interfaces[1].classAliases == ["Circle": "geo::Circle", "Shape": "geo::Shape"])
        #expect(interfaces[1].includes == ["users.h", "shapes.h"])
        let text = SmartPointerInterface.lines(interfaces[0]).joined(separator: "\n")
        #expect(text.contains("%shared_ptr(Circle)\n%shared_ptr(Shape)"))
        #expect(!text.contains("%shared_ptr(Plain)"))
    }

    @Test func referenceCountedClassesOwnAReferenceInEveryProxy() {
        var declaration = InterfaceDeclaration(alias: "Counter", cppType: "sp::Counter", kind: .record(tag: .class, bases: []),
                                               body: [], localBases: [], noDefaultConstructor: true, noDefaultDestructor: false)
        declaration.referenceCounting = Self.itk
        var sub = SubmoduleInterface(submodule: "Objects", xmlPath: "Objects.xml", includes: [], declarations: [declaration])
        sub.smartPointers = [SmartPointerUse(kind: .intrusive(Self.itk), alias: "Counter", isConst: false)]
        let text = SmartPointerInterface.lines(sub).joined(separator: "\n")
        #expect(text.contains("%feature(\"unref\") Counter \"$this->UnRegister();\""))
        #expect(text.contains("%typemap(out) Counter *, Counter &, const Counter *, const Counter & {"))
        #expect(text.contains("%typemap(out) itk::SmartPointer< Counter > {"))
        #expect(text.contains("Counter *swiftwrap_raw = const_cast< Counter * >($1.GetPointer());"))
    }
}
