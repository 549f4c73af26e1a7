/// `<Module>.stamp`: written by wrapgen last, after the module's rows are committed.
///
/// It identifies that commit (module, owner, record count, digest of the rows) and carries the
/// exact command that produced it, so stubgen can regenerate lost rows. Format (UTF-8, one field a
/// line, values escaped with `%25`, `%0A`, `%0D`):
///
///     swiftwrap-stamp 1
///     module <name>
///     owner <project>
///     records <count>
///     digest <64 hex digits>
///     cwd <directory>
///     arg <argv[0]>
///     arg <argv[1]>
///     ...
public struct Stamp: Equatable, Sendable {
    public static let header = "swiftwrap-stamp 1"

    public var module: String
    public var owner: String
    public var recordCount: Int
    public var digest: Digest
    public var workingDirectory: String
    public var command: [String]

    public init(module: String, owner: String, recordCount: Int, digest: Digest,
                workingDirectory: String, command: [String]) {
        self.module = module
        self.owner = owner
        self.recordCount = recordCount
        self.digest = digest
        self.workingDirectory = workingDirectory
        self.command = command
    }

    public func render() -> String {
        var lines = [Stamp.header,
                     "module " + LineEscaping.escape(module),
                     "owner " + LineEscaping.escape(owner),
                     "records \(recordCount)",
                     "digest \(digest.hex)",
                     "cwd " + LineEscaping.escape(workingDirectory)]
        lines += command.map { "arg " + LineEscaping.escape($0) }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func parse(_ text: String, path: String) throws(FormatError) -> Stamp {
        var fields: [String: String] = [:]
        var command: [String] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if lineNumber == 1 {
                guard line == header else {
                    throw FormatError(path: path, line: 1, message: "not a swiftwrap stamp (expected '\(header)'); delete it and rebuild")
                }
                continue
            }
            if line.isEmpty { continue }
            guard let space = line.firstIndex(of: " "), let value = LineEscaping.unescape(line[line.index(after: space)...]) else {
                throw FormatError(path: path, line: lineNumber, message: "malformed stamp line; delete the stamp and rebuild")
            }
            let name = String(line[..<space])
            if name == "arg" { command.append(value) } else { fields[name] = value }
        }
        guard let module = fields["module"], let owner = fields["owner"],
              let countText = fields["records"], let count = Int(countText),
              let digestText = fields["digest"], let digest = Digest(hex: digestText),
              let cwd = fields["cwd"], !command.isEmpty else {
            throw FormatError(path: path, line: nil, message: "stamp is missing a field; delete it and rebuild")
        }
        return Stamp(module: module, owner: owner, recordCount: count, digest: digest,
                     workingDirectory: cwd, command: command)
    }

    public static func read(_ path: String) throws(FormatError) -> Stamp {
        let text: String
        do { text = try FileSystem.readText(path) } catch {
            throw FormatError(path: path, line: nil, message: "cannot read stamp: \(error)")
        }
        return try parse(text, path: path)
    }
}
