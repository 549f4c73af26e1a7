// swift-tools-version: 6.0
// SwiftWrapCache: castxml-cache, wrapgen and stubgen, one library per job.
//
// Dependency rule (docs/architecture.md): castxml-cache -> SwiftWrapCache -> SwiftWrapCore;
// wrapgen -> SwiftWrapGen, stubgen -> SwiftWrapStubs (both also WrapToolSupport), both libraries ->
// SwiftWrapRecords -> SwiftWrapCore; every executable may use ToolSupport. The cache and the record
// targets never import each other; SwiftWrapCore imports no other Swift target of this package (only
// the C targets CPosix and CSHA256). castxml-cache links no Foundation, ArgumentParser, SQLite or
// libxml2, because its cache-hit path is latency-critical.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

// Release executables link the Swift runtime statically (castxml-cache for start-up latency; wrapgen and
// stubgen so that they run where no Swift toolchain is installed: no RUNPATH into the toolchain).
let staticSwiftRuntime: [LinkerSetting] = [
    .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
]
// wrapgen and stubgen also link FoundationEssentials (SwiftWrapRecords' JSON coding). Its static archive
// does not name the three archives it needs (Swift 6.3 on Linux), so they are named here. They link with
// lld: that archive calls mktemp(3), and GNU gold repeats glibc's link-time warning about it on every
// release build (lld does not print glibc's .gnu.warning notes); we never call it.
let staticFoundationEssentials: [LinkerSetting] = staticSwiftRuntime + [
    .unsafeFlags(["-use-ld=lld"], .when(platforms: [.linux], configuration: .release)),
    .linkedLibrary("_FoundationCollections", .when(platforms: [.linux], configuration: .release)),
    .linkedLibrary("_FoundationCShims", .when(platforms: [.linux], configuration: .release)),
    .linkedLibrary("swiftSynchronization", .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "SwiftWrapCache",
    products: [
        .executable(name: "castxml-cache", targets: ["castxml-cache"]),
        .executable(name: "wrapgen", targets: ["wrapgen"]),
        .executable(name: "stubgen", targets: ["stubgen"]),
        .library(name: "SwiftWrapCore", targets: ["SwiftWrapCore"]),
        // For the fuzz targets in Fuzz/ (StoredFileCheck); castxml-cache itself links the target directly.
        .library(name: "SwiftWrapCache", targets: ["SwiftWrapCache"]),
        .library(name: "SwiftWrapRecords", targets: ["SwiftWrapRecords"]),
        .library(name: "SwiftWrapGen", targets: ["SwiftWrapGen"]),
        .library(name: "SwiftWrapStubs", targets: ["SwiftWrapStubs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System libraries: only their wrapper files import them.
        .systemLibrary(name: "CPosix"),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        // Our own SHA-256 (portable C + x86-64 SHA-NI): linking libcrypto cost ~0.7 ms of start-up.
        .target(name: "CSHA256"),
        // The remote cache's bridge to libcurl (issue 14): dlopen() (in glibc's libc since 2.34) at the
        // first https:// request, no link-time dependency on libcurl and no curl headers needed to build.
        .target(name: "CCurlShim"),

        // Generic support shared by all three tools: platform, files, paths, atomic writer, file lock,
        // SHA-256, subprocess, response files, depfiles, the settings mechanism, errors, version.
        .target(name: "SwiftWrapCore", dependencies: ["CSHA256", "CPosix"], swiftSettings: swiftSettings),
        // castxml-cache's library: Invocation/ (command line, settings), Keys/, Storage/ (behind
        // CacheStorage), Restore/ (hit, miss, preprocessor mode, publishing).
        .target(name: "SwiftWrapCache", dependencies: ["SwiftWrapCore", "CZstd", "CLZ4", "CCurlShim"], swiftSettings: swiftSettings),
        // The record data layer shared by wrapgen and stubgen: class records and their JSON, the SQLite
        // record store, the key-list (.index.txt) and stamp formats. No XML here.
        .target(name: "SwiftWrapRecords", dependencies: ["SwiftWrapCore", "CSQLite"], swiftSettings: swiftSettings),
        // wrapgen's library: CastXML reader (the only libxml2 user), analysis, .i/.idx emitters, module generator.
        .target(name: "SwiftWrapGen", dependencies: ["SwiftWrapRecords", "SwiftWrapCore", "CLibXML2"], swiftSettings: swiftSettings),
        // stubgen's library: .pyi stubs from the records, pruning, repair from stamps. No libxml2.
        .target(name: "SwiftWrapStubs", dependencies: ["SwiftWrapRecords", "SwiftWrapCore"], swiftSettings: swiftSettings),
        // CLI glue shared by the executables: diagnostics, exit codes. No ArgumentParser here.
        .target(name: "ToolSupport", dependencies: ["SwiftWrapCore"], swiftSettings: swiftSettings),
        // wrapgen's and stubgen's shared ArgumentParser options and identifier checks (castxml-cache never links it).
        .target(name: "WrapToolSupport",
                dependencies: ["ToolSupport", "SwiftWrapRecords", "SwiftWrapCore",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                swiftSettings: swiftSettings),

        .executableTarget(
            name: "castxml-cache",
            dependencies: ["ToolSupport", "SwiftWrapCache", "SwiftWrapCore"],
            swiftSettings: swiftSettings,
            // The hit path is latency-critical: a statically linked Swift runtime starts ~1.5 ms sooner.
            linkerSettings: staticSwiftRuntime),
        .executableTarget(
            name: "wrapgen",
            dependencies: ["WrapToolSupport", "ToolSupport", "SwiftWrapCore", "CPosix", "SwiftWrapRecords", "SwiftWrapGen",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings,
            linkerSettings: staticFoundationEssentials),
        .executableTarget(
            name: "stubgen",
            dependencies: ["WrapToolSupport", "ToolSupport", "SwiftWrapCore", "SwiftWrapRecords", "SwiftWrapStubs",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings,
            linkerSettings: staticFoundationEssentials),

        // Test-only driver of the remote cache's HTTP transport (Tests/EndToEnd/test_remote_transport.py
        // and its measurements); never installed.
        .executableTarget(name: "remote-transport-probe", dependencies: ["SwiftWrapCache", "SwiftWrapCore"],
                          path: "Tests/RemoteTransportProbe", swiftSettings: swiftSettings),
        .target(name: "SwiftWrapTestSupport", dependencies: ["SwiftWrapCore"], path: "Tests/SwiftWrapTestSupport",
                swiftSettings: swiftSettings),
        .testTarget(name: "SwiftWrapCoreTests", dependencies: ["SwiftWrapCore", "SwiftWrapTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "SwiftWrapCacheTests", dependencies: ["SwiftWrapCache", "SwiftWrapCore", "SwiftWrapTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "SwiftWrapRecordsTests", dependencies: ["SwiftWrapRecords", "SwiftWrapCore", "SwiftWrapTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "SwiftWrapGenTests", dependencies: ["SwiftWrapGen", "SwiftWrapRecords", "SwiftWrapCore", "SwiftWrapTestSupport"],
                    swiftSettings: swiftSettings),
        // SwiftWrapGen only to build real records from the castxml fixture (RecordJSONReaderTests).
        .testTarget(name: "WrapToolSupportTests", dependencies: ["WrapToolSupport",
                                                                 .product(name: "ArgumentParser", package: "swift-argument-parser")],
                    swiftSettings: swiftSettings),
        .testTarget(name: "SwiftWrapStubsTests", dependencies: ["SwiftWrapStubs", "SwiftWrapGen", "SwiftWrapRecords", "SwiftWrapCore",
                                                                "SwiftWrapTestSupport"],
                    swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
