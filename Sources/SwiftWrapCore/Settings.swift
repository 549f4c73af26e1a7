/// Where a setting's value came from. Precedence: default < environment < command-line flag.
public enum SettingOrigin: Equatable, Sendable, CustomStringConvertible {
    case defaultValue
    case environment(String)
    case flag(String)

    public var description: String {
        switch self {
        case .defaultValue: return "default"
        case .environment(let name): return "environment \(name)"
        case .flag(let name): return "flag \(name)"
        }
    }
}

/// The one settings table of the package. Every tunable of every tool is a case here, with its
/// environment variable, its flag, its default and its documentation (docs/configuration.md
/// lists exactly these rows; a test keeps the two in step).
public enum Setting: String, CaseIterable, Sendable {
    case cacheDir
    case cacheDisable
    case cacheMode
    case cacheBaseDir
    case cacheTouch
    case cacheCompression
    case cacheLog

    public enum Kind: Sendable, Equatable {
        case bool
        case path
        case choice([String])
    }

    public struct Definition: Sendable {
        public let environmentVariable: String?
        public let flag: String?
        public let kind: Kind
        /// A fixed default; nil when the default is computed (see `defaultValue(environment:)`) or absent.
        public let fixedDefault: String?
        public let summary: String
    }

    public var definition: Definition {
        switch self {
        case .cacheDir:
            return Definition(environmentVariable: "SWIFTWRAP_CACHE_DIR", flag: "--cache-dir", kind: .path,
                              fixedDefault: nil,
                              summary: "Cache directory. Default: $XDG_CACHE_HOME/swiftwrap, else ~/.cache/swiftwrap.")
        case .cacheDisable:
            return Definition(environmentVariable: "SWIFTWRAP_CACHE_DISABLE", flag: "--no-cache", kind: .bool,
                              fixedDefault: "0", summary: "Run castxml directly, neither reading nor writing the cache.")
        case .cacheMode:
            return Definition(environmentVariable: "SWIFTWRAP_CACHE_MODE", flag: "--cache-mode",
                              kind: .choice(["depend", "preprocessor"]), fixedDefault: "depend",
                              summary: "On a direct miss: `depend` takes dependencies from castxml's own -MD output; `preprocessor` first runs `castxml -E` and tries an object keyed by the preprocessed text.")
        case .cacheBaseDir:
            return Definition(environmentVariable: "SWIFTWRAP_CACHE_BASE_DIR", flag: "--base-dir", kind: .path,
                              fixedDefault: nil,
                              summary: "Absolute paths below this directory are keyed, stored and restored relative to the working directory, so other checkouts and sibling build trees share entries. Unset: no relocation.")
        case .cacheTouch:
            return Definition(environmentVariable: "SWIFTWRAP_CACHE_TOUCH", flag: "--touch", kind: .bool,
                              fixedDefault: "0",
                              summary: "Refresh the mtime of an output that already holds the right bytes (for generators without restat). Default: leave it alone.")
        case .cacheCompression:
            return Definition(environmentVariable: "SWIFTWRAP_CACHE_COMPRESSION", flag: "--compression",
                              kind: .choice(["lz4", "zstd", "none"]), fixedDefault: "lz4",
                              summary: "How new cache objects are stored: lz4 (fast to restore), zstd level 1 (smallest), or raw bytes. Objects of any kind are always readable.")
        case .cacheLog:
            return Definition(environmentVariable: "SWIFTWRAP_CACHE_LOG", flag: "--log", kind: .path,
                              fixedDefault: nil,
                              summary: "Append one record per invocation to this file: keys, hit level or miss, and why a miss missed.")
        }
    }

    /// The default value, which for some settings depends on the environment.
    public func defaultValue(environment: (String) -> String?) -> String? {
        switch self {
        case .cacheDir:
            if let xdg = environment("XDG_CACHE_HOME"), !xdg.isEmpty { return xdg + "/swiftwrap" }
            if let home = environment("HOME"), !home.isEmpty { return home + "/.cache/swiftwrap" }
            return nil
        default:
            return definition.fixedDefault
        }
    }
}

/// A value that does not fit its setting.
public struct SettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    public let setting: Setting
    public let value: String
    public let origin: SettingOrigin
    public let expected: String
    public var description: String {
        "invalid value '\(value)' for \(setting.definition.environmentVariable ?? setting.rawValue) (from \(origin)): expected \(expected)"
    }
}

/// Resolved settings: each value knows its origin.
public struct Settings: Sendable {
    public struct Value: Sendable, Equatable {
        public let text: String
        public let origin: SettingOrigin
    }

    private var values: [Setting: Value] = [:]

    /// Resolves every setting: defaults, then environment variables, then flags.
    /// `flags` maps a setting to the text given on the command line.
    public init(environment: (String) -> String? = Environment.value, flags: [Setting: String] = [:]) throws(SettingsError) {
        for setting in Setting.allCases {
            var value: Value? = setting.defaultValue(environment: environment).map { Value(text: $0, origin: .defaultValue) }
            if let name = setting.definition.environmentVariable, let text = environment(name), !text.isEmpty {
                value = Value(text: text, origin: .environment(name))
            }
            if let text = flags[setting] {
                value = Value(text: text, origin: .flag(setting.definition.flag ?? setting.rawValue))
            }
            if let value { try Settings.validate(setting, value) }
            values[setting] = value
        }
    }

    private static func validate(_ setting: Setting, _ value: Value) throws(SettingsError) {
        switch setting.definition.kind {
        case .bool:
            if parseBool(value.text) == nil {
                throw SettingsError(setting: setting, value: value.text, origin: value.origin, expected: "1/0, true/false, yes/no or on/off")
            }
        case .choice(let choices):
            if !choices.contains(value.text) {
                throw SettingsError(setting: setting, value: value.text, origin: value.origin, expected: "one of " + choices.joined(separator: ", "))
            }
        case .path:
            break
        }
    }

    static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: return nil
        }
    }

    public subscript(_ setting: Setting) -> Value? { values[setting] }

    public func string(_ setting: Setting) -> String? { values[setting]?.text }

    public func bool(_ setting: Setting) -> Bool {
        values[setting].flatMap { Settings.parseBool($0.text) } ?? false
    }

    public func origin(_ setting: Setting) -> SettingOrigin? { values[setting]?.origin }
}
