import SwiftWrapCore

/// Content identity of the castxml binary with the shared libraries that hold its parser, and of
/// the compiler it emulates together with what castxml learns from that compiler.
///
/// Computing an identity reads ~170 MB of libraries and runs the compiler once, so the result is
/// memoised in the cache directory, keyed by path, and trusted while the stat (device, inode, size,
/// mtime, ctime) of every file it covers is unchanged: a hit pays a handful of `stat` calls.
struct ToolIdentity {
    let digest: Digest
    /// The emulated compiler's default include directories, in search order (for shadowing probes).
    let systemIncludeDirectories: [String]
}

struct ToolIdentityResolver {
    let root: LocalCacheRoot
    let start: Timestamp

    /// Identity of the castxml executable: its bytes and those of every shared library it loads.
    /// An executable as given (a path, or a name looked up on `PATH`), found and with symlinks resolved.
    struct Executable {
        let found: String
        let real: String
    }

    static func locate(_ executable: String) throws(CacheError) -> Executable {
        guard let found = FileSystem.findExecutable(executable), let real = FileSystem.realPath(found) else {
            throw .identity(tool: executable, reason: "not found")
        }
        return Executable(found: found, real: real)
    }

    func castxml(_ castxml: Executable, environment: [String]) throws(CacheError) -> ToolIdentity {
        let real = castxml.real
        return try memoised(kind: "castxml", name: ([real] + environment).joined(separator: "\u{0}"),
                            files: { () throws(CacheError) in try [real] + sharedLibraries(of: real) },
                            extra: { () throws(CacheError) in ([], []) })
    }

    /// castxml's default include search list, for command lines without an emulated compiler.
    func castxmlSearchList(_ castxml: Executable) throws(CacheError) -> [String] {
        let found = castxml.found, real = castxml.real
        return try memoised(kind: "castxml-dirs", name: real, files: { () throws(CacheError) in [real] },
                            extra: { () throws(CacheError) in ([], try searchList(castxml: found, compilerGroup: [])) })
            .systemIncludeDirectories
    }

    /// Identity of the emulated compiler: its bytes plus the output of the probe castxml itself runs
    /// (`<cc> <args> -E -dM -v` on an empty C++ file: predefined macros and include directories).
    func compiler(_ cc: CastXMLCommandLine.EmulatedCompiler, castxml: Executable,
                  environment: [String]) throws(CacheError) -> ToolIdentity {
        let compiler = try ToolIdentityResolver.locate(cc.executable)
        let found = compiler.found, real = compiler.real
        let castxmlFound = castxml.found, castxmlReal = castxml.real
        let name = ([cc.option, real, castxmlReal] + cc.arguments + environment).joined(separator: "\u{0}")
        return try memoised(kind: "cc", name: name, files: { () throws(CacheError) in [real, castxmlReal] }, extra: { () throws(CacheError) in
            guard cc.option.hasPrefix("--castxml-cc-gnu") else { return ([], []) }
            let language = cc.option.hasSuffix("-c") ? "c" : "c++"
            let result: Subprocess.Result
            do {
                result = try Subprocess(found, cc.arguments + ["-E", "-dM", "-v", "-x", language, "/dev/null"],
                                        standardOutput: .capture, standardError: .capture).run()
            } catch let error as SubprocessError { throw .subprocess(error) } catch { throw .identity(tool: cc.executable, reason: "\(error)") }
            guard result.termination.succeeded else {
                throw .identity(tool: cc.executable, reason: "probe '-E -dM -v' failed with \(result.termination)")
            }
            var macros = String(decoding: result.standardOutput, as: UTF8.self).split(separator: "\n").map(String.init)
            macros.sort()
            let stderrText = String(decoding: result.standardError, as: UTF8.self)
            let compilerDirectories = ToolIdentityResolver.includeDirectories(fromVerbose: stderrText)
            // castxml's builtin headers are found beside its executable; a wrapper script has none
            // there, and then castxml itself is asked.
            let dirs: [String]
            if let known = ToolIdentityResolver.castxmlSearchList(compilerDirectories: compilerDirectories, castxml: castxmlReal) {
                dirs = known
            } else {
                dirs = try searchList(castxml: castxmlFound, compilerGroup: [cc.option, "(", cc.executable] + cc.arguments + [")"])
            }
            return (macros + ["--"] + [stderrText], dirs)
        })
    }

    /// castxml's search list with an emulated GNU compiler, without starting castxml (which loads
    /// ~170 MB of LLVM): the compiler's directories, where the compiler's own builtin-header
    /// directory (`…/lib/gcc/…/include`) is replaced by castxml's (`<prefix>/share/castxml/clang/include`,
    /// found beside the castxml executable), as `castxml <group> -E -v` prints it.
    static func castxmlSearchList(compilerDirectories: [String], castxml: String) -> [String]? {
        let resource = Path.normalize(Path.directory(of: Path.directory(of: castxml)) + "/share/castxml/clang/include")
        guard FileSystem.exists(resource) else { return nil }
        let builtin = [resource]
        var result: [String] = []
        var placed = false
        for dir in compilerDirectories {
            if dir.contains("/lib/gcc/") && dir.hasSuffix("/include") && !dir.contains("/c++") {
                if !placed { result += builtin; placed = true }
                continue
            }
            result.append(dir)
        }
        return placed ? result : result + builtin
    }

