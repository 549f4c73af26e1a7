import SwiftWrapCore

/// Builds manifest entries from what castxml read, and checks entries against the file system now.
struct DependencyCheck {
    let relocator: Relocator
    let hasher: FileHasher
    let start: Timestamp

    struct Recorded {
        var files: [ManifestEntry.File]
        var probes: [ManifestEntry.ProbeDirectory]
        /// False when a file changed during this run: then nothing may be stored.
        var settled: Bool
    }

    /// Hashes every dependency (paths as castxml spelled them) and computes the negative probes:
    /// for a header found in search directory k, its relative name must stay absent from every
    /// earlier directory j < k, or a new file there would shadow it.
    func record(dependencies: [String], searchDirectories: [String]) throws(CacheError) -> Recorded {
        var seen: Set<String> = []
        var files: [ManifestEntry.File] = []
        var settled = true
        var probeNames: [String: Set<String>] = [:]
        let cwd = relocator.workingDirectory
        for dep in dependencies where seen.insert(dep).inserted {
            let entry: FileHasher.Entry
            do { entry = try hasher.digest(of: dep) } catch { throw error.cache }
            let trusted = entry.stat.isSettled(before: start)
            if !trusted { settled = false }
            files.append(.init(stored: relocator.storedPath(dep), digest: entry.digest, stat: trusted ? entry.stat : nil))

            let absolute = Path.absolute(dep, base: cwd)
            for (k, dir) in searchDirectories.enumerated() where k > 0 && Path.isWithin(absolute, directory: dir) && absolute != dir {
                let tail = String(absolute.dropFirst(dir == "/" ? 1 : dir.count + 1))
                for earlier in searchDirectories[..<k] where earlier != dir {
                    let candidate = earlier + "/" + tail
                    if !FileSystem.exists(candidate) {
                        probeNames[Path.directory(of: candidate), default: []].insert(Path.fileName(of: candidate))
                    }
                }
            }
        }
        var probes: [ManifestEntry.ProbeDirectory] = []
        for (dir, names) in probeNames.sorted(by: { $0.key < $1.key }) {
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
        return Recorded(files: files, probes: probes, settled: settled)
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
            for name in dir.names where FileSystem.exists(path + "/" + name) {
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
