/// The settings mechanism, generic over a tool family's table: one table of rows (a `SettingKey`
/// enum), resolved with precedence default < configuration file < environment (the row's variable,
/// then its aliases) < command-line flag, each value knowing its origin, bool / path / choice / size
/// values checked when resolved. The rows live beside the tool
/// that reads them (castxml-cache's: `CacheSetting` in SwiftWrapCache); nothing tool-specific here.

/// Where a setting's value came from. Precedence: default < configuration file < environment <
/// command-line flag.
public enum SettingOrigin: Equatable, Sendable, CustomStringConvertible {
    case defaultValue
    /// A configuration file (`SettingsFile`) and the line that set the value.
    case file(path: String, line: Int)
    case environment(String)
    case flag(String)

    public var description: String {
        switch self {
        case .defaultValue: return "default"
        case .file(let path, let line): return "\(path):\(line)"
        case .environment(let name): return "environment \(name)"
        case .flag(let name): return "flag \(name)"
        }
    }
}

/// What values a setting accepts.
public enum SettingKind: Sendable, Equatable {
    case bool
    case path
    case choice([String])
    /// A byte count as `ByteSize` parses it (`5G`, `500Mi`, `0`).
    case size
    /// A non-negative whole number (`1000`).
    case count
    /// A URL with one of these schemes and no user information (`SettingURL`).
    case url([String])
}

/// One row of a settings table: its environment variable (and other names it answers to), its
/// flag, its kind, its default and its documentation.
public struct SettingDefinition: Sendable {
    public let environmentVariable: String?
    /// Other environment variables read as this setting (another tool's names, for drop-in
    /// compatibility), in order. The row's own variable wins over them; the first alias that is set
    /// wins over later ones. The origin of a value read from an alias names the alias.
    public let environmentAliases: [String]
    public let flag: String?
    public let kind: SettingKind
    /// A fixed default; nil when the default is computed (see `SettingKey.defaultValue(environment:)`)
    /// or absent.
    public let fixedDefault: String?
    public let summary: String
    /// The key of this setting in a configuration file (`SettingsFile`); nil: not settable there.
    public let fileKey: String?

    public init(environmentVariable: String?, aliases: [String] = [], flag: String?, kind: SettingKind,
                fixedDefault: String?, summary: String, fileKey: String? = nil) {
        self.environmentVariable = environmentVariable
        self.environmentAliases = aliases
        self.flag = flag
        self.kind = kind
        self.fixedDefault = fixedDefault
        self.summary = summary
        self.fileKey = fileKey
    }
}

/// A settings table: each case is one setting, described by its `definition`.
public protocol SettingKey: Hashable, CaseIterable, Sendable, RawRepresentable where RawValue == String {
    var definition: SettingDefinition { get }
    /// The default value, which for some settings depends on the environment.
    func defaultValue(environment: (String) -> String?) -> String?
}

extension SettingKey {
    public func defaultValue(environment: (String) -> String?) -> String? { definition.fixedDefault }
}

/// A value that does not fit its setting.
public struct SettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The setting's environment variable, else its name in the table.
    public let setting: String
    public let value: String
    public let origin: SettingOrigin
    public let expected: String
    public var description: String {
        "invalid value '\(value)' for \(setting) (from \(origin)): expected \(expected)"
    }
}

/// Resolved settings of one table: each value knows its origin.
public struct Settings<Key: SettingKey>: Sendable {
    public struct Value: Sendable, Equatable {
        public let text: String
        public let origin: SettingOrigin
    }

    var values: [Key: Value] = [:]

    /// Resolves every setting of the table: defaults, then the configuration file, then environment
    /// variables, then flags. `flags` maps a setting to the text given on the command line; `file`
    /// is a parsed configuration file (its keys are checked against the table: an unknown key is an
    /// error naming the file and line).
    public init(environment: (String) -> String? = Environment.value, file: SettingsFile? = nil,
                flags: [Key: String] = [:]) throws(SettingsError) {
        let fromFile = try file?.values(for: Key.self) ?? [:]
        for setting in Key.allCases {
            var value: Value? = setting.defaultValue(environment: environment).map { Value(text: $0, origin: .defaultValue) }
            if let (text, line) = fromFile[setting], let file {
                value = Value(text: text, origin: .file(path: file.path, line: line))
            }
            let names = (setting.definition.environmentVariable.map { [$0] } ?? []) + setting.definition.environmentAliases
            for name in names {
                if let text = environment(name), !text.isEmpty {
                    value = Value(text: text, origin: .environment(name))
                    break
                }
            }
            if let text = flags[setting] {
                value = Value(text: text, origin: .flag(setting.definition.flag ?? setting.rawValue))
            }
            if let value { try Settings.validate(setting, value) }
            values[setting] = value
        }
    }

    static func validate(_ setting: Key, _ value: Value) throws(SettingsError) {
        func invalid(_ expected: String) -> SettingsError {
            SettingsError(setting: setting.definition.environmentVariable ?? setting.rawValue, value: value.text,
                          origin: value.origin, expected: expected)
        }
        switch setting.definition.kind {
        case .bool:
            if SettingText.parseBool(value.text) == nil { throw invalid("1/0, true/false, yes/no or on/off") }
        case .choice(let choices):
            if !choices.contains(value.text) { throw invalid("one of " + choices.joined(separator: ", ")) }
        case .size:
            if ByteSize.parse(value.text) == nil { throw invalid(ByteSize.expected) }
        case .count:
            if SettingText.parseCount(value.text) == nil { throw invalid("a whole number such as 1000") }
        case .url(let schemes):
            if let problem = SettingURL.problem(value.text, schemes: schemes) {
                // User information may hold a password: never echo it.
                throw SettingsError(setting: setting.definition.environmentVariable ?? setting.rawValue,
                                    value: SettingURL.redacted(value.text), origin: value.origin, expected: problem)
            }
        case .path:
            break
        }
    }

    /// The value of a `.size` setting in bytes (nil: unset or not a size).
    public func bytes(_ setting: Key) -> Int64? {
        values[setting].flatMap { ByteSize.parse($0.text) }
    }

    public subscript(_ setting: Key) -> Value? { values[setting] }

    public func string(_ setting: Key) -> String? { values[setting]?.text }

    public func bool(_ setting: Key) -> Bool {
        values[setting].flatMap { SettingText.parseBool($0.text) } ?? false
    }

    public func origin(_ setting: Key) -> SettingOrigin? { values[setting]?.origin }

    /// The value of a `.count` setting (nil: unset or not a count).
    public func count(_ setting: Key) -> Int? {
        values[setting].flatMap { SettingText.parseCount($0.text) }
    }
}

/// Parsing of setting texts, shared by every table.
enum SettingText {
    static func parseCount(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 12, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }

    static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: return nil
        }
    }
}
