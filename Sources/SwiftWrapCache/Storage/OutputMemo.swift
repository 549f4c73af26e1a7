import Glibc
import SwiftWrapCore

/// Which object was last published to an output, and the output's stat right after.
///
/// On a hit whose output still has exactly that stat (same device, inode, size, mtime and ctime —
/// any write moves the ctime), the output already holds the object's bytes, so the restore skips
/// decompressing and comparing them. This is the common hit under Ninja: a touched header reruns
/// castxml-cache while the XML is still in place. One small file per (output path, working
/// directory): `<object key> <stat> <check>`, space-padded to a fixed 192 bytes and rewritten in
/// place (a rename or a truncation to zero would make ext4 start writeback: milliseconds on a
/// hit). `<check>` (8 hex digits of SHA-256 over the rest) rejects a line torn by a concurrent writer.
struct OutputMemo {
    let path: String
    let output: String

    init(root: LocalCacheRoot, output: String, workingDirectory: String) {
        self.output = output
        let name = SHA256.hash(Path.absolute(output, base: workingDirectory) + "\u{0}" + workingDirectory).hex
        path = root.outputMemoPath(name: name)
    }

    /// True when the output is still the file this object was last published as.
    /// `known`: the output's stat when the caller already took it (no second `stat`).
    func holds(_ objectKey: Digest, known: OutputTargets.Known = .unknown) -> Bool {
        let stat: FileStat?
        switch known {
        case .absent: return false
        case .regular(let s): stat = s
        case .unknown: stat = try? FileStat.ifExists(output)
        }
        guard let current = stat, current.isRegularFile, let bytes = try? FileSystem.read(path) else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            var lines = ByteParsing.Lines(buffer)
            guard let line = lines.next() else { return false }
            var fields = ByteParsing.Fields(line)
            let keyField = fields.next(), statField = fields.next(), check = fields.next()
            guard let key = ByteParsing.digest(keyField), key == objectKey, let stat = ByteParsing.stat(statField),
                  ByteParsing.equals(check, ByteParsing.lineCheck(UnsafeRawBufferPointer(ByteParsing.slice(line, 0, keyField.count + 1 + statField.count))))
            else { return false }
            return stat == current
        }
    }

    /// Records the output's current stat as holding `objectKey` (failures are ignored: a memo is an optimisation).
    func record(_ objectKey: Digest) {
        guard let stat = try? FileStat.ifExists(output), stat.isRegularFile else { return }
        var body = Array("\(objectKey.hex) \(StatCodec.encode(stat))".utf8)
        body += Array(" \(body.withUnsafeBytes { ByteParsing.lineCheck($0) })".utf8)
        guard body.count < OutputMemo.recordSize else { return }
        body += [UInt8](repeating: 0x20, count: OutputMemo.recordSize - 1 - body.count) + [0x0a]
        let fd = FileSystem.openCreating(path, flags: O_WRONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = body.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    static let recordSize = 192
}
