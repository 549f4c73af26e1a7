import FuzzSupport
import SwiftWrapGen

// wrapgen's whole read-and-analyse step (`ModuleGenerator.plan`: CastXML reader, type resolver, record
// builder, .i/.idx rendering; it writes nothing) on arbitrary bytes as one submodule's XML: a plan or a
// WrapgenError; never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModulePlan(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = Scratch.write(data, size, to: Scratch.path("Sub.xml"))
    let directory = String(path.dropLast("/Sub.xml".count))
    let request = ModuleRequest(
        module: "Fuzzed", owner: "fuzz", package: "fuzz", wrappersNamespace: "_wrapping_::wrappers",
        databaseDirectory: directory + "/db", outputDirectory: directory + "/out",
        submodules: [.init(name: "Sub", xmlPath: path, includes: ["sub.h"])], importedIndexes: [], depfile: nil,
        command: ["wrapgen"], workingDirectory: directory)
    _ = try? ModuleGenerator.plan(request)
    return 0
}

@_cdecl("FuzzModulePlan_main")
public func fuzzModulePlanMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzModulePlan)
}
