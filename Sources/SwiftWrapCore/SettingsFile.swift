/// A configuration file: the file layer of `Settings` (default < file < environment < flag).
///
///     # comment
///     max_size = 5G
///
/// One `key = value` per line; blank lines and lines starting with `#` are ignored. The keys are
/// the `fileKey`s of a settings table: an unknown key, or a line without `=`, is an error that names
/// the file and the line. `setting(_:to:)` rewrites one key and keeps every other line as it was.
public struct SettingsFile: Sendable, Equatable {
    public let path: String
    /// The lines as read (without their newline).
    public private(set) var lines: [String]

    public init(path: String, text: String) {
        self.path = path
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    /// The file at `path`; an absent file is an empty one. Unreadable: `FileError`.
    public static func load(_ path: String) throws(FileError) -> SettingsFile {
        do {
            return SettingsFile(path: path, text: try FileSystem.readText(path))
        } catch {
            if error.isNotFound { return SettingsFile(path: path, text: "") }
            throw error
        }
    }

    /// `key = value` of each line that sets something, with its 1-based line number.
    func assignments() throws(SettingsError) -> [(key: String, value: String, line: Int)] {
        var result: [(key: String, value: String, line: Int)] = []
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw SettingsError(setting: "line \(index + 1)", value: line, origin: .file(path: path, line: index + 1),
                                    expected: "a line of the form 'key = value' (or a # comment)")
            }
            let key = String(line[..<eq]).trimmingCharacters()
            let value = String(line[line.index(after: eq)...]).trimmingCharacters()
            result.append((key, value, index + 1))
        }
        return result
    }

    /// The values this file sets for the settings of `Key`'s table (the last line of a key wins).
    func values<Key: SettingKey>(for table: Key.Type) throws(SettingsError) -> [Key: (String, Int)] {
        var byKey: [String: Key] = [:]
        for setting in Key.allCases { if let k = setting.definition.fileKey { byKey[k] = setting } }
        var result: [Key: (String, Int)] = [:]
        for assignment in try assignments() {
            guard let setting = byKey[assignment.key] else {
                throw SettingsError(setting: assignment.key, value: assignment.value,
                                    origin: .file(path: path, line: assignment.line),
                                    expected: "a known key (" + byKey.keys.sorted().joined(separator: ", ") + ")")
            }
            result[setting] = (assignment.value, assignment.line)
        }
        return result
    }

    /// This file with `key` set to `value`: its existing lines for `key` are replaced by one, or a line
    /// is appended; every other line stays as it was.
    public func setting(_ key: String, to value: String) -> SettingsFile {
        var copy = self
        var replaced = false
        copy.lines = lines.compactMap { raw in
            let line = raw.trimmingCharacters()
            guard !line.hasPrefix("#"), let eq = line.firstIndex(of: "="),
                  String(line[..<eq]).trimmingCharacters() == key else { return raw }
            if replaced { return nil }
            replaced = true
            return "\(key) = \(value)"
        }
        if !replaced { copy.lines.append("\(key) = \(value)") }
        return copy
    }

    public var text: String { lines.map { $0 + "\n" }.joined() }

    /// Writes the file atomically.
    public func save() throws(FileError) {
        try AtomicWriter.write(text, to: path)
    }
}

extension Settings {
    /// These settings with `file`'s layer added afterwards: a value that came from the default is
    /// replaced by the file's; environment and flags still win. Lets a tool read its configuration
    /// file only when a setting that lives there is needed (castxml-cache's hit path reads none).
    public func layering(file: SettingsFile) throws(SettingsError) -> Settings {
        var copy = self
        for (setting, (text, line)) in try file.values(for: Key.self) {
            guard copy.values[setting]?.origin ?? .defaultValue == .defaultValue else { continue }
            let value = Value(text: text, origin: .file(path: file.path, line: line))
            try Settings.validate(setting, value)
            copy.values[setting] = value
        }
        return copy
    }
}

extension SettingsError {
    /// A value that does not fit `setting` (for checks a tool makes outside `Settings`).
    public init(invalid value: String, for setting: String, origin: SettingOrigin, expected: String) {
        self.init(setting: setting, value: value, origin: origin, expected: expected)
    }
}
