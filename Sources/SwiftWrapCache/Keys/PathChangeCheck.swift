import Glibc
import SwiftWrapCore

/// Before a result is stored: was any directory or symlink on a dependency's path replaced at or
/// after the run's start? Renaming a sibling directory (or a new symlink) over a directory on the
/// path swaps every file below it without touching the files' own stats, so the per-file check
/// cannot see it. The renamed-in directory's or link's own ctime moves, while its mtime (the time
/// its entries last changed) does not.
///
/// A directory whose entries changed during the run (a file created beside a header, the cache's
/// own log, another job's output) has mtime = ctime: that alone is no swap, because whatever
/// entry was replaced is itself on the path (or is the dependency) and carries its own new ctime.
/// So a component counts as changed when its ctime is not before the start and it is a symlink,
/// or a directory whose ctime differs from its mtime (renamed, moved, chmod'ed).
///
/// Every distinct prefix of each dependency's path, as castxml spelled it (made absolute) and as it
/// resolves (`realpath`, which covers the components a symlink leads through), is `lstat`ed once.
/// Only the store step runs this: the hit path gains no system call.
struct PathChangeCheck {
    let start: Timestamp

    /// Why the result must not be stored, or nil when no component changed since `start`.
    func changedComponent(of absolutePaths: [String]) -> String? {
        var seen: Set<String> = []
        for path in absolutePaths {
            var candidates = PathChangeCheck.prefixes(of: path)
            if let real = FileSystem.realPath(path), real != path { candidates += PathChangeCheck.prefixes(of: real) }
            for prefix in candidates where seen.insert(prefix).inserted {
                var raw = stat()
                guard LosslessText.withCPath(prefix, { lstat($0, &raw) }) == 0 else {
                    return "\(prefix) (on the path of \(path)) disappeared while castxml ran"
                }
                let stat = FileStat(raw)
                if stat.ctime < start { continue }
                if stat.isSymbolicLink || !stat.isDirectory || stat.ctime != stat.mtime {
                    let kind = stat.isSymbolicLink ? "symlink" : "directory"
                    return "\(kind) \(prefix) (on the path of \(path)) was replaced or changed while castxml ran"
                }
            }
        }
        return nil
    }

    /// `/a/b/c.h` → `/a`, `/a/b` (the directories and links walked to reach the file; not `/`).
    static func prefixes(of path: String) -> [String] {
        var result: [String] = []
        var index = path.startIndex
        while let slash = path[path.index(after: index)...].firstIndex(of: "/") {
            result.append(String(path[..<slash]))
            index = slash
        }
        return result.filter { !$0.isEmpty }
    }
}
