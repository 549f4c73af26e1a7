import ArgumentParser
import SwiftWrapCore
import SwiftWrapRecords
import ToolSupport

@main
struct WrapgenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wrapgen",
        abstract: "Turn CastXML XML into class records, manifests, SWIG interfaces and a module stamp.",
        discussion: """
            One run per module. Reads each submodule's CastXML XML, replaces the module's rows in the
            record database (<database-dir>/\(RecordStore.fileName)), writes <sub>.idx, <sub>.index.txt and
            <sub>.i into the output directory (only when their bytes change), then <module>.stamp.
            Arguments may come from a response file, @FILE, one argument per line. See docs/cli.md.
            """,
        version: SwiftWrapVersion.string)

    /// Expands `@FILE` arguments (one argument per line) before parsing; the stamp keeps the
    /// command as given, so a repair rerun reads the same response file.
    static func main() {
        do {
            main(try ResponseFile.expand(Array(CommandLine.arguments.dropFirst())))
        } catch {
            Diagnostics(tool: "wrapgen").usageError(error.description)
        }
    }

    @Option(name: .long, help: "Name of the wrapped module (names the stamp <module>.stamp). Required.")
    var module: String?

    @Option(name: .long, help: "Project that owns the records (rows of other owners are never touched). Required.")
    var owner: String?

    @Option(name: .customLong("database-dir"), help: "Directory of the shared record database. Required.")
    var databaseDirectory: String?

    @Option(name: .customLong("output-dir"), help: "Directory for the .i, .idx, .index.txt files and the stamp. Required.")
    var outputDirectory: String?

    @Option(name: .customLong("submodule"), help: "A submodule and its CastXML output, as NAME=XML (repeat, in order).")
    var submodules: [String] = []

    @Option(name: .customLong("include"), help: "A header the submodule's .i includes, as NAME=HEADER (repeat).")
    var includes: [String] = []

    @Option(name: .customLong("import-idx"), help: "The .idx file of a submodule of a dependency module (repeat).")
    var importedIndexes: [String] = []

    @Option(name: .long, help: "Python package of the SWIG modules (default: the owner).")
    var package: String?

    @Option(name: .customLong("wrappers-namespace"), help: "Namespace whose typedefs name the wrapped types.")
    var wrappersNamespace = "_wrapping_::wrappers"

    @Option(name: .long, help: "Write a Makefile depfile listing every XML and .idx file read.")
    var depfile: String?

    @Flag(name: .customLong("warnings-as-errors"), help: "Fail, writing nothing, when there is any warning.")
    var warningsAsErrors = false

    /// Checked in run(), not validate(): ArgumentParser calls validate() before it reports unknown
    /// options, and an unknown option is the more useful message.
    func checkUsage() throws {
        for (value, flag) in [(module, "--module"), (owner, "--owner"), (databaseDirectory, "--database-dir"),
                              (outputDirectory, "--output-dir")] where value == nil {
            throw ValidationError("missing \(flag)")
        }
        guard !submodules.isEmpty else { throw ValidationError("give at least one --submodule NAME=XML") }
        for name in [module!, owner!] + (package.map { [$0] } ?? []) where !Self.isIdentifier(name) {
            throw ValidationError("'\(name)' is not an identifier (letters, digits, _)")
        }
        var names = Set<String>()
        for item in submodules {
            guard let (name, path) = Self.split(item), Self.isIdentifier(name), !path.isEmpty else {
                throw ValidationError("--submodule '\(item)': expected NAME=XML with NAME an identifier")
            }
            guard names.insert(name).inserted else { throw ValidationError("submodule '\(name)' is given twice") }
        }
        for item in includes {
            guard let (name, header) = Self.split(item), !header.isEmpty else {
                throw ValidationError("--include '\(item)': expected NAME=HEADER")
            }
            guard names.contains(name) else { throw ValidationError("--include '\(item)': no --submodule named '\(name)'") }
        }
    }

    static func split(_ item: String) -> (String, String)? {
        guard let equals = item.firstIndex(of: "=") else { return nil }
        return (String(item[..<equals]), String(item[item.index(after: equals)...]))
    }

    static func isIdentifier(_ name: String) -> Bool { IndexManifest.isValidKey(name + ".x") }

    func run() throws {
        try checkUsage()
        let diagnostics = Diagnostics(tool: "wrapgen")
        let subs = submodules.compactMap(Self.split).map { name, path in
            ModuleRequest.Submodule(name: name, xmlPath: path,
                                    includes: includes.compactMap(Self.split).filter { $0.0 == name }.map(\.1))
        }
        // validate() has checked that the required options are present.
        let request = ModuleRequest(
            module: module!, owner: owner!, package: package ?? owner!, wrappersNamespace: wrappersNamespace,
            databaseDirectory: databaseDirectory!, outputDirectory: outputDirectory!, submodules: subs,
            importedIndexes: importedIndexes, depfile: depfile, command: CommandLine.arguments,
            workingDirectory: FileSystem.currentDirectory())
        do {
            let plan = try ModuleGenerator.plan(request)
            for warning in plan.warnings { Diagnostics.writeStandardError(warning.description + "\n") }
            if warningsAsErrors && !plan.warnings.isEmpty {
                diagnostics.error("\(plan.warnings.count) warning(s) treated as errors (--warnings-as-errors); nothing was written")
                throw ExitCode(ToolExit.failure)
            }
            let outcome = try ModuleGenerator.write(plan, request)
            for note in outcome.notes { diagnostics.note(note) }
        } catch let error as WrapgenError {
            diagnostics.error(error.description)
            throw ExitCode(ToolExit.failure)
        }
    }
}
