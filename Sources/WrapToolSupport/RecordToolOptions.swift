import ArgumentParser
import SwiftWrapRecords

/// The options wrapgen and stubgen share: whose records, and where the record database is.
/// Both tools include it with `@OptionGroup`; the flag names and help are defined only here.
public struct RecordToolOptions: ParsableArguments {
    @Option(name: .long, help: "Project that owns the records (rows of other owners are never touched). Required.")
    public var owner: String?

    @Option(name: .customLong("database-dir"), help: "Directory of the shared record database. Required.")
    public var databaseDirectory: String?

    public init() {}

    /// The owner and database directory, after checking that both are given and the owner is an
    /// identifier. Called from `run()` (see `UsageCheck`), so an unknown option is reported first.
    public func checked() throws -> (owner: String, databaseDirectory: String) {
        let owner = try UsageCheck.required(owner, "--owner")
        let databaseDirectory = try UsageCheck.required(databaseDirectory, "--database-dir")
        try UsageCheck.identifier(owner, flag: "--owner")
        return (owner, databaseDirectory)
    }
}

/// Usage checks shared by wrapgen and stubgen. They run in `run()`, not `validate()`:
/// ArgumentParser calls `validate()` before it reports unknown options, and an unknown option is
/// the more useful message. A failed check is a `ValidationError` (usage error, exit 64).
public enum UsageCheck {
    /// The value of a required option, or `missing <flag>`.
    public static func required(_ value: String?, _ flag: String) throws -> String {
        guard let value else { throw ValidationError("missing \(flag)") }
        return value
    }

    /// Module, submodule, owner and package names are identifiers (letters, digits, `_`, not
    /// starting with a digit): they become parts of record keys and file names.
    public static func identifier(_ name: String, flag: String) throws {
        guard KeyList.isIdentifier(name) else {
            throw ValidationError("\(flag) '\(name)' is not an identifier (letters, digits, _)")
        }
    }
}
