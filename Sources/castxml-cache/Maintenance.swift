import Glibc
import SwiftWrapCache
import SwiftWrapCore
import ToolSupport

/// castxml-cache's maintenance actions on the primary cache root: `--max-size` (or `-M`) without a
/// castxml command saves the cap in the root's configuration file; `--clear`/`-C`,
/// `--evict-older-than AGE`, `--evict DAYS`, `--cleanup`, `--zero-stats`/`-z` and
/// `--show-stats`/`-s` (`--json`). They run in that order and the tool exits; a castxml command
/// after them is not run.
enum Maintenance {
    static let switchOptions: Set<String> = ["--show-stats", "--zero-stats", "--json", "--cleanup", "--clear"]
    static let valueOptions: Set<String> = ["--evict-older-than", "--evict"]
    static let aliases = ["-s": "--show-stats", "-z": "--zero-stats", "-C": "--clear", "-M": "--max-size"]

    /// Runs the requested actions and exits; returns when none was requested.
    static func runIfRequested(_ options: LeadingOptions, settings: CacheSettings) {
        let saveSize = options.rest.isEmpty ? options.settingFlags[.cacheMaxSize] : nil
        let actions = ["--show-stats", "--zero-stats", "--cleanup", "--clear"].filter { options.switches.contains($0) }
            + valueOptions.filter { options.values[$0] != nil }
        if options.switches.contains("--json") && !options.switches.contains("--show-stats") {
            diagnostics.usageError("--json goes with --show-stats")
        }
        guard saveSize != nil || !actions.isEmpty else { return }
        guard let dir = settings.string(.cacheDir) else { diagnostics.usageError("no cache directory: set SWIFTWRAP_CACHE_DIR or HOME") }
        let root = CacheRoots(setting: dir).primary
        let maintenance = CacheMaintenance(root: root, settings: settings)
        let age = options.values["--evict-older-than"].map { text -> Double in
            guard let seconds = Age.parse(text) else { diagnostics.usageError("invalid --evict-older-than '\(text)': expected \(Age.expected)") }
            return seconds
        }
        let days = options.values["--evict"].map { text -> Double in
            guard let value = Double(text), value >= 0, !text.contains("e"), !text.contains("n") else {
                diagnostics.usageError("invalid --evict '\(text)': expected a number of days such as 7 or 0.5")
            }
            return value
        }
        do throws(CacheError) {
            if let saveSize {
                try maintenance.saveMaxSize(saveSize)
                say("Set max_size = \(saveSize) in \(root.configurationPath)")
            }
            if options.switches.contains("--clear") {
                let result = try maintenance.clear()
                say("Cleared \(root.path): removed \(result.removedFiles) files")
            }
            if let age { report("--evict-older-than", try maintenance.evict(olderThan: age), root) }
            if let days { report("--evict", try maintenance.evict(days: days), root) }
            if options.switches.contains("--cleanup") {
                let (result, leftovers) = try maintenance.cleanup()
                report("--cleanup", result, root)
                if !leftovers.isEmpty { say("--cleanup: removed \(leftovers.count) leftover temporary files or old layouts") }
            }
            if options.switches.contains("--zero-stats") {
                do { try Statistics(root: root).zero() } catch { throw .file(error) }
                say("Statistics zeroed in \(root.path)")
            }
            if options.switches.contains("--show-stats") {
                let status = try maintenance.status()
                say(options.switches.contains("--json") ? StatisticsReport.json(status) : StatisticsReport.render(status), newline: false)
            }
        } catch {
            diagnostics.error("cache directory '\(root.path)': \(error); check its permissions, or choose another with --cache-dir / SWIFTWRAP_CACHE_DIR")
            exit(ToolExit.failure)
        }
        exit(ToolExit.success)
    }

    private static func report(_ action: String, _ result: CacheMaintenance.Result, _ root: LocalCacheRoot) {
        if result.skipped {
            say("\(action): nothing stored in \(root.path) since the last eviction; nothing to do")
            return
        }
        say("\(action): removed \(result.removedFiles) files (\(ByteSize.describe(result.removedBytes))) from \(root.path); cache size now \(ByteSize.describe(result.usageBytes))")
    }

    private static func say(_ text: String, newline: Bool = true) {
        Diagnostics.writeStandardOutput(newline ? text + "\n" : text)
    }
}
