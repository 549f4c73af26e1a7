import Glibc
import SwiftWrapCache
import SwiftWrapCore
import ToolSupport

/// castxml-cache's maintenance actions beyond the statistics (`--show-config`, `--inspect`,
/// `--verify`, `--explain`, `--export`, `--import`): each prints its report and exits. The work is
/// the library's (SwiftWrapCache/Operations); this file only chooses the action and the exit code.
enum Actions {
    static let switches: Set<String> = ["--show-config", "--verify", "--explain"]
    static let values: Set<String> = ["--inspect", "--export", "--import", "--used-since"]

    /// Runs the action the options name; returns when they name none.
    static func run(_ options: LeadingOptions, settings: CacheSettings, arguments: [[UInt8]], diagnostics: Diagnostics) {
        if options.switches.contains("--show-config") {
            Diagnostics.writeStandardOutput(ConfigReport.render(settings))
            exit(ToolExit.success)
        }
        if options.values["--used-since"] != nil && options.values["--export"] == nil {
            diagnostics.usageError("--used-since goes with --export FILE")
        }
        if options.switches.contains("--explain") {
            explain(options, settings: settings, arguments: arguments, diagnostics: diagnostics)
        }
        let needsRoot = options.switches.contains("--verify") || options.values["--inspect"] != nil
            || options.values["--export"] != nil || options.values["--import"] != nil
        guard needsRoot else { return }
        guard let dir = settings.string(.cacheDir) else { diagnostics.usageError("no cache directory: set SWIFTWRAP_CACHE_DIR or HOME") }
        let root = LocalCacheRoot(path: dir)
        do throws(CacheOperationError) {
            if let target = options.values["--inspect"] {
                Diagnostics.writeStandardOutput(try Inspect.report(target, root: root, workingDirectory: FileSystem.currentDirectory()))
            } else if options.switches.contains("--verify") {
                let onTerminal = isatty(2) != 0
                var reporter: ((Int, Int) -> Void)?
                if onTerminal { reporter = progress }
                let counts = try Verify.run(root: root, progress: reporter)
                if onTerminal { Diagnostics.writeStandardError("\r\u{1B}[K") }
                Diagnostics.writeStandardOutput(counts.description + "\n")
            } else if let file = options.values["--export"] {
                let counts = try CacheArchive.export(root: root, to: file, usedSince: options.values["--used-since"])
                Diagnostics.writeStandardOutput("exported \(counts) to \(file)\n")
            } else if let file = options.values["--import"] {
                Diagnostics.writeStandardOutput(try CacheArchive.importArchive(file, into: root).description + "\n")
            }
        } catch {
            if case .usage(let message) = error { diagnostics.usageError(message) }
            diagnostics.error(error.description)
            exit(ToolExit.failure)
        }
        exit(ToolExit.success)
    }

    private static func progress(_ done: Int, _ total: Int) {
        Diagnostics.writeStandardError("\rverifying \(done)/\(total)")
    }

    private static func explain(_ options: LeadingOptions, settings: CacheSettings, arguments: [[UInt8]], diagnostics: Diagnostics) -> Never {
        guard !options.rest.isEmpty else { diagnostics.usageError("--explain needs a castxml command: castxml-cache --explain <castxml> <args…>") }
        let request = CastXMLCache.Request(program: arguments[options.restStart], arguments: Array(arguments[(options.restStart + 1)...]),
                                           depfile: options.values["--depfile"])
        do {
            let report = try Explain.run(request: request, settings: settings)
            Diagnostics.writeStandardOutput(report.text)
        } catch {
            diagnostics.error("cannot explain this call: \(error)")
            exit(ToolExit.failure)
        }
        exit(ToolExit.success)
    }
}
