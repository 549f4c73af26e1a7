import SwiftWrapCore
import SwiftWrapRecords

/// What a recorded wrapgen command line says, as wrapgen's own option parser reads it. The stubgen
/// executable supplies the parser (wrapgen's ArgumentParser options, `WrapgenOptions`), so the
/// library needs no ArgumentParser and the options are declared once.
public struct ParsedWrapgenArguments: Sendable, Equatable {
    public var owner: String?
    public var databaseDirectory: String?
    public init(owner: String?, databaseDirectory: String?) {
        self.owner = owner
        self.databaseDirectory = databaseDirectory
    }
}

/// Why recorded arguments are not wrapgen options (the parser's message).
public struct WrapgenArgumentError: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

public typealias WrapgenArgumentParser = @Sendable ([String]) throws(WrapgenArgumentError) -> ParsedWrapgenArguments

/// A stamp's recorded command, checked before stubgen acts on it. A stamp is trusted for what it
/// can only describe: the arguments of a wrapgen run for this owner and this database. Its
/// `argv[0]` is never run (stubgen runs its own `--wrapgen`).
extension StampedModule {
    /// The recorded arguments without `argv[0]`, each `@FILE` replaced by its arguments (relative
    /// paths taken from the recorded working directory, as the recorded run read them).
    func expandedArguments() throws(StubError) -> [String] {
        try expand(Array(stamp.command.dropFirst()), depth: 0)
    }

    private func expand(_ arguments: [String], depth: Int) throws(StubError) -> [String] {
        var result: [String] = []
        for argument in arguments {
            guard argument.hasPrefix("@"), argument.count > 1 else {
                result.append(argument)
                continue
            }
            let file = Path.absolute(String(argument.dropFirst()), base: stamp.workingDirectory)
            guard depth < 8 else { throw .untrustedStamp(stamp: stampPath, reason: "response file '\(file)' is nested too deeply") }
            let text: String
            do { text = try FileSystem.readText(file) } catch {
                throw .untrustedStamp(stamp: stampPath, reason: "its recorded response file cannot be read: \(error)")
            }
            result += try expand(ResponseFile.tokenize(text), depth: depth + 1)
        }
        return result
    }

    /// The expanded arguments, after checking that they parse as wrapgen options and name
    /// `databaseDirectory` (compared as canonical paths) and `owner`.
    func checkedArguments(owner: String, databaseDirectory: String, parser: WrapgenArgumentParser) throws(StubError) -> [String] {
        let arguments = try expandedArguments()
        let parsed: ParsedWrapgenArguments
        do { parsed = try parser(arguments) } catch {
            throw .untrustedStamp(stamp: stampPath, reason: "its recorded arguments are not wrapgen options (\(error.message))")
        }
        let given = Stamp.canonicalPath(databaseDirectory, base: FileSystem.currentDirectory())
        let recorded = parsed.databaseDirectory.map { Stamp.canonicalPath($0, base: stamp.workingDirectory) }
        guard recorded == given else {
            throw .otherDatabase(stamp: stampPath, recorded: recorded, given: given)
        }
        guard parsed.owner == owner else {
            throw .untrustedStamp(stamp: stampPath, reason: "it records --owner '\(parsed.owner ?? "(none)")', stubgen was given --owner '\(owner)'")
        }
        return arguments
    }
}
