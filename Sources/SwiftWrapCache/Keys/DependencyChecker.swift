import SwiftWrapCore

/// Checks a direct-index entry against the file system now: the other half of `DependencyRecorder`.
struct DependencyChecker {
    let relocator: Relocator
    let hasher: FileHasher

    /// Whether a direct-index entry still describes the file system is asked in two parts: each file as
    /// the entry is parsed (`mismatch`), then its probe directories (`probeMismatch`). Each answer
    /// is nil when nothing differs, otherwise what differs (for the log).
    ///
    /// Nil when the file still has the recorded content (same stat, or re-read with the same hash).
    func mismatch(_ file: DirectIndexEntry.File) -> String? {
        guard let path = relocator.resolve(storedPath: file.stored) else { return "\(file.stored) needs a base directory" }
        let now: FileStat?
        do { now = try FileStat.ifExists(path) } catch { return "cannot stat \(path)" }
        guard let now else { return "\(path) no longer exists" }
        if let recorded = file.stat, recorded == now { return nil }
        guard let current = try? hasher.digest(of: path, currentStat: now) else { return "cannot read \(path)" }
        return current.digest != file.digest ? "\(path) changed" : nil
    }

    /// Nil when no probe directory gained a shadowing header.
    func probeMismatch(_ entry: DirectIndexEntry) -> String? {
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
    func dependencyPaths(_ entry: DirectIndexEntry) -> [String] {
        entry.files.compactMap { relocator.resolve(storedPath: $0.stored) }
    }
}
