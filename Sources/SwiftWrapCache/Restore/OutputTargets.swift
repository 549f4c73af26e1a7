import Glibc
import SwiftWrapCore

/// Where an invocation publishes its files, decided before the cache is read: the `-o` output,
/// castxml's own depfile (`-MD`/`-MF`), castxml-cache's `--depfile` and `--header-digest`.
///
/// The cache publishes by renaming a temporary file over the path. That is only right for a
/// regular file (or a path that does not exist yet): renaming over a character device such as
/// `/dev/null`, a FIFO, a socket or a directory would replace it. Such a path makes the call a
/// bypass: castxml runs directly and writes there itself. A symlink to a regular file is published
/// to its resolved target, so the link stays a link.
struct OutputTargets {
    /// What is known of a target path before the run: its stat (following a symlink), or that it is absent.
    enum Known {
        /// Not looked at yet (or no longer current): stat it again.
        case unknown
        case absent
        case regular(FileStat)
    }

    /// Where the XML is published (the `-o` path, or the file its symlink resolves to).
    var output: String
    /// The output's stat taken by `inspect`; the first lookup uses it instead of a stat of its own.
    var outputState: Known = .unknown
    /// Where castxml's requested depfile (`-MD`/`-MF`) is published, if one was requested.
    var dependencyFile: String?
    var dependencyFileState: Known = .unknown
    /// Where `--depfile FILE` is published, if given.
    var extraDepfile: String?
    var extraDepfileState: Known = .unknown
    /// Where `--header-digest FILE` is published, if given.
    var headerDigest: String?
    var headerDigestState: Known = .unknown

    /// Makes every later step stat the targets again (their stats may be out of date).
    mutating func forgetStates() {
        outputState = .unknown
        dependencyFileState = .unknown
        extraDepfileState = .unknown
        headerDigestState = .unknown
    }

    enum Inspection {
        case publish(OutputTargets)
        /// The reason the call must bypass the cache.
        case bypass(String)
    }

    /// One `lstat` per target (a second `stat` only for a symlink).
    static func inspect(output: String, dependencyFile: String?, extraDepfile: String?, headerDigest: String? = nil) -> Inspection {
        var targets = OutputTargets(output: output)
        switch resolve(output, what: "the -o output") {
        case .refuse(let reason): return .bypass(reason)
        case .publish(let path, let state): (targets.output, targets.outputState) = (path, state)
        }
        if let dependencyFile {
            switch resolve(dependencyFile, what: "the -MD/-MF depfile") {
            case .refuse(let reason): return .bypass(reason)
            case .publish(let path, let state): (targets.dependencyFile, targets.dependencyFileState) = (path, state)
            }
        }
        if let extraDepfile {
            switch resolve(extraDepfile, what: "the --depfile file") {
            case .refuse(let reason): return .bypass(reason)
            case .publish(let path, let state): (targets.extraDepfile, targets.extraDepfileState) = (path, state)
            }
        }
        if let headerDigest {
            switch resolve(headerDigest, what: "the --header-digest file") {
            case .refuse(let reason): return .bypass(reason)
            case .publish(let path, let state): (targets.headerDigest, targets.headerDigestState) = (path, state)
            }
        }
        return .publish(targets)
    }

    /// One path's answer: publish there (and what is known of it), or refuse, saying why.
    private enum Resolution {
        case publish(String, Known)
        case refuse(String)
    }

    /// The path to publish to and what is known of it, or why the cache must not publish there.
    private static func resolve(_ path: String, what: String) -> Resolution {
        if LosslessText.hasEscapes(path) {
            // The publishing steps name their temporary files as text: castxml writes such a path itself.
            return .refuse("\(what) '\(path)' is not valid UTF-8: castxml writes it itself")
        }
        var raw = stat()
        guard lstat(path, &raw) == 0 else {
            // Missing: created by the rename. Other errors: the publishing step reports them.
            return .publish(path, errno == ENOENT ? .absent : .unknown)
        }
        let stat = FileStat(raw)
        if stat.isRegularFile { return .publish(path, .regular(stat)) }
        guard stat.isSymbolicLink else {
            return .refuse("\(what) '\(path)' is \(stat.kindDescription), not a regular file: castxml writes it itself")
        }
        guard let target = FileSystem.realPath(path), let resolved = try? FileStat.of(target) else {
            return .refuse("\(what) '\(path)' is a symlink that does not resolve to an existing file: castxml writes it itself")
        }
        guard resolved.isRegularFile else {
            return .refuse("\(what) '\(path)' is a symlink to \(resolved.kindDescription) '\(target)', not a regular file: castxml writes it itself")
        }
        return .publish(target, .regular(resolved))
    }
}

extension FileStat {
    var isSymbolicLink: Bool { (mode & UInt32(S_IFMT)) == UInt32(S_IFLNK) }

    /// "a character device", "a FIFO", … for messages.
    var kindDescription: String {
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFREG): return "a regular file"
        case UInt32(S_IFDIR): return "a directory"
        case UInt32(S_IFCHR): return "a character device"
        case UInt32(S_IFBLK): return "a block device"
        case UInt32(S_IFIFO): return "a FIFO"
        case UInt32(S_IFSOCK): return "a socket"
        case UInt32(S_IFLNK): return "a symlink"
        default: return "a special file"
        }
    }
}
