import SwiftWrapCore

/// Which object was last published to an output, and the output's stat right after.
///
/// On a hit whose output still has exactly that stat (same device, inode, size, mtime and ctime —
/// any write moves the ctime), the output already holds the object's bytes, so the restore skips
/// decompressing and comparing them. This is the common hit under Ninja: a touched header reruns
/// castxml-cache while the XML is still in place. One small file per (output path, working
/// directory): `<object key> <stat>`.
struct OutputMemo {
    let path: String
    let output: String

    init(layout: CacheLayout, output: String, workingDirectory: String) {
        self.output = output
        let name = SHA256.hash(Path.absolute(output, base: workingDirectory) + "\u{0}" + workingDirectory).hex
        path = layout.versionRoot + "/outputs/" + name.prefix(2) + "/" + name.dropFirst(2).prefix(30)
    }

    /// True when the output is still the file this object was last published as.
    func holds(_ objectKey: Digest) -> Bool {
        guard let bytes = try? FileSystem.read(path), let current = try? FileStat.ifExists(output),
              current.isRegularFile else { return false }
        var fields = ByteParsing.Fields(bytes[...].prefix { $0 != 0x0a })
        guard let key = ByteParsing.digest(fields.next()), key == objectKey,
              let stat = ByteParsing.stat(fields.next()) else { return false }
        return stat == current
    }

    /// Records the output's current stat as holding `objectKey` (failures are ignored: a memo is an optimisation).
    func record(_ objectKey: Digest) {
        guard let stat = try? FileStat.ifExists(output), stat.isRegularFile else { return }
        _ = try? AtomicWriter.write("\(objectKey.hex) \(StatCodec.encode(stat))\n", to: path)
    }
}
