import SwiftWrapCore

/// What a module stamp says about the wrapgen run that wrote it: the module, the manifests that
/// run writes (`--output-dir D` and each `--submodule S=…` give `D/S.index.txt`), and the command.
public struct StampedModule: Sendable {
    public var stampPath: String
    public var stamp: Stamp
    /// Canonical paths of the manifests the recorded command writes.
    public var manifests: [String]

    public var module: String { stamp.module }

    public static func read(_ path: String) throws(StubError) -> StampedModule {
        let stamp: Stamp
        do { stamp = try Stamp.read(path) } catch { throw .format(error) }
        var outputDirectory: String?, submodules: [String] = []
        // The CMake module runs `wrapgen @<module>.wrapgen.rsp`: read the arguments it holds.
        let recorded = stamp.command.dropFirst().map { argument in
            argument.hasPrefix("@") ? "@" + Path.absolute(String(argument.dropFirst()), base: stamp.workingDirectory) : argument
        }
        let expanded: [String]
        do { expanded = try ResponseFile.expand(recorded) } catch { throw .format(error) }
        var arguments = expanded[...]
        while let argument = arguments.popFirst() {
            var name = argument, value: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            }
            guard name == "--output-dir" || name == "--submodule" else { continue }
            guard let text = value ?? arguments.popFirst() else { break }
            if name == "--output-dir" { outputDirectory = text } else if let equals = text.firstIndex(of: "=") {
                submodules.append(String(text[..<equals]))
            }
        }
        guard let outputDirectory else {
            throw .format(FormatError(path: path, line: nil,
                                      message: "the recorded command has no --output-dir, so stubgen cannot tell which manifests it writes; delete the stamp and rebuild"))
        }
        let directory = Path.absolute(outputDirectory, base: stamp.workingDirectory)
        let manifests = submodules.map { canonical(Path.join(directory, $0 + SubmoduleManifest.suffix)) }
        return StampedModule(stampPath: path, stamp: stamp, manifests: manifests)
    }

    /// The path with symbolic links resolved when it exists, else normalised.
    static func canonical(_ path: String) -> String {
        FileSystem.realPath(path) ?? Path.absolute(path, base: FileSystem.currentDirectory())
    }
}

/// Regenerates lost rows by rerunning the wrapgen command recorded in module stamps.
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

    /// Reruns each module's recorded command in its recorded directory, one after the other.
    public static func rerun(_ modules: [StampedModule]) -> Result {
        var result = Result()
        for module in modules {
            let command = module.stamp.command
            let process = Subprocess(command[0], Array(command.dropFirst()), workingDirectory: module.stamp.workingDirectory,
                                     standardOutput: .capture, standardError: .capture)
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
                result.failures.append("module \(module.module): \(error) (recorded in \(module.stampPath))")
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
