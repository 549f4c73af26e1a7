import SwiftWrapCore

extension RemoteCache {
    /// What the remote holds for a direct key, checked against this machine's files.
    enum Found {
        /// An entry whose files and probes hold, and its object's verified bytes.
        case hit(DirectIndexEntry, bytes: [UInt8])
        /// Nothing usable, and why (for the log and `--explain`).
        case miss(String)
    }

    /// Looks `direct` up (GET the index, check its entries newest first, GET and verify the object of
    /// the first that holds). Damaged downloads are counted and never used.
    func find(_ direct: Digest) -> Found {
        guard let response = get(indexPath(direct)) else { return .miss("the remote cache did not answer") }
        guard response.status == 200 else {
            if response.status != 404 {
                count([.remoteErrors: 1])
                return .miss("GET \(indexPath(direct)) answered \(response.status)")
            }
            fetched = RemoteIndex()
            return .miss("no entry for this direct key on the remote")
        }
        guard let index = RemoteIndex.parse(response.body) else {
            count([.remoteErrors: 1])
            return .miss("the remote index \(indexPath(direct)) is damaged")
        }
        fetched = index
        let name = endpoint.baseURL + "/" + indexPath(direct)
        let check = DependencyChecker(relocator: context.relocator, hasher: context.hasher)
        var reason: String?
        for entry in index.entries(name: name) {
            if let mismatch = fileMismatch(entry) ?? check.probeMismatch(entry) {
                reason = reason ?? mismatch
                continue
            }
            guard let object = index.object(entry.objectKey) else {
                reason = reason ?? "the remote index names no stored bytes for object \(entry.objectKey.hex)"
                continue
            }
            guard let download = get(objectPath(object.sha256)) else { return .miss("the remote cache did not answer") }
            guard download.status == 200 else {
                if download.status != 404 { count([.remoteErrors: 1]) }
                reason = reason ?? "GET \(objectPath(object.sha256)) answered \(download.status)"
                continue
            }
            guard SHA256.hash(download.body) == object.sha256 else {
                count([.remoteErrors: 1])
                context.log.note("remote cache: \(objectPath(object.sha256)) is damaged (its SHA-256 differs from its name): not used")
                reason = reason ?? "the remote object \(objectPath(object.sha256)) is damaged"
                continue
            }
            return .hit(entry, bytes: download.body)
        }
        return .miss(reason ?? "the remote index holds no entry")
    }

    /// Whether the entry's files hold here, by content (remote entries carry no stats): one `stat`
    /// per file, the hash from this machine's inode cache when it knows that stat, else the file is
    /// read and hashed. Nil when every file holds, else what differs.
    func fileMismatch(_ entry: DirectIndexEntry) -> String? {
        var found: [(digest: Digest, path: String, stat: FileStat)] = []
        for file in entry.files {
            guard let path = context.relocator.resolve(storedPath: file.stored) else { return "\(file.stored) needs a base directory" }
            let now: FileStat?
            do { now = try FileStat.ifExists(path) } catch { return "cannot stat \(path)" }
            guard let now else { return "\(path) no longer exists" }
            found.append((file.digest, path, now))
        }
        let known = InodeCache(root: context.root).load(inodes: Set(found.map(\.stat.inode)))
        for (digest, path, stat) in found {
            if stat.contentSettled(before: context.start), let facts = known[stat] {
                context.hasher.seed(path: path, stat: stat, digest: facts.digest)
            }
            guard let current = try? context.hasher.digest(of: path, currentStat: stat) else { return "cannot read \(path)" }
            if current.digest != digest { return "\(path) changed" }
        }
        return nil
    }

    /// A remote hit: the object and the entry go into the primary root (under the key's lock, which
    /// the caller holds), then the object is restored as a local hit restores it. Nil: a remote miss
    /// (counted), castxml runs.
    func restore(_ direct: Digest) throws(CacheError) -> CacheOutcome? {
        guard case .hit(let entry, let bytes) = find(direct) else {
            if !off { count([.remoteMisses: 1]) }
            return nil
        }
        let root = context.root
        let cap = context.sizeCap()
        if cap.admits(size: Int64(bytes.count)) {
            do throws(CacheError) {
                try root.writeObject(entry.objectKey, pieces: [bytes])
                let existing = (try? root.readEntryFile(directKey: direct)) ?? nil
                try root.writeEntryFile(directKey: direct, DirectIndexFile.adding(localized(entry), to: existing,
                                                                                  path: root.name(of: .entryFile(directKey: direct))))
                _ = try cap.enforce(afterStoring: [.object(entry.objectKey), .entryFile(directKey: direct)])
            } catch {
                context.log.note("remote hit not kept in the primary root: \(error)")
            }
        }
        guard FileSystem.exists(root.objectPath(entry.objectKey)) else {
            context.log.note("remote hit could not be written to the primary root (size cap or error): castxml runs")
            count([.remoteMisses: 1])
            return nil
        }
        let check = DependencyChecker(relocator: context.relocator, hasher: context.hasher)
        var local = context
        local.source = root
        let outcome = try ObjectRestorer(context: local).restore(objectKey: entry.objectKey, dependencies: check.dependencyPaths(entry),
                                                                 digests: entry.files.map(\.digest), result: .remoteHit)
        if outcome == nil { count([.remoteErrors: 1, .remoteMisses: 1]) }
        return outcome
    }

    /// `entry` with this machine's stats of its files, where they vouch for the hashes just checked
    /// (the stat each file was hashed or looked up at by the check, when settled before the call
    /// started), so later local hits need not read the files again.
    func localized(_ entry: DirectIndexEntry) -> DirectIndexEntry {
        var copy = entry
        for i in copy.files.indices {
            copy.files[i].stat = nil
            guard let path = context.relocator.resolve(storedPath: copy.files[i].stored),
                  let known = context.hasher.memoised(path), known.digest == copy.files[i].digest,
                  known.stat.ctime < context.start else { continue }
            copy.files[i].stat = known.stat
        }
        return copy
    }
}
