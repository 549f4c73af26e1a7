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
        let inodes = InodeCache(layout: layout)
        let known = inodes.load()
        var learned: [(FileStat, FileFacts)] = []
        for dep in dependencies where seen.insert(dep).inserted {
            var stat: FileStat
            do { stat = try FileStat.of(dep) } catch { throw error.cache }
            var fileFacts: FileFacts
            if stat.isSettled(before: start), let memo = known[stat] {
                fileFacts = memo
            } else {
                let bytes: [UInt8]
                do { (_, bytes) = try hasher.contents(of: dep) } catch { throw error.cache }
                let again = try? FileStat.of(dep)
                fileFacts = FileFacts(bytes: bytes)
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

        var probeNames: [String: Set<String>] = [:]
        // One listing per directory answers every candidate in it (thousands of candidates, tens of directories).
        var listings: [String: Set<String>] = [:]
        func probe(_ candidate: String) {
            let dir = Path.directory(of: candidate), name = Path.fileName(of: candidate)
            if listings[dir] == nil { listings[dir] = FileSystem.names(in: dir) }
            if !listings[dir]!.contains(name) { probeNames[dir, default: []].insert(name) }
        }
        for absolute in absolutes {
            for (k, dir) in searchDirectories.enumerated() where Path.isWithin(absolute, directory: dir) && absolute != dir {
                let tail = String(absolute.dropFirst(dir == "/" ? 1 : dir.count + 1))
                for earlier in searchDirectories[..<k] where earlier != dir { probe(earlier + "/" + tail) }
                for includer in includerDirectories where includer != dir { probe(includer + "/" + tail) }
            }
        }
        // Contents: time macros make a result unrepeatable; __has_include names must stay absent.
        let userSet = Set(userHeaders)
        for (index, path) in absolutes.enumerated() {
            if let macro = facts[index].timeMacro {
                unstorable = unstorable ?? "\(path) uses \(macro)"
            }
            if userSet.contains(path) {
                for name in facts[index].hasIncludeNames {
                    for dir in searchDirectories + includerDirectories { probe(dir + "/" + name) }
                }
            }
        }

        var probes: [ManifestEntry.ProbeDirectory] = []
        for (dir, names) in DependencyCheck.coverMissingDirectories(probeNames).sorted(by: { $0.key < $1.key }) {
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
        var present: [String: Bool] = [:]
        func exists(_ path: String) -> Bool {
            if let known = present[path] { return known }
            var raw = stat()
            let found = lstat(path, &raw) == 0
            present[path] = found
            return found
        }
        var covered: [String: Set<String>] = [:]
        for (dir, names) in probes {
            guard Path.isAbsolute(dir), dir != "/", !exists(dir) else {
                covered[dir, default: []].formUnion(names)
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

    /// Nil when the entry still describes the file system; otherwise what differs (for the log).
    func mismatch(_ entry: ManifestEntry) -> String? {
        for file in entry.files {
            guard let path = relocator.resolve(storedPath: file.stored) else { return "\(file.stored) needs a base directory" }
            let now: FileStat?
            do { now = try FileStat.ifExists(path) } catch { return "cannot stat \(path)" }
            guard let now else { return "\(path) no longer exists" }
            if let recorded = file.stat, recorded == now { continue }
            guard let current = try? hasher.digest(of: path, currentStat: now) else { return "cannot read \(path)" }
            if current.digest != file.digest { return "\(path) changed" }
        }
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
