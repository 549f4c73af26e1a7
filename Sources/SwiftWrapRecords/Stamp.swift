import SwiftWrapCore

/// `<Module>.stamp`: written by wrapgen last, after the module's rows are committed.
///
/// It identifies that commit (module, owner, record count, digest of the rows), lists the key
/// lists (`<submodule>.index.txt`, "manifests") the run wrote, and carries the exact command that
/// produced it, so stubgen can find the module that writes a manifest and rerun it to regenerate
/// lost rows. Format (UTF-8, one field a line, values escaped with `%25`, `%0A`, `%0D`):
///
///     swiftwrap-stamp 2
///     module <name>
///     owner <project>
///     records <count>
///     digest <64 hex digits>
///     cwd <directory>
///     manifest <path of the first submodule's .index.txt>
///     manifest <path of the next one>
///     ...
///     arg <argv[0]>
///     arg <argv[1]>
///     ...
///
/// `manifest` paths are absolute and canonical (`Stamp.canonicalPath`: symbolic links resolved),
/// one per submodule in `--submodule` order. Version 1 had no `manifest` lines (stubgen parsed
/// the recorded command instead); a version-1 stamp is rejected with advice to rebuild.
public struct Stamp: Equatable, Sendable {
    public static let version = 2
    public static let header = "swiftwrap-stamp \(version)"

    public var module: String
    public var owner: String
    public var recordCount: Int
    public var digest: Digest
    public var workingDirectory: String
    /// Canonical paths of the key lists (`<submodule>.index.txt`) the run wrote.
    public var manifests: [String]
    public var command: [String]

    public init(module: String, owner: String, recordCount: Int, digest: Digest,
                workingDirectory: String, manifests: [String], command: [String]) {
        self.module = module
        self.owner = owner
        self.recordCount = recordCount
        self.digest = digest
        self.workingDirectory = workingDirectory
        self.manifests = manifests
        self.command = command
    }

    /// The form in which stamps list paths and stubgen compares them: absolute, with symbolic
    /// links resolved when the path exists, else normalised (relative paths are taken from `base`).
    public static func canonicalPath(_ path: String, base: String) -> String {
        let absolute = Path.absolute(path, base: base)
        return FileSystem.realPath(absolute) ?? absolute
    }

    public func render() -> String {
        var lines = [Stamp.header,
                     "module " + LineEscaping.escape(module),
                     "owner " + LineEscaping.escape(owner),
                     "records \(recordCount)",
                     "digest \(digest.hex)",
                     "cwd " + LineEscaping.escape(workingDirectory)]
        lines += manifests.map { "manifest " + LineEscaping.escape($0) }
        lines += command.map { "arg " + LineEscaping.escape($0) }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func parse(_ text: String, path: String) throws(FormatError) -> Stamp {
        var fields: [String: String] = [:]
        var manifests: [String] = []
        var command: [String] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if lineNumber == 1 {
                try checkHeader(line, path: path)
                continue
            }
            if line.isEmpty { continue }
            guard let space = line.firstIndex(of: " "), let value = LineEscaping.unescape(line[line.index(after: space)...]) else {
                throw FormatError(path: path, line: lineNumber, message: "malformed stamp line; delete the stamp and rebuild")
            }
            switch line[..<space] {
            case "arg": command.append(value)
            case "manifest": manifests.append(value)
            default: fields[String(line[..<space])] = value
            }
        }
        guard let module = fields["module"], let owner = fields["owner"],
              let countText = fields["records"], let count = Int(countText),
              let digestText = fields["digest"], let digest = Digest(hex: digestText),
              let cwd = fields["cwd"], !manifests.isEmpty, !command.isEmpty else {
            throw FormatError(path: path, line: nil, message: "stamp is missing a field; delete it and rebuild")
        }
        return Stamp(module: module, owner: owner, recordCount: count, digest: digest,
                     workingDirectory: cwd, manifests: manifests, command: command)
    }

    private static func checkHeader(_ line: Substring, path: String) throws(FormatError) {
        if line == header { return }
        if line.hasPrefix("swiftwrap-stamp ") {
            throw FormatError(path: path, line: 1, message: "stamp format '\(line)' is not the format this version reads ('\(header)', which lists the manifests the module writes); it was written by another version of wrapgen: delete the stamp and rebuild (or rerun this module's wrapgen step), which writes the current format")
        }
        throw FormatError(path: path, line: 1, message: "not a swiftwrap stamp (expected '\(header)'); delete it and rebuild")
    }

    public static func read(_ path: String) throws(FormatError) -> Stamp {
        try parse(FormatError.readText(path, "stamp"), path: path)
    }
}
