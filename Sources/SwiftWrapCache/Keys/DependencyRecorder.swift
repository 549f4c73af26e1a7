import Glibc
import SwiftWrapCore

/// Builds manifest entries from what castxml read, and checks entries against the file system now.
struct DependencyCheck {
    let layout: CacheLayout
    let relocator: Relocator
    let hasher: FileHasher
    let start: Timestamp

    struct Recorded {
        var files: [ManifestEntry.File]
        var probes: [ManifestEntry.ProbeDirectory]
        /// Why the result must not be stored (an input changed during the run, a time macro), if so.
        var unstorableReason: String?
    }

    /// Hashes every dependency (paths as castxml spelled them) and computes the negative probes:
    /// a header's name must stay absent wherever a new file would be found before it —
    /// every earlier search directory, the directory of any user header or of the source (quoted
    /// includes look there first), and, for `__has_include` names in user headers, everywhere.
    func record(dependencies: [String], searchDirectories: [String], systemDirectories: [String]) throws(CacheError) -> Recorded {
        var seen: Set<String> = []
        var files: [ManifestEntry.File] = []
        var unstorable: String?
        let cwd = relocator.workingDirectory
        var absolutes: [String] = []
        var facts: [FileFacts] = []
        var stats: [(String, FileStat)] = []
        for dep in dependencies where seen.insert(dep).inserted {
            do { stats.append((dep, try FileStat.of(dep))) } catch { throw error.cache }
        }
        let inodes = InodeCache(layout: layout)
        let known = inodes.load(inodes: Set(stats.map { $0.1.inode }))
        var learned: [(FileStat, FileFacts)] = []
        for (dep, firstStat) in stats {
            var stat = firstStat
            var fileFacts: FileFacts
            if stat.isSettled(before: start), let memo = known[stat] {
                fileFacts = memo
            } else {
                let read: (FileHasher.Entry, [UInt8])
                do { read = try hasher.contents(of: dep) } catch { throw error.cache }
                let again = try? FileStat.of(dep)
                fileFacts = FileFacts(bytes: read.1, digest: read.0.digest)
                if let again, again == stat, stat.isSettled(before: start) { learned.append((stat, fileFacts)) }
                else { stat = again ?? stat }
            }
            hasher.seed(path: dep, stat: stat, digest: fileFacts.digest)
            facts.append(fileFacts)
            let trusted = stat.isSettled(before: start)
            if !trusted { unstorable = "\(dep) changed while castxml ran" }
            files.append(.init(stored: relocator.storedPath(dep), digest: fileFacts.digest, stat: trusted ? stat : nil))
            absolutes.append(Path.absolute(dep, base: cwd))
        }
        inodes.append(learned)
        let userHeaders = absolutes.filter { path in !systemDirectories.contains { Path.isWithin(path, directory: $0) } }
        let includerDirectories = Set(userHeaders.map { Path.directory(of: $0) }).sorted()

        // Candidates are grouped by directory: a header's name relative to its search directory is
        // split into a directory part and a file name, and each (earlier directory, directory part)
        // is checked once for all its names — a missing directory without any system call beyond
        // one `lstat`, an existing one by a few `access` calls or one listing.
        var probeNames: [String: Set<String>] = [:]
        var existence = ExistenceMemo()
        var listings: [String: Set<String>] = [:]
        var directoryFDs: [String: Int32] = [:]
        defer { for fd in directoryFDs.values where fd >= 0 { close(fd) } }
        func probe(directory: String, names: Set<String>) {
            guard existence.exists(directory) else {
                // Nothing below a missing directory is looked at again: `coverMissingDirectories`
                // turns it into one name in its nearest existing ancestor.
                if Path.isAbsolute(directory) && directory != "/" {
                    if probeNames[directory] == nil { probeNames[directory] = [] }
                } else {
                    probeNames[directory, default: []].formUnion(names)
                }
                return
            }
            let absent: Set<String>
            if names.count <= 256 {
                // One lookup each, relative to the open directory, is cheaper than listing a big
                // directory (ITK's include directory has 3,000 entries).
                if directoryFDs[directory] == nil { directoryFDs[directory] = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
                let fd = directoryFDs[directory]!
                if fd >= 0 {
                    absent = names.filter { faccessat(fd, $0, F_OK, 0) != 0 }
                } else {
                    absent = names.filter { !FileSystem.exists(directory + "/" + $0) }
                }
            } else {
                if listings[directory] == nil { listings[directory] = FileSystem.names(in: directory) }
                absent = names.subtracting(listings[directory]!)
            }
            if !absent.isEmpty { probeNames[directory, default: []].formUnion(absent) }
        }
        func join(_ directory: String, _ relative: String) -> String {
            relative.isEmpty ? directory : (directory == "/" ? "/" + relative : directory + "/" + relative)
        }
        /// `sub/dir/x.h` → (`sub/dir`, `x.h`); `x.h` → (``, `x.h`).
        func split(_ relative: String) -> (part: String, name: String) {
            let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/"))
            return (slash.map { String(relative[..<$0]) } ?? "", Path.fileName(of: relative))
        }
        // search directory index → directory part of the relative name → file names
        var found: [Int: [String: Set<String>]] = [:]
        for absolute in absolutes {
            for (k, dir) in searchDirectories.enumerated() where Path.isWithin(absolute, directory: dir) && absolute != dir {
                let (part, name) = split(String(absolute.dropFirst(dir == "/" ? 1 : dir.count + 1)))
                found[k, default: [:]][part, default: []].insert(name)
            }
        }
        for (k, byPart) in found.sorted(by: { $0.key < $1.key }) {
            let dir = searchDirectories[k]
            var targets = Set(searchDirectories[..<k])
            targets.formUnion(includerDirectories)
            targets.remove(dir)
            for target in targets.sorted() {
                for (part, names) in byPart { probe(directory: join(target, part), names: names) }
            }
        }
        // Contents: time macros make a result unrepeatable; __has_include names must stay absent.
        let userSet = Set(userHeaders)
        var tested: Set<String> = []
        for (index, path) in absolutes.enumerated() {
            if let macro = facts[index].timeMacro {
                unstorable = unstorable ?? "\(path) uses \(macro)"
            }
            if userSet.contains(path) { tested.formUnion(facts[index].hasIncludeNames) }
        }
        if !tested.isEmpty {
            var byPart: [String: Set<String>] = [:]
            for (part, name) in tested.map(split) { byPart[part, default: []].insert(name) }
            for dir in Set(searchDirectories + includerDirectories).sorted() {
                for (part, names) in byPart { probe(directory: join(dir, part), names: names) }
            }
        }

        var probes: [ManifestEntry.ProbeDirectory] = []
        for (dir, names) in DependencyCheck.coverMissingDirectories(probeNames, memo: &existence).sorted(by: { $0.key < $1.key }) {
            let state: ManifestEntry.DirectoryState
            do {
                if let stat = try FileStat.ifExists(dir) {
                    state = stat.isSettled(before: start) ? .present(stat) : .unsettled
                } else {
                    state = .absent
                }
            } catch {
                state = .unsettled
            }
            probes.append(.init(stored: relocator.storedPath(dir), state: state, names: names.sorted()))
        }
        return Recorded(files: files, probes: probes, unstorableReason: unstorable)
    }

    /// Probes in a directory that does not exist become one probe in its nearest existing ancestor:
    /// nothing can appear below a missing directory without a new entry in that ancestor, so one
    /// `stat` of it on lookup replaces one failing `stat` per missing directory (hundreds for a
    /// TU with many `-I` directories). Existence is tested with `lstat`, so a dangling symlink
    /// stops the walk and keeps its own probe.
    static func coverMissingDirectories(_ probes: [String: Set<String>]) -> [String: Set<String>] {
        var memo = ExistenceMemo()
        return coverMissingDirectories(probes, memo: &memo)
    }

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
            let answer = lstat(path, &raw) == 0
            known[path] = answer
            return answer
        }
    }

    /// Whether a manifest entry still describes the file system is asked in two parts: each file as
    /// the entry is parsed (`mismatch`), then its probe directories (`probeMismatch`). Each answer
    /// is nil when nothing differs, otherwise what differs (for the log).
    ///
    /// Nil when the file still has the recorded content (same stat, or re-read with the same hash).
    func mismatch(_ file: ManifestEntry.File) -> String? {
        guard let path = relocator.resolve(storedPath: file.stored) else { return "\(file.stored) needs a base directory" }
        let now: FileStat?
        do { now = try FileStat.ifExists(path) } catch { return "cannot stat \(path)" }
        guard let now else { return "\(path) no longer exists" }
        if let recorded = file.stat, recorded == now { return nil }
        guard let current = try? hasher.digest(of: path, currentStat: now) else { return "cannot read \(path)" }
        return current.digest != file.digest ? "\(path) changed" : nil
    }

    /// Nil when no probe directory gained a shadowing header.
    func probeMismatch(_ entry: ManifestEntry) -> String? {
        for dir in entry.probes {
            guard let path = relocator.resolve(storedPath: dir.stored) else { return "\(dir.stored) needs a base directory" }
            let now: FileStat??
            do { now = .some(try FileStat.ifExists(path)) } catch { now = .none }
            switch dir.state {
            case .present(let recorded): if case .some(.some(let current)) = now, current == recorded { continue }
            case .absent: if case .some(.none) = now { continue }
            case .unsettled: break
            }
            // The directory changed (often: outputs are written beside the sources). Check its names;
            // many names are cheaper against one listing than one stat each.
            let names = dir.names
            if names.count > 32 {
                let present = FileSystem.names(in: path)
                if let name = names.first(where: { present.contains($0) }) {
                    return "new header \(path)/\(name) shadows an included one"
                }
            } else if let name = names.first(where: { FileSystem.exists(path + "/" + $0) }) {
                return "new header \(path)/\(name) shadows an included one"
            }
        }
        return nil
    }

    /// The dependency paths of an entry for the current tree, as castxml would spell them.
    func dependencyPaths(_ entry: ManifestEntry) -> [String] {
        entry.files.compactMap { relocator.resolve(storedPath: $0.stored) }
    }
}
