import Glibc
import SwiftWrapCore

/// Exit statuses shared by the tools (castxml-cache returns castxml's own status instead).
public enum ToolExit {
    public static let success: Int32 = 0
    public static let failure: Int32 = 1
    /// EX_USAGE from sysexits.h: the command line was wrong.
    public static let usage: Int32 = 64
}

/// Prints `<tool>: error: …` / `<tool>: warning: …` lines on standard error.
public struct Diagnostics: Sendable {
    public let tool: String
    public init(tool: String) { self.tool = tool }

    public func error(_ message: String) { emit("error", message) }
    public func warning(_ message: String) { emit("warning", message) }
    public func note(_ message: String) { emit("note", message) }

    private func emit(_ severity: String, _ message: String) {
        Diagnostics.writeStandardError("\(tool): \(severity): \(message)\n")
    }

    public static func writeStandardError(_ text: String) {
        try? FileSystem.writeAll(fd: 2, Array(text.utf8), path: "<stderr>")
    }

    public static func writeStandardOutput(_ text: String) {
        try? FileSystem.writeAll(fd: 1, Array(text.utf8), path: "<stdout>")
    }

    /// Prints a usage error with a pointer to `--help` and exits 64.
    public func usageError(_ message: String) -> Never {
        error(message)
        Diagnostics.writeStandardError("Run '\(tool) --help' for usage.\n")
        exit(ToolExit.usage)
    }
}
