import Glibc
import SwiftWrapCore

extension CastXMLCache.Request {
    /// True when the call asked for outputs castxml cannot write itself (`--header-digest`,
    /// `--depfile-relative-to`): when the cache does not serve such a call, castxml runs as a child
    /// (`CastXMLCache.runUncached`) instead of replacing castxml-cache.
    public var needsDependencyOutputs: Bool { headerDigest != nil || depfileRelativeTo != nil }
}

extension CastXMLCache {
    /// Runs castxml as a child for a call the cache does not serve (disabled, uncacheable, cache
    /// trouble) and then writes the dependency outputs (`DependencyOutputs`) from the files it
    /// read, hashing each. castxml writes its streams and its own `-MD` depfile itself; without a
    /// depfile request of its own it is given one in a temporary file beside the output. A castxml
    /// failure passes through and writes nothing more.
    public static func runUncached(_ request: Request) -> CacheOutcome {
        let cwd = FileSystem.currentDirectory()
        let command = CastXMLCommandLine(arguments: request.arguments, workingDirectory: cwd)
        var arguments = request.arguments
        var temporary: String?
        let depfile: String
        if let own = command.dependencyRequest?.file {
            depfile = own
        } else {
            let near = command.output.map { Path.directory(of: $0) + "/." + Path.fileName(of: $0) } ?? "./.castxml"
            depfile = near + ".swiftwrap-\(getpid()).d"
            temporary = depfile
            arguments += ["-MD", "-MF", depfile]
        }
        defer { if let temporary { unlink(temporary) } }
        let run: Subprocess.Result
        do {
            run = try Subprocess(request.castxml, arguments).run()
        } catch {
            return .failed(message: "\(error)")
        }
        guard run.termination.succeeded else { return .finished(status: run.termination, standardOutput: [], standardError: []) }
        do throws(CacheError) {
            let dependencies = DependencyOutputs.unique(try CacheContext.readDependencyFile(depfile))
            var digests: [Digest] = []
            for path in dependencies {
                do { digests.append(try SHA256.hashFile(path).0) } catch { throw .file(error) }
            }
            if let file = request.depfile {
                let text = DependencyOutputs.renderDepfile(output: command.output ?? "-", dependencies: dependencies,
                                                           workingDirectory: cwd, relativeTo: request.depfileRelativeTo)
                do { _ = try AtomicWriter.write(LosslessText.encode(text), to: file) } catch { throw .file(error) }
            }
            if let file = request.headerDigest {
                let text = DependencyOutputs.renderDigest(paths: dependencies, digests: digests)
                do { _ = try AtomicWriter.write(LosslessText.encode(text), to: file) } catch { throw .file(error) }
            }
        } catch {
            return .failed(message: "castxml succeeded, but its dependency outputs cannot be written: \(error)")
        }
        return .finished(status: run.termination, standardOutput: [], standardError: [])
    }
}
