import Glibc
import SwiftWrapCore

extension CacheContext {
    /// Writes the depfiles the invocation asked for: castxml's own `-MD`/`-MF` request, and
    /// castxml-cache's `--depfile` and `--header-digest` (`DependencyOutputs`), each atomically, to
    /// the paths `OutputTargets` resolved. `digests` are the content hashes of the distinct
    /// `dependencies`, in order (used for `--header-digest` only).
    func writeDepfiles(_ dependencies: [String], digests: [Digest]) throws(CacheError) {
        do {
            if let request = command.dependencyRequest, let file = targets.dependencyFile {
                try publishSmall(LosslessText.encode(Depfile.render(targets: request.targets, dependencies: dependencies,
                                                                    phony: request.phony)),
                                 to: file, known: targets.dependencyFileState)
            }
            if let file = targets.extraDepfile {
                let text = DependencyOutputs.renderDepfile(output: command.output!, dependencies: dependencies,
                                                           workingDirectory: relocator.workingDirectory,
                                                           relativeTo: request.depfileRelativeTo)
                try publishSmall(LosslessText.encode(text), to: file, known: targets.extraDepfileState)
            }
            if let file = targets.headerDigest {
                try publishSmall(LosslessText.encode(try headerDigestText(dependencies, digests: digests)), to: file,
                                 known: targets.headerDigestState)
            }
        } catch { throw error.cache }
    }

    /// Publishes a small file unless it already holds `bytes`. With the file's stat known from
    /// `OutputTargets.inspect`, the comparison is one open and one read (no second stat).
    private func publishSmall(_ bytes: [UInt8], to path: String, known: OutputTargets.Known) throws(FileError) {
        switch known {
        case .unknown:
            try AtomicWriter.write(bytes, to: path)
            return
        case .regular(let stat) where Int(stat.size) == bytes.count:
            if OutputTargets.fileHolds(path, bytes) { return }
        case .regular, .absent:
            break
        }
        let writer = try AtomicWriter(destination: path)
        try writer.write(bytes)
        try writer.publish()
    }
}

extension OutputTargets {
    /// True when `path` holds exactly `bytes` (read in one call; one byte more shows a longer file).
    static func fileHolds(_ path: String, _ bytes: [UInt8]) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let capacity = bytes.count + 1
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var used = 0
        while used < capacity {
            let n = read(fd, buffer.baseAddress! + used, capacity - used)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return false }
            if n == 0 { break }
            used += n
        }
        return used == bytes.count && bytes.withUnsafeBytes { memcmp($0.baseAddress!, buffer.baseAddress!, used) == 0 }
    }
}
