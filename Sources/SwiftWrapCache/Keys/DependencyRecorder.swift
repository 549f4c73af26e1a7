import Glibc
import SwiftWrapCore

extension FileStat {
    /// Whether this stat can vouch for the file's content: its ctime, which every write, rename and
    /// link moves and nobody can set, is before the run's start. The mtime is not asked: a file
    /// merely stamped in the future (an archive, another machine's clock) is settled once its ctime
    /// is past, and any later write moves the ctime again.
    func contentSettled(before start: Timestamp) -> Bool { ctime < start }

    /// Why a dependency whose ctime is not before the start cannot be stored (ccache's "too new").
    static func tooNewReason(_ path: String, _ stat: FileStat) -> String {
        if Timestamp.now() < stat.ctime {
            return "\(path) has a change time in the future (\(stat.ctime)): too new to cache until the clock passes it"
        }
        return "\(path) changed after this call started (while castxml ran): too new to cache"
    }
}

/// Builds a direct-index entry's dependency list from what castxml read (its `-MD` depfile): every
/// file with its content hash, and the include-path probes that must keep failing. Checking an
/// entry later is `DependencyChecker`'s job.
struct DependencyRecorder {
    let root: LocalCacheRoot
    let relocator: Relocator
    let hasher: FileHasher
    let start: Timestamp

    struct Recorded {
        var files: [DirectIndexEntry.File]
        var probes: [DirectIndexEntry.ProbeDirectory]
        /// Why the result must not be stored (an input changed during the run, a time macro), if so.
        var unstorableReason: String?
    }

    /// The hashed dependencies of one run, in depfile order (duplicates dropped).
    private struct Hashed {
        var files: [DirectIndexEntry.File] = []
        var absolutes: [String] = []
        var facts: [FileFacts] = []
        var unstorable: String?
    }

    /// Include search directories castxml uses, in order: the command line's, then `CPATH`,
    /// `CPLUS_INCLUDE_PATH`, `C_INCLUDE_PATH`, then the tools' own (`systemDirectories`).
    static func searchDirectories(_ command: CastXMLCommandLine, systemDirectories: [String], workingDirectory: String) -> [String] {
        var dirs = command.searchDirectories
        for name in ["CPATH", "CPLUS_INCLUDE_PATH", "C_INCLUDE_PATH"] {
            for d in (Environment.value(name) ?? "").split(separator: ":") { dirs.append(Path.absolute(String(d), base: workingDirectory)) }
        }
        return dirs + systemDirectories
    }

    /// Hashes every dependency (paths as castxml spelled them) and computes the negative probes:
    /// a header's name must stay absent wherever a new file would be found before it —
    /// every earlier search directory, the directory of any user header or of the source (quoted
    /// includes look there first), and, for `__has_include` names in user headers, everywhere.
    ///
    /// `pathCheck`, when given, runs after every file was hashed: a directory or symlink on a
    /// dependency's path that changed since the run started makes the result unstorable.
    func record(dependencies: [String], searchDirectories: [String], systemDirectories: [String],
                pathCheck: PathChangeCheck? = nil) throws(CacheError) -> Recorded {
        let hashed = try hash(dependencies)
        let userHeaders = hashed.absolutes.filter { path in !systemDirectories.contains { Path.isWithin(path, directory: $0) } }
        let includerDirectories = Set(userHeaders.map { Path.directory(of: $0) }).sorted()

        var probes = ShadowProbes()
        defer { probes.closeDirectories() }
        probes.probeEarlierDirectories(of: hashed.absolutes, searchDirectories: searchDirectories,
                                       includerDirectories: includerDirectories)
        // Contents: time macros make a result unrepeatable; __has_include names must stay absent.
        var unstorable = hashed.unstorable
        let userSet = Set(userHeaders)
        var tested: Set<String> = []
        for (index, path) in hashed.absolutes.enumerated() {
            if let macro = hashed.facts[index].timeMacro {
                unstorable = unstorable ?? "\(path) uses \(macro)"
            }
            if userSet.contains(path) { tested.formUnion(hashed.facts[index].hasIncludeNames) }
        }
        if !tested.isEmpty { probes.probeEverywhere(tested, directories: Set(searchDirectories + includerDirectories).sorted()) }
        if unstorable == nil, let pathCheck {
            let spelled = dependencies.map { Path.join(relocator.workingDirectory, $0) }
            unstorable = pathCheck.changedComponent(of: spelled)
        }
        return Recorded(files: hashed.files, probes: probeDirectories(&probes), unstorableReason: unstorable)
    }

