import ArgumentParser
import Glibc
import SwiftWrapCore
import SwiftWrapGen
import SwiftWrapRecords
import ToolSupport
import WrapToolSupport

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
        ProcessHeap.prepare()
        let arguments: [String]
        do {
            arguments = try ResponseFile.expand(Array(CommandLine.arguments.dropFirst()))
        } catch {
            Diagnostics(tool: "wrapgen").usageError(error.description)
        }
        // A plain command line (CMake's) is read without ArgumentParser's reflection; anything else,
        // and every usage message, goes through ArgumentParser (WrapgenOptions+Plain.swift).
        guard let options = WrapgenOptions.plain(arguments) else { return main(arguments) }
        var command = WrapgenCommand()
        command.options = options
        do { try command.run() } catch { exit(withError: error) }
    }

    /// The options (declared in WrapToolSupport, where stubgen reads recorded command lines with them).
    @OptionGroup var options: WrapgenOptions

    /// The checked command line (see `UsageCheck` for why this runs in run(), not validate()).
    func checkedRequest() throws -> ModuleRequest {
        let (submodules, includes, package) = (options.submodules, options.includes, options.package)
        let module = try UsageCheck.required(options.module, "--module")
        let (owner, databaseDirectory) = try options.records.checked()
        let outputDirectory = try UsageCheck.required(options.outputDirectory, "--output-dir")
        guard !submodules.isEmpty else { throw ValidationError("give at least one --submodule NAME=XML") }
        try UsageCheck.identifier(module, flag: "--module")
        if let package { try UsageCheck.identifier(package, flag: "--package") }
        var names = Set<String>()
        for item in submodules {
            guard let (name, path) = Self.split(item), KeyList.isIdentifier(name), !path.isEmpty else {
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
        let (functions, constants) = try ModuleLevelOptions.check(functions: options.functions, constants: options.constants,
                                                                  submodules: names)
        var projectIndexes: [(module: String, path: String)] = []
        for item in options.projectIndexes {
            guard let (name, path) = Self.split(item), KeyList.isIdentifier(name), !path.isEmpty else {
                throw ValidationError("--project-index '\(item)': expected MODULE=IDX with MODULE an identifier")
            }
            projectIndexes.append((name, path))
        }
        var intrusive: [IntrusivePointer] = []
        for item in options.intrusivePointers {
            guard let pointer = IntrusivePointer.parse(item) else {
                throw ValidationError("--intrusive-pointer '\(item)': expected TEMPLATE=GET,REF,UNREF with a qualified template name and three method names, e.g. itk::SmartPointer=GetPointer,Register,UnRegister")
            }
            guard !intrusive.contains(where: { $0.template == pointer.template }) else {
                throw ValidationError("--intrusive-pointer: template '\(pointer.template)' is given twice")
            }
            intrusive.append(pointer)
        }
        let hooks = try Self.hooks(options, submodules: names)
        let subs = submodules.compactMap(Self.split).map { name, path in
            var submodule = ModuleRequest.Submodule(name: name, xmlPath: path,
                                                    includes: includes.compactMap(Self.split).filter { $0.0 == name }.map(\.1))
            submodule.hooks = hooks[name] ?? SubmoduleHooks()
            submodule.functions = functions[name] ?? []
            submodule.constants = constants[name] ?? []
            return submodule
        }
        var request = ModuleRequest(
            module: module, owner: owner, package: package ?? owner, wrappersNamespace: options.wrappersNamespace,
            databaseDirectory: databaseDirectory, outputDirectory: outputDirectory, submodules: subs,
            importedIndexes: options.importedIndexes, depfile: options.depfile, command: CommandLine.arguments,
            workingDirectory: FileSystem.currentDirectory(), projectTypes: options.projectTypes,
            intrusivePointers: intrusive)
        request.projectIndexes = projectIndexes
        request.ownership = try options.ownership.map { item throws(ValidationError) in
            guard let declaration = OwnershipDeclaration.parse(item) else {
                throw ValidationError("--ownership '\(item)': expected KIND=CLASS::METHOD with KIND newobject, disown or invalidates, e.g. newobject=geo::Factory::Make")
            }
            return declaration
        }
        for item in options.buffers {
            guard let (name, size) = Self.split(item), name.split(separator: ".").count == 2,
                  size.contains(where: { $0 != " " }) else {
                throw ValidationError("--buffer '\(item)': expected CLASS.METHOD=SIZE, e.g. Image.getPixelsPtr='self.size()' (CLASS: the Python name of a wrapped class)")
            }
            guard request.buffers.updateValue(size, forKey: name) == nil else {
                throw ValidationError("--buffer: '\(name)' is given twice")
            }
        }
        request.warningsFile = options.warningsFile
        request.docstrings = !options.noDocstrings
        request.warmDatabase = true
        return request
    }

    /// `--swig-code`, `--swig-code-after`, `--director` and `--output-parameter`, by submodule.
    static func hooks(_ options: WrapgenOptions, submodules: Set<String>) throws -> [String: SubmoduleHooks] {
        var result: [String: SubmoduleHooks] = [:]
        func each(_ items: [String], _ flag: String, _ expected: String, _ add: (inout SubmoduleHooks, String) -> Bool) throws {
            for item in items {
                guard let (name, value) = split(item), !value.isEmpty else {
                    throw ValidationError("\(flag) '\(item)': expected NAME=\(expected)")
                }
                guard submodules.contains(name) else { throw ValidationError("\(flag) '\(item)': no --submodule named '\(name)'") }
                guard add(&result[name, default: SubmoduleHooks()], value) else {
                    throw ValidationError("\(flag) '\(item)': expected NAME=\(expected)")
                }
            }
        }
        try each(options.swigCode, "--swig-code", "FILE") { $0.swigCode.append($1); return true }
        try each(options.swigCodeAfter, "--swig-code-after", "FILE") { $0.swigCodeAfter.append($1); return true }
        try each(options.directors, "--director", "CLASS") { hooks, value in
            if !hooks.directors.contains(value) { hooks.directors.append(value) }
            return true
        }
        try each(options.outputParameters, "--output-parameter", "CLASS::METHOD(PARAMETER[,PARAMETER...])") { hooks, value in
            guard let parsed = OutputParameters.parse(value) else { return false }
            hooks.outputParameters.append(parsed)
            return true
        }
        return result
    }

    static func split(_ item: String) -> (String, String)? {
        guard let equals = item.firstIndex(of: "=") else { return nil }
        return (String(item[..<equals]), String(item[item.index(after: equals)...]))
    }

    func run() throws {
        let request = try checkedRequest()
        let diagnostics = Diagnostics(tool: "wrapgen")
        do {
            let plan = try ModuleGenerator.plan(request)
            // The warnings' lines are made on a second thread while the rows are committed, so they
            // are printed once the write is done or has failed: before anything the write reports,
            // the same order as if they came first. One write for the whole summary (hundreds of
            // lines on ITK-sized modules).
            func printSummary() { Diagnostics.writeStandardError(plan.summary.map { $0 + "\n" }.joined()) }
            func reportWarnings() {
                printSummary()
                if let file = request.warningsFile, plan.warningCount > 0 {
                    diagnostics.note("\(plan.warningCount) warning(s) in all, one per use: \(file)")
                }
            }
            if options.warningsAsErrors && plan.warningCount > 0 {   // waits for the warnings' thread
                printSummary()
                diagnostics.error("\(plan.warningCount) warning(s) treated as errors (--warnings-as-errors); nothing was written"
                                  + (request.warningsFile.map { " (without the flag, \($0) lists every one)" } ?? ""))
                throw ExitCode(ToolExit.failure)
            }
            let outcome: ModuleOutcome
            do {
                outcome = try ModuleGenerator.write(plan, request)
            } catch {
                reportWarnings()
                throw error
            }
            reportWarnings()
            for note in outcome.notes { diagnostics.note(note) }
            // Done: exit without freeing the plan (its rows, records and texts: milliseconds of
            // deallocation that the end of the process does at once).
            withExtendedLifetime(plan) { Glibc.exit(0) }
        } catch let error as WrapgenError {
            diagnostics.error(error.description)
            throw ExitCode(ToolExit.failure)
        }
    }
}
