import Glibc
import SwiftWrapCore

/// The launcher of the SWIG wrapper compiles (`castxml-cache --compile-launcher`): runs the compile
/// command (the user's launcher, e.g. ccache, then the compiler) and, when it succeeds and names a
/// dependency file with `-MF`, drops from that file every header listed in a covered list (the
/// castxml header lists of the submodule and of the modules it depends on). The object depends on
/// those headers through their content digests instead (OBJECT_DEPENDS), so a touched header
/// recompiles nothing; headers no castxml read (SWIG's runtime, Python's) stay tracked by mtime.
/// One process per compile besides the compiler: no Python start (issue 15).
public enum CompileLauncher {
    public struct Invocation: Equatable, Sendable {
        public var covered: [String]
        public var command: [String]
    }

    /// Parses `--covered LIST … -- COMMAND…` (the arguments after `--compile-launcher`); nil when
    /// they do not have that form or the command is empty.
    public static func parse(_ arguments: [String]) -> Invocation? {
        var covered: [String] = []
        var rest = arguments[...]
        while rest.first == "--covered" {
            rest = rest.dropFirst()
            guard let list = rest.first else { return nil }
            covered.append(list)
            rest = rest.dropFirst()
        }
        guard rest.first == "--", rest.count > 1 else { return nil }
        return Invocation(covered: covered, command: Array(rest.dropFirst()))
    }

    /// The `-MF` file of a compile command, if any.
    public static func dependencyFile(of command: [String]) -> String? {
        guard let at = command.firstIndex(of: "-MF"), at + 1 < command.count else { return nil }
        return command[at + 1]
    }

    /// Rewrites `depfile` without the headers the `covered` lists name (compared by resolved path).
    /// A covered list that does not exist (yet) covers nothing. The file is replaced atomically; a
    /// file that is not a regular file is not touched.
    public static func dropCovered(from depfile: String, covered: [String]) throws(CacheError) {
        // A dependency file that is a device, FIFO or socket (e.g. -MF /dev/null) is left alone.
        guard (try? FileStat.ifExists(depfile))??.isRegularFile == true else { return }
        var resolved = Set<String>()
        for list in covered where FileSystem.exists(list) {
            let headers: [String]
            do { headers = try Depfile.parse(LosslessText.decode(try FileSystem.read(list)), path: list) } catch {
                throw .depfile(path: list, reason: "\(error)")
            }
            for header in headers { resolved.insert(FileSystem.realPath(header) ?? header) }
        }
        let text: String
        do { text = LosslessText.decode(try FileSystem.read(depfile)) } catch { throw .depfile(path: depfile, reason: "\(error)") }
        let filtered: String
        do {
            filtered = try Depfile.filtering(text, path: depfile) { !resolved.contains(FileSystem.realPath($0) ?? $0) }
        } catch { throw .depfile(path: depfile, reason: error.message) }
        do {
            let writer = try AtomicWriter(destination: depfile)
            try writer.write(LosslessText.encode(filtered))
            _ = try writer.commit()
        } catch { throw .depfile(path: depfile, reason: "\(error)") }
    }
}