    /// Stats and hashes each dependency once, through the inode cache: a file whose stat was
    /// settled before this run started and is memoised is not read again.
    private func hash(_ dependencies: [String]) throws(CacheError) -> Hashed {
        var seen: Set<String> = []
        var stats: [(String, FileStat)] = []
        for dep in dependencies where seen.insert(dep).inserted {
            do { stats.append((dep, try FileStat.of(dep))) } catch { throw error.cache }
        }
        let inodes = InodeCache(root: root)
        let known = inodes.load(inodes: Set(stats.map { $0.1.inode }))
        var learned: [(FileStat, FileFacts)] = []
        var hashed = Hashed()
        for (dep, firstStat) in stats {
            var stat = firstStat
            var fileFacts: FileFacts
            if stat.contentSettled(before: start), let memo = known[stat] {
                fileFacts = memo
            } else {
                let read: (FileHasher.Entry, [UInt8])
                do { read = try hasher.contents(of: dep) } catch { throw error.cache }
                let again = try? FileStat.of(dep)
                fileFacts = FileFacts(bytes: read.1, digest: read.0.digest)
                if let again, again == stat, stat.contentSettled(before: start) { learned.append((stat, fileFacts)) }
                else { stat = again ?? stat }
            }
            hasher.seed(path: dep, stat: stat, digest: fileFacts.digest)
            hashed.facts.append(fileFacts)
            let trusted = stat.contentSettled(before: start)
            if !trusted { hashed.unstorable = hashed.unstorable ?? FileStat.tooNewReason(dep, stat) }
            hashed.files.append(.init(stored: relocator.storedPath(dep), digest: fileFacts.digest, stat: trusted ? stat : nil))
            hashed.absolutes.append(Path.absolute(dep, base: relocator.workingDirectory))
        }
        inodes.append(learned)
        return hashed
    }

    /// The collected probes as entry lines: missing directories folded into their nearest existing
    /// ancestor, each directory with the stat that vouches for its listing.
    private func probeDirectories(_ probes: inout ShadowProbes) -> [DirectIndexEntry.ProbeDirectory] {
        var result: [DirectIndexEntry.ProbeDirectory] = []
        let covered = DependencyRecorder.coverMissingDirectories(probes.names, memo: &probes.existence)
        for (dir, names) in covered.sorted(by: { $0.key < $1.key }) {
            let state: DirectIndexEntry.DirectoryState
            do {
                if let stat = try FileStat.ifExists(dir) {
                    state = stat.isSettled(before: start) ? .present(stat) : .unsettled
                } else {
                    state = .absent
                }
            } catch {
                state = .unsettled
            }
            result.append(.init(stored: relocator.storedPath(dir), state: state, names: names.sorted()))
        }
        return result
    }

    /// Probes in a directory that does not exist become one probe in its nearest existing ancestor:
    /// nothing can appear below a missing directory without a new entry in that ancestor, so one
    /// `stat` of it on lookup replaces one failing `stat` per missing directory (hundreds for a
    /// TU with many `-I` directories). Existence is tested with `lstat`, so a dangling symlink
    /// stops the walk and keeps its own probe.
    static func coverMissingDirectories(_ probes: [String: Set<String>], memo: inout ExistenceMemo) -> [String: Set<String>] {
        func exists(_ path: String) -> Bool { memo.exists(path) }
        var covered: [String: Set<String>] = [:]
        for (dir, names) in probes {
            guard Path.isAbsolute(dir), dir != "/", !exists(dir) else {
                if !names.isEmpty { covered[dir, default: []].formUnion(names) }
                continue
            }
            var missing = dir
            var parent = Path.directory(of: missing)
            while parent != "/" && parent != missing && !exists(parent) {
                missing = parent
                parent = Path.directory(of: parent)
            }
            covered[parent, default: []].insert(Path.fileName(of: missing))
        }
        return covered
    }

    /// `lstat` results by path, shared by the probe and cover steps of one recording.
    struct ExistenceMemo {
        private var known: [String: Bool] = [:]
        mutating func exists(_ path: String) -> Bool {
            if let answer = known[path] { return answer }
            var raw = stat()
            let answer = LosslessText.withCPath(path) { lstat($0, &raw) } == 0
            known[path] = answer
            return answer
        }
    }
}
