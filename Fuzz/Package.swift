// swift-tools-version: 6.0
// libFuzzer targets for SwiftWrapCache's parsers (issue 11). A separate package because executables with
// their own `main` do not link under `-sanitize=fuzzer` (libFuzzer brings its own); it uses the main
// package's library targets by path. Build and run with scripts/fuzz.sh TARGET SECONDS, which passes
// `-Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library`.
import PackageDescription

let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(name: name,
                      dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "SwiftWrapCache") },
                      path: "Sources/\(name)", swiftSettings: swiftSettings)
}

let package = Package(
    name: "SwiftWrapFuzz",
    dependencies: [.package(name: "SwiftWrapCache", path: "..")],
    targets: [
        // Scratch files for the readers that take a path, and the crash helper.
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport", swiftSettings: swiftSettings),
        fuzzTarget("FuzzCastXML", ["SwiftWrapGen", "SwiftWrapCore"]),
        fuzzTarget("FuzzModulePlan", ["SwiftWrapGen", "SwiftWrapCore"]),
        fuzzTarget("FuzzObject", ["SwiftWrapCache", "SwiftWrapCore"]),
        fuzzTarget("FuzzEntryFile", ["SwiftWrapCache", "SwiftWrapCore"]),
        fuzzTarget("FuzzInodeCache", ["SwiftWrapCache", "SwiftWrapCore"]),
        fuzzTarget("FuzzStamp", ["SwiftWrapRecords", "SwiftWrapCore"]),
        fuzzTarget("FuzzKeyList", ["SwiftWrapRecords", "SwiftWrapCore"]),
        fuzzTarget("FuzzDepfile", ["SwiftWrapCore"]),
        fuzzTarget("FuzzResponseFile", ["SwiftWrapCore"]),
    ],
    swiftLanguageModes: [.v6]
)
