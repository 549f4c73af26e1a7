import Glibc

/// A file in a per-process scratch directory under /tmp (never a device, never the user's files),
/// rewritten with each input, for the readers that take a path.
public enum Scratch {
    /// `<scratch dir>/<name>`; the directories on the way are created (`name` may hold slashes).
    public static func path(_ name: String) -> String {
        var dir = "/tmp/swiftwrap-fuzz-\(getpid())"
        mkdir(dir, 0o700)
        for component in name.split(separator: "/").dropLast() {
            dir += "/" + component
            mkdir(dir, 0o700)
        }
        return dir + "/" + String(name.split(separator: "/").last ?? "")
    }

    /// Writes the input to `path` (replacing it) and returns `path`.
    @discardableResult
    public static func write(_ data: UnsafePointer<UInt8>?, _ size: Int, to path: String) -> String {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        precondition(fd >= 0, "cannot create the scratch file \(path)")
        var done = 0
        while done < size, let data {
            let n = Glibc.write(fd, data + done, size - done)
            precondition(n > 0, "cannot write the scratch file \(path)")
            done += n
        }
        close(fd)
        return path
    }

    /// The input as bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}

/// Stops the run with a message libFuzzer reports as a crash: a property of a parser did not hold.
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

/// libFuzzer's driver (compiler-rt): parses libFuzzer's options from argv and runs `callback`.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The body of each target's entry point. SwiftPM links an executable target with `main` defined as
/// `<Target>_main`, which each target provides with `@_cdecl`; libFuzzer's own `main` is then never
/// linked, and this hands control to its driver.
public func runFuzzer(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                      _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
    var count = argc
    var vector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &vector, callback)
}
