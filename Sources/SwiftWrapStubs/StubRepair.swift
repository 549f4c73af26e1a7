import SwiftWrapCore
import SwiftWrapRecords

/// A module stamp given to stubgen: where it is, and what it says about the wrapgen run that
/// wrote it (the module, the manifests that run writes, the command to rerun).
public struct StampedModule: Sendable {
    public var stampPath: String
    public var stamp: Stamp

    public var module: String { stamp.module }
    /// Canonical paths of the manifests the module's wrapgen run writes (listed in the stamp).
    public var manifests: [String] { stamp.manifests }

    public static func read(_ path: String) throws(StubError) -> StampedModule {
        do { return StampedModule(stampPath: path, stamp: try Stamp.read(path)) } catch { throw .format(error) }
    }

    /// A manifest path as given to stubgen, in the form stamps list them.
    static func canonical(_ path: String) -> String {
        Stamp.canonicalPath(path, base: FileSystem.currentDirectory())
    }
}

/// Regenerates lost rows by running wrapgen again with the arguments recorded in module stamps.
public enum StubRepair {
    public struct Result: Sendable {
        /// Modules whose wrapgen was rerun successfully.
        public var regenerated: [String] = []
        /// Why the others could not be regenerated.
        public var failures: [String] = []
        public var failedModules: [String] = []
    }

    /// The stamped modules that write any of `manifests` (paths as given), sorted by module; and
    /// the manifests no stamp covers.
    public static func modules(writing manifests: [String], stamps: [StampedModule]) -> (modules: [StampedModule], uncovered: [String]) {
        var chosen: [String: StampedModule] = [:], uncovered: [String] = []
        for manifest in manifests {
            let path = StampedModule.canonical(manifest)
            let writers = stamps.filter { $0.manifests.contains(path) }
            if writers.isEmpty { uncovered.append(manifest) }
            for writer in writers { chosen[writer.stampPath] = writer }
        }
        return (chosen.values.sorted { ($0.module, $0.stampPath) < ($1.module, $1.stampPath) }, uncovered)
    }

    /// Runs `wrapgen` (stubgen's own, never the stamp's `argv[0]`) with each module's checked,
    /// expanded arguments in its recorded directory, one module after the other.
    public static func rerun(_ modules: [(module: StampedModule, arguments: [String])], wrapgen: String) -> Result {
        var result = Result()
        for (module, arguments) in modules {
            let process = Subprocess(wrapgen, arguments, workingDirectory: module.stamp.workingDirectory,
                                     standardOutput: .capture, standardError: .capture)
            let command = [wrapgen] + arguments
            do {
                let outcome = try process.run()
                if outcome.termination.succeeded {
                    result.regenerated.append(module.module)
                } else {
                    let stderr = String(decoding: outcome.standardError, as: UTF8.self)
                        .split(separator: "\n").suffix(5).joined(separator: "\n    ")
                    result.failedModules.append(module.module)
                    result.failures.append("module \(module.module): '\(shellQuoted(command))' (in \(module.stamp.workingDirectory)) failed with \(outcome.termination)" + (stderr.isEmpty ? "" : ":\n    " + stderr))
                }
            } catch {
                result.failedModules.append(module.module)
                result.failures.append("module \(module.module): \(error) (arguments recorded in \(module.stampPath))")
            }
        }
        return result
    }

    static func shellQuoted(_ command: [String]) -> String {
        command.map { argument in
            argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:+,@".contains($0) } && !argument.isEmpty
                ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
