import SwiftWrapRecords
import Testing
@testable import SwiftWrapGen

/// The lifetime features (LifetimeFeatures) and the user's hooks (UserHookInterface) in one `.i`:
/// where both want the same SWIG feature of a method, one would replace the other.
@Suite struct HookLifetimeTests {
    private func render(_ sub: SubmoduleInterface) -> String {
        SwigInterfaceWriter.render(sub, module: "M", owner: "P", package: "p")
    }

    @Test func aKeptOwnerWithOutputsGetsOnePythonappendDoingBoth() {
        var sub = SubmoduleInterface(submodule: "S", xmlPath: "S.xml", includes: ["a.h"], declarations: [])
        sub.lifetimes = [LifetimeFeature(alias: "Box", method: "Last", kind: .keepOwner),
                         LifetimeFeature(alias: "Box", method: "At", kind: .keepOwner)]
        sub.hooks.tupleResults = ["Box::Last", "Box::Query"]
        let text = render(sub)
        let appends = text.components(separatedBy: "\n").filter { $0.hasPrefix("%feature(\"pythonappend\")") }
        #expect(appends == ["%feature(\"pythonappend\") Box::At %{", "%feature(\"pythonappend\") Box::Last %{",
                            "%feature(\"pythonappend\") Box::Query \"if type(val) is list: val = tuple(val)\";"], "\(text)")
        #expect(text.contains("""
            %feature("pythonappend") Box::Last %{
                    if type(val) is list: val = tuple(val)
                    if hasattr(val[0] if type(val) is tuple else val, "this"): (val[0] if type(val) is tuple else val)._swiftwrap_owner = self
            %}
            """), "\(text)")
    }

    @Test func anOwnershipMoveCatchesDirectorExceptionsWhenTheModuleHasDirectors() {
        var sub = SubmoduleInterface(submodule: "S", xmlPath: "S.xml", includes: ["a.h"], declarations: [])
        sub.lifetimes = [LifetimeFeature(alias: "Doc", method: "DeleteNode", kind: .invalidate([1])),
                         LifetimeFeature(alias: "Doc", method: "Adopt", kind: .disown([1]))]
        #expect(render(sub).contains("%exception Doc::DeleteNode {\n  $action\n  swiftwrap_invalidate(swig_obj[1]);\n}"))
        sub.hooks.directors = ["Visitor"]
        let text = render(sub)
        #expect(text.contains("""
            %exception Doc::DeleteNode {
              try { $action } catch (Swig::DirectorException &) { SWIG_fail; }
              swiftwrap_invalidate(swig_obj[1]);
            }
            """), "\(text)")
        #expect(text.contains("%exception Doc::Adopt {\n  try { $action } catch (Swig::DirectorException &) { SWIG_fail; }\n  swiftwrap_disown("), "\(text)")
    }
}
