import Testing
@testable import SwiftWrapCore

/// Sizes and ages as users write them, and the configuration-file layer of the settings mechanism.
@Suite struct SizeAndSettingsFileTests {
    @Test func sizesFollowCcache() {
        #expect(ByteSize.parse("5G") == 5_000_000_000)
        #expect(ByteSize.parse("5") == 5_000_000_000, "a bare number is GB")
        #expect(ByteSize.parse("0") == 0)
        #expect(ByteSize.parse("500M") == 500_000_000)
        #expect(ByteSize.parse("64k") == 64_000)
        #expect(ByteSize.parse("64K") == 64_000)
        #expect(ByteSize.parse("2T") == 2_000_000_000_000)
        #expect(ByteSize.parse("1Ki") == 1024)
        #expect(ByteSize.parse("3Mi") == 3_145_728)
        #expect(ByteSize.parse("2Gi") == 2_147_483_648)
        #expect(ByteSize.parse("1Ti") == 1_099_511_627_776)
        #expect(ByteSize.parse("1.5G") == 1_500_000_000)
        #expect(ByteSize.parse("500MiB") == 524_288_000)
        #expect(ByteSize.parse(" 5G ") == 5_000_000_000)
        #expect(ByteSize.parse("4096B") == 4096, "B alone: bytes")
        #expect(ByteSize.parse("5GB") == 5_000_000_000)
        for bad in ["", "G", "-1G", "5X", "1e3", "5 G G", "1.2.3M", "abc", "5GG"] {
            #expect(ByteSize.parse(bad) == nil, "\(bad) is not a size")
        }
    }

    @Test func agesNeedAUnit() {
        #expect(Age.parse("30d") == 2_592_000.0)
        #expect(Age.parse("12h") == 43_200.0)
        #expect(Age.parse("90m") == 5_400.0)
        #expect(Age.parse("45s") == 45.0)
        #expect(Age.parse("0.5d") == 43_200.0)
        for bad in ["30", "0", "", "d", "-1d", "3w", "1.5.2h"] {
            #expect(Age.parse(bad) == nil, "\(bad) is not an age")
        }
    }

    @Test func precedenceIsDefaultThenFileThenEnvironmentThenFlag() throws {
        let file = SettingsFile(path: "/c/toy.conf", text: "# comment\n\nlimit = 2G\ncolor = never\n")
        let fromFile = try Settings<FileToy>(environment: { _ in nil }, file: file)
        #expect(fromFile.string(.limit) == "2G")
        #expect(fromFile.bytes(.limit) == 2_000_000_000)
        #expect(fromFile.origin(.limit) == .file(path: "/c/toy.conf", line: 3))
        #expect(fromFile.origin(.color) == .file(path: "/c/toy.conf", line: 4))
        let env = ["TOY_LIMIT": "3G"]
        let fromEnv = try Settings<FileToy>(environment: { env[$0] }, file: file)
        #expect(fromEnv.bytes(.limit) == 3_000_000_000)
        #expect(fromEnv.origin(.limit) == .environment("TOY_LIMIT"))
        let fromFlag = try Settings<FileToy>(environment: { env[$0] }, file: file, flags: [.limit: "4G"])
        #expect(fromFlag.bytes(.limit) == 4_000_000_000)
        #expect(fromFlag.origin(.limit) == .flag("--limit"))
        let defaults = try Settings<FileToy>(environment: { _ in nil })
        #expect(defaults.bytes(.limit) == 5_000_000_000)
        // The file layered in afterwards replaces defaults only.
        #expect(try defaults.layering(file: file).bytes(.limit) == 2_000_000_000)
        #expect(try fromEnv.layering(file: file).bytes(.limit) == 3_000_000_000)
    }

    @Test func badFileLinesNameFileAndLine() {
        #expect(throws: SettingsError.self) { try Settings<FileToy>(environment: { _ in nil }, file: SettingsFile(path: "/c/x.conf", text: "limit = lots\n")) }
        do {
            _ = try Settings<FileToy>(environment: { _ in nil }, file: SettingsFile(path: "/c/x.conf", text: "\nbogus = 1\n"))
            Issue.record("an unknown key must be refused")
        } catch {
            #expect(error.description.contains("/c/x.conf:2"))
            #expect(error.description.contains("bogus"))
        }
        do {
            _ = try Settings<FileToy>(environment: { _ in nil }, file: SettingsFile(path: "/c/x.conf", text: "limit 5G\n"))
            Issue.record("a line without = must be refused")
        } catch {
            #expect(error.description.contains("/c/x.conf:1"))
        }
    }

    @Test func settingAKeyKeepsTheOtherLines() {
        let file = SettingsFile(path: "/c/x.conf", text: "# keep me\ncolor = never\nlimit = 1G\nlimit = 2G\n")
        #expect(file.setting("limit", to: "7G").text == "# keep me\ncolor = never\nlimit = 7G\n")
        #expect(SettingsFile(path: "/c/x.conf", text: "").setting("limit", to: "7G").text == "limit = 7G\n")
    }
}

private enum FileToy: String, SettingKey {
    case limit, color
    var definition: SettingDefinition {
        switch self {
        case .limit:
            return SettingDefinition(environmentVariable: "TOY_LIMIT", flag: "--limit", kind: .size, fixedDefault: "5G",
                                     summary: "A size.", fileKey: "limit")
        case .color:
            return SettingDefinition(environmentVariable: nil, flag: "--color", kind: .choice(["auto", "never"]),
                                     fixedDefault: "auto", summary: "When to colour.", fileKey: "color")
        }
    }
}
