import Glibc

/// An exclusive `flock` on a lock file, held until `unlock()`, deinit, or the process's death
/// (the kernel drops it then, so a killed holder never leaves a stale lock behind).
///
/// The one place in the package that waits on `flock`: the cache's single-flight locks, its
/// statistics shards and the record store's repair all take their locks through here.
public final class FileLock {
    /// The open descriptor of the lock file; a holder may read and write the file through it.
    public private(set) var descriptor: Int32

    /// Opens (creating it and its parent directories) and locks `path`, waiting for other holders.
    public init(path: String) throws(FileError) {
        let fd = FileSystem.openCreating(path, flags: O_RDWR)
        guard fd >= 0 else { throw .current(.lock, path) }
        guard FileLock.acquire(fd) else {
            let error = FileError.current(.lock, path)
            close(fd)
            throw error
        }
        descriptor = fd
    }

    /// Waits for an exclusive lock on `fd`, retrying on EINTR. False on any other failure (errno set).
    private static func acquire(_ fd: Int32) -> Bool {
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    public func unlock() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
    }

    deinit { unlock() }
}