    /// castxml's own include search list (`castxml <group> -E -v`), for castxml without an emulated compiler.
    private func searchList(castxml: String, compilerGroup: [String]) throws(CacheError) -> [String] {
        guard let result = try? Subprocess(castxml, compilerGroup + ["-E", "-v", "-x", "c++", "/dev/null", "-o", "/dev/null"],
                                           standardOutput: .discard, standardError: .capture).run(),
              result.termination.succeeded else {
            throw .identity(tool: castxml, reason: "'castxml -E -v' failed")
        }
        return ToolIdentityResolver.includeDirectories(fromVerbose: String(decoding: result.standardError, as: UTF8.self))
    }

    /// `#include <...> search starts here:` … `End of search list.` from gcc/clang `-v`.
    static func includeDirectories(fromVerbose text: String) -> [String] {
        var dirs: [String] = []
        var inside = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#include") && line.contains("search starts here") { inside = true; continue }
            if line.hasPrefix("End of search list") { break }
            if inside, line.hasPrefix(" ") {
                var dir = line.drop { $0 == " " }
                if let paren = dir.firstRange(of: " (framework directory)") { dir = dir[..<paren.lowerBound] }
                dirs.append(Path.normalize(String(dir)))
            }
        }
        return dirs
    }

    /// Shared libraries castxml loads (`ldd`), resolved to real paths, sorted. None for scripts.
    func sharedLibraries(of binary: String) throws(CacheError) -> [String] {
        let result: Subprocess.Result
        do {
            result = try Subprocess("ldd", [binary], standardOutput: .capture, standardError: .discard).run()
        } catch { return [] }
        guard result.termination.succeeded else { return [] }
        var libraries: Set<String> = []
        for line in String(decoding: result.standardOutput, as: UTF8.self).split(separator: "\n") {
            guard let arrow = line.firstRange(of: "=> ") else { continue }
            let rest = line[arrow.upperBound...]
            let path = rest.split(separator: " ").first.map(String.init) ?? ""
            if Path.isAbsolute(path), let real = FileSystem.realPath(path) { libraries.insert(real) }
        }
        return libraries.sorted()
    }

    /// The memo file holds: `id <digest>`, `dir <path>` lines, and `file <stat> <path>` lines.
    func memoised(kind: String, name: String, files: () throws(CacheError) -> [String],
                          extra: () throws(CacheError) -> ([String], [String])) throws(CacheError) -> ToolIdentity {
        let memoPath = root.identityPath(kind: kind, name: name)
        if let text = try? FileSystem.readText(memoPath), let identity = ToolIdentityResolver.validMemo(text) {
            return identity
        }
        // Single flight: concurrent first runs compute the identity once (without a writable cache, each computes it).
        let lock = try? FileLock(path: memoPath + ".lock")
        defer { lock?.unlock() }
        if lock != nil, let text = try? FileSystem.readText(memoPath), let identity = ToolIdentityResolver.validMemo(text) {
            return identity
        }
        let paths = try files()
        var hasher = SHA256()
        hasher.field(kind)
        var lines: [String] = []
        for path in paths {
            // An ELF build ID stands for the file's bytes (the linker's digest of them); files
            // without one (scripts, stripped builds) are hashed whole.
            let stat: FileStat
            do {
                stat = try FileStat.of(path)
                if let buildID = ElfBuildID.read(path) {
                    hasher.field("elf-build-id")
                    hasher.field(buildID)
                    hasher.field("\(stat.size)")
                } else {
                    hasher.field(try SHA256.hashFile(path).0.bytes)
                }
            } catch { throw .identity(tool: path, reason: error.description) }
            // A file changed during this run is not memoised: its stat could not vouch for the hash.
            if stat.isSettled(before: start) { lines.append("file \(StatCodec.encode(stat)) \(LineEscaping.escape(path))") }
            else { lines.append("file unsettled \(LineEscaping.escape(path))") }
        }
        let (material, directories) = try extra()
        for item in material { hasher.field(item) }
        let digest = hasher.finalize()
        let memo = (["swiftwrap-identity 1", "id \(digest.hex)"] + directories.map { "dir " + LineEscaping.escape($0) } + lines)
            .joined(separator: "\n") + "\n"
        _ = try? AtomicWriter.write(memo, to: memoPath)
        return ToolIdentity(digest: digest, systemIncludeDirectories: directories)
    }

    private static func validMemo(_ text: String) -> ToolIdentity? {
        var digest: Digest?
        var dirs: [String] = []
        var lineNumber = 0
        for line in text.split(separator: "\n") {
            lineNumber += 1
            if lineNumber == 1 { guard line == "swiftwrap-identity 1" else { return nil }; continue }
            if line.hasPrefix("id ") { digest = Digest(hex: line.dropFirst(3)) }
            else if line.hasPrefix("dir ") { guard let d = LineEscaping.unescape(line.dropFirst(4)) else { return nil }; dirs.append(d) }
            else if line.hasPrefix("file ") {
                let fields = line.dropFirst(5).split(separator: " ", maxSplits: 1)
                guard fields.count == 2, let stat = StatCodec.decode(fields[0]),
                      let path = LineEscaping.unescape(fields[1]),
                      let current = try? FileStat.of(path), current == stat else { return nil }
            } else { return nil }
        }
        guard let digest else { return nil }
        return ToolIdentity(digest: digest, systemIncludeDirectories: dirs)
    }
}
