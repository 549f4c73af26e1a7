import Foundation
import SwiftWrapCore

// Helpers shared by the unit-test targets.

/// A fresh temporary directory for one test, removed when the value is deinitialised.
public final class TemporaryDirectory {
    public let path: String
    public init() {
        var template = Array((NSTemporaryDirectory() + "swiftwrap-test.XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else { fatalError("mkdtemp failed") }
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
    deinit { try? FileSystem.removeTree(path) }
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes a file in the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        let file = self.file(name)
        try! AtomicWriter.write(text, to: file)
        return file
    }
}

/// Sets a file's modification time (and so moves its ctime to now).
public func setModificationTime(_ path: String, seconds: Int) {
    var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
    precondition(utimensat(AT_FDCWD, path, &times, 0) == 0)
}

/// The repository root, found from this source file's location.
public func repositoryRoot() -> String {
    var path = #filePath
    for _ in 0..<3 { path = Path.directory(of: path) }
    return path
}
