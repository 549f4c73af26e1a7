// Thin, Foundation-free access to the C library. The C library is not re-exported: every file that
// calls it imports Glibc itself, so what a target uses of libc is visible in its own imports.
#if canImport(Glibc)
import Glibc
import CPosix
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An errno value with the C library's text for it.
public struct Errno: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: Int32
    public init(_ code: Int32) { self.code = code }
    public static var current: Errno { Errno(errno) }
    public var description: String { String(cString: strerror(code)) }
}

/// Environment access. Reads go through `getenv` (cheap, no copy of `environ`).
public enum Environment {
    public static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        return String(cString: raw)
    }

    /// The whole environment as `NAME=value` strings, in the order the C library keeps it.
    public static func all() -> [String] {
        var result: [String] = []
        #if canImport(Darwin)
        guard var cursor = _NSGetEnviron()?.pointee else { return result }
        #else
        guard var cursor = environ as UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? else { return result }
        #endif
        while let entry = cursor.pointee {
            result.append(String(cString: entry))
            cursor += 1
        }
        return result
    }
}

// Free-function aliases so types with their own `read`/`write` members can reach the C calls.
@inline(__always) func sysRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
@inline(__always) func sysWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// Byte search helpers over raw buffers (glibc's memmem: fast on multi-megabyte inputs).
public enum Bytes {
    /// Offset of the first occurrence of `needle` in `haystack` at or after `from`, or nil.
    public static func find(_ needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, from: Int = 0) -> Int? {
        guard let base = haystack.baseAddress, from <= haystack.count, needle.count > 0 else { return nil }
        guard let hit = memmem(base + from, haystack.count - from, needle.baseAddress, needle.count) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }
}
