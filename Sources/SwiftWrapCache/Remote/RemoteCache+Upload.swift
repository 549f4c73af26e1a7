import SwiftWrapCore

extension RemoteCache {
    /// After a store: uploads the primary root's entry of `direct` that names `objectKey` and its
    /// object (the object first, so an index never names bytes the server lacks), merged into the
    /// index on the server (GET again, merge, PUT: last writer wins). Read-only: nothing. Best effort.
    func upload(direct: Digest, objectKey: Digest) {
        guard !readOnly, !off else { return }
        let root = context.root
        let name = root.name(of: .entryFile(directKey: direct))
        guard let bytes = (try? root.readEntryFile(directKey: direct)) ?? nil,
              let entry = (try? DirectIndexFile.parse(bytes, path: name, keyInputs: true))?.first(where: { $0.objectKey == objectKey }),
              let object = try? FileSystem.read(root.objectPath(objectKey)) else { return }
        // Fresh index: another machine may have added entries since the lookup.
        var index = RemoteIndex()
        guard let response = get(indexPath(direct)) else { return }
        switch response.status {
        case 200: if let current = RemoteIndex.parse(response.body) { index = current }
        case 404: break
        default:
            // Refused (401, 403) or broken: a PUT would fare no better. Counted by the lookup already.
            context.log.note("remote cache: not uploaded, GET \(indexPath(direct)) answered \(response.status)")
            return
        }
        let sha = SHA256.hash(object)
        let digests = entry.files.map(\.digest)
        if index.object(objectKey)?.sha256 == sha,
           index.entries(name: name).contains(where: { $0.objectKey == objectKey && $0.files.map(\.digest) == digests }) {
            return  // already there
        }
        guard put(objectPath(sha), object) else { return }
        let merged = index.adding(entry, object: RemoteIndex.Object(key: objectKey, sha256: sha, size: object.count), name: name)
        if put(indexPath(direct), merged.render()) {
            context.log.note("uploaded to the remote cache")
        }
    }
}
