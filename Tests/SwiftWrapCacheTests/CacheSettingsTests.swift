import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
import SwiftWrapCore

/// The cache's rows of the settings table, resolved by SwiftWrapCore's mechanism.
@Suite struct CacheSettingsTests {
    @Test func defaultsThenEnvironmentThenFlags() throws {
        let env = ["HOME": "/home/u", "SWIFTWRAP_CACHE_MODE": "preprocessor", "SWIFTWRAP_CACHE_COMPRESSION": "none"]
        let settings = try CacheSettings(environment: { env[$0] }, flags: [.cacheCompression: "zstd"])
        #expect(settings.string(.cacheDir) == "/home/u/.cache/swiftwrap")
        #expect(settings.origin(.cacheDir) == .defaultValue)
        #expect(settings.string(.cacheMode) == "preprocessor")
        #expect(settings.origin(.cacheMode) == .environment("SWIFTWRAP_CACHE_MODE"))
        #expect(settings.string(.cacheCompression) == "zstd")
        #expect(settings.origin(.cacheCompression) == .flag("--compression"))
        #expect(settings.bool(.cacheDisable) == false)
        #expect(settings[.cacheBaseDir] == nil)
    }

    @Test func xdgCacheHomeWinsOverHome() throws {
        let env = ["HOME": "/home/u", "XDG_CACHE_HOME": "/x"]
        #expect(try CacheSettings(environment: { env[$0] }).string(.cacheDir) == "/x/swiftwrap")
    }

    @Test func booleanSpellings() throws {
        for (text, value) in [("1", true), ("yes", true), ("ON", true), ("0", false), ("off", false)] {
            let env = ["SWIFTWRAP_CACHE_DISABLE": text]
            #expect(try CacheSettings(environment: { env[$0] }).bool(.cacheDisable) == value)
        }
    }

    @Test func invalidValueNamesSettingAndOrigin() {
        let env = ["SWIFTWRAP_CACHE_MODE": "sometimes"]
        #expect(throws: SettingsError.self) { try CacheSettings(environment: { env[$0] }) }
        do {
            _ = try CacheSettings(environment: { env[$0] })
        } catch {
            #expect(error.description.contains("SWIFTWRAP_CACHE_MODE"))
            #expect(error.description.contains("depend, preprocessor"))
        }
    }

    /// docs/configuration.md documents exactly the cache's settings table.
    @Test func configurationDocumentListsEverySetting() throws {
        let doc = try FileSystem.readText(repositoryRoot() + "/docs/configuration.md")
        for setting in CacheSetting.allCases {
            if let env = setting.definition.environmentVariable { #expect(doc.contains("`\(env)`"), "\(env) missing") }
            if let flag = setting.definition.flag { #expect(doc.contains("`\(flag)"), "\(flag) missing") }
            for alias in setting.definition.environmentAliases { #expect(doc.contains("`\(alias)`"), "\(alias) missing") }
        }
    }
}
