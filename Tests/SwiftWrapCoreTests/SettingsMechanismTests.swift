import Testing
@testable import SwiftWrapCore

/// A small table of its own, to check the generic mechanism apart from any tool's rows (the
/// cache's rows are checked in SwiftWrapCacheTests).
private enum ToySetting: String, SettingKey {
    case verbose, output, color

    var definition: SettingDefinition {
        switch self {
        case .verbose:
            return SettingDefinition(environmentVariable: "TOY_VERBOSE", flag: "--verbose", kind: .bool,
                                     fixedDefault: "0", summary: "Talk more.")
        case .output:
            return SettingDefinition(environmentVariable: "TOY_OUTPUT", aliases: ["OLD_OUTPUT", "OLDER_OUTPUT"], flag: nil, kind: .path,
                                     fixedDefault: nil, summary: "Where to write.")
        case .color:
            return SettingDefinition(environmentVariable: nil, flag: "--color", kind: .choice(["auto", "never"]),
                                     fixedDefault: "auto", summary: "When to colour.")
        }
    }
}

@Suite struct SettingsMechanismTests {
    @Test func precedenceIsDefaultThenEnvironmentThenFlag() throws {
        let env = ["TOY_VERBOSE": "yes", "TOY_OUTPUT": ""]
        let settings = try Settings<ToySetting>(environment: { env[$0] }, flags: [.color: "never"])
        #expect(settings.bool(.verbose))
        #expect(settings.origin(.verbose) == .environment("TOY_VERBOSE"))
        #expect(settings[.output] == nil, "an empty environment variable counts as unset")
        #expect(settings.string(.color) == "never")
        #expect(settings.origin(.color) == .flag("--color"))
        let defaults = try Settings<ToySetting>(environment: { _ in nil })
        #expect(defaults.string(.color) == "auto")
        #expect(defaults.origin(.color) == .defaultValue)
        #expect(defaults.bool(.verbose) == false)
    }

    /// Aliases: read when the row's own variable is unset, in order; the origin names the alias.
    @Test func aliasesAnswerWhenTheOwnVariableIsUnset() throws {
        let both = ["OLD_OUTPUT": "/a", "OLDER_OUTPUT": "/b"]
        let viaAlias = try Settings<ToySetting>(environment: { both[$0] })
        #expect(viaAlias.string(.output) == "/a")
        #expect(viaAlias.origin(.output) == .environment("OLD_OUTPUT"))
        let own = ["TOY_OUTPUT": "/own", "OLD_OUTPUT": "/a"]
        #expect(try Settings<ToySetting>(environment: { own[$0] }).origin(.output) == .environment("TOY_OUTPUT"))
        let emptyFirst = ["OLD_OUTPUT": "", "OLDER_OUTPUT": "/b"]
        #expect(try Settings<ToySetting>(environment: { emptyFirst[$0] }).string(.output) == "/b")
    }

    @Test func invalidValuesNameTheirSetting() {
        #expect(throws: SettingsError(setting: "TOY_VERBOSE", value: "maybe", origin: .environment("TOY_VERBOSE"),
                                      expected: "1/0, true/false, yes/no or on/off")) {
            try Settings<ToySetting>(environment: { $0 == "TOY_VERBOSE" ? "maybe" : nil })
        }
        // A setting without an environment variable is named by its case.
        #expect(throws: SettingsError(setting: "color", value: "always", origin: .flag("--color"),
                                      expected: "one of auto, never")) {
            try Settings<ToySetting>(environment: { _ in nil }, flags: [.color: "always"])
        }
    }
}
