import CPosix
import Glibc

/// How a child process ended.
public enum Termination: Equatable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    public var succeeded: Bool { self == .exited(0) }

    /// The status a shell would report: the exit code, or 128 + signal number.
    public var shellStatus: Int32 {
        switch self {
        case .exited(let code): return code
        case .signaled(let signal): return 128 + signal
        }
    }

    public var description: String {
        switch self {
        case .exited(let code): return "exit status \(code)"
        case .signaled(let signal): return "signal \(signal)"
        }
    }
}

/// A failure to start or wait for a process (not the process failing: see `Termination`).
public struct SubprocessError: Error, Equatable, Sendable, CustomStringConvertible {
    public let executable: String
    public let errno: Errno
    public let stage: String
    public var description: String { "cannot \(stage) '\(executable)': \(errno)" }
}

/// The package's one subprocess launcher (posix_spawn, no Foundation).
public struct Subprocess: Sendable {
    public enum Output: Sendable, Equatable {
        /// The child writes to this process's descriptor.
        case inherit
        /// The bytes are collected and returned.
        case capture
        /// Discarded.
        case discard
    }

    public var executable: String
    public var arguments: [String]
    /// Complete environment (`NAME=value`); nil inherits this process's environment.
    public var environment: [String]?
    public var workingDirectory: String?
    public var standardOutput: Output
    public var standardError: Output

    public init(_ executable: String, _ arguments: [String] = [], environment: [String]? = nil,
                workingDirectory: String? = nil, standardOutput: Output = .inherit,
                standardError: Output = .inherit) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    public struct Result: Sendable {
        public var termination: Termination
        public var standardOutput: [UInt8]
        public var standardError: [UInt8]
    }

    /// Starts the process, waits for it, and returns how it ended with any captured output.
    /// A name without a slash is looked up on `PATH`.
    public func run() throws(SubprocessError) -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        var pipes: [Int32: (read: Int32, write: Int32)] = [:]
        defer { for (_, p) in pipes { close(p.read); if p.write >= 0 { close(p.write) } } }
        for (target, mode) in [(Int32(1), standardOutput), (Int32(2), standardError)] {
            switch mode {
            case .inherit: break
            case .discard:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
            case .capture:
                var fds: [Int32] = [0, 0]
                guard pipe(&fds) == 0 else { throw SubprocessError(executable: executable, errno: .current, stage: "create a pipe for") }
                _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
                _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
                pipes[target] = (fds[0], fds[1])
                posix_spawn_file_actions_adddup2(&actions, fds[1], target)
            }
        }
        if let workingDirectory {
            posix_spawn_file_actions_addchdir_np(&actions, workingDirectory)
        }

        // The child starts with default signal dispositions and an empty mask, whatever this process set.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), empty = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = [executable] + arguments
        let env = environment ?? Environment.all()
        var pid = pid_t()
        let status = withCStrings(argv) { cArgv in
            withCStrings(env) { cEnv in
                executable.contains("/")
                    ? posix_spawn(&pid, executable, &actions, &attributes, cArgv, cEnv)
                    : posix_spawnp(&pid, executable, &actions, &attributes, cArgv, cEnv)
            }
        }
        guard status == 0 else { throw SubprocessError(executable: executable, errno: Errno(status), stage: "start") }
        for key in pipes.keys { close(pipes[key]!.write); pipes[key]!.write = -1 }

        var captured: [[UInt8]] = [[], []]
        drain(stdout: pipes[1]?.read, stderr: pipes[2]?.read, into: &captured)

        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0 {
            guard errno == EINTR else { throw SubprocessError(executable: executable, errno: .current, stage: "wait for") }
        }
        let termination: Termination = (waitStatus & 0x7f) == 0
            ? .exited((waitStatus >> 8) & 0xff)
            : .signaled(waitStatus & 0x7f)
        return Result(termination: termination, standardOutput: captured[0], standardError: captured[1])
    }

    /// Reads every captured pipe until all reach end of file, without letting either fill up.
    /// Output is appended in place (a multi-megabyte stream costs amortised copies only).
    private func drain(stdout: Int32?, stderr: Int32?, into captured: inout [[UInt8]]) {
        var open: [(fd: Int32, index: Int)] = []
        if let stdout { open.append((stdout, 0)) }
        if let stderr { open.append((stderr, 1)) }
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 64)
        defer { buffer.deallocate() }
        while !open.isEmpty {
            var polls = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polls, nfds_t(polls.count), -1)
            if ready < 0 { if errno == EINTR { continue }; return }
            for p in polls where p.revents != 0 {
                let n = sysRead(p.fd, buffer.baseAddress!, chunk)
                if n < 0 && errno == EINTR { continue }
                guard let slot = open.firstIndex(where: { $0.fd == p.fd }) else { continue }
                if n <= 0 {
                    open.remove(at: slot)
                } else {
                    captured[open[slot].index].append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                }
            }
        }
    }

    /// Replaces this process with `executable` (PATH lookup without a slash). Returns only on failure.
    public static func exec(_ executable: String, _ arguments: [String]) -> SubprocessError {
        let argv = [executable] + arguments
        _ = withCStrings(argv) { cArgv in
            executable.contains("/") ? execv(executable, cArgv) : execvp(executable, cArgv)
        }
        return SubprocessError(executable: executable, errno: .current, stage: "execute")
    }
}

extension Subprocess {
    /// `exec` with every argument as bytes, passed on unchanged: an argument need not be UTF-8
    /// (a path with other bytes is a valid path). Returns only on failure.
    public static func exec(bytes executable: [UInt8], _ arguments: [[UInt8]]) -> SubprocessError {
        let argv = [executable] + arguments
        _ = withCStrings(bytes: argv) { cArgv in
            executable.contains(UInt8(ascii: "/")) ? execv(cArgv[0]!, cArgv) : execvp(cArgv[0]!, cArgv)
        }
        return SubprocessError(executable: String(decoding: executable, as: UTF8.self), errno: .current, stage: "execute")
    }
}

/// Calls `body` with a NULL-terminated `char *[]` built from byte strings (each NUL-terminated).
func withCStrings<R>(bytes strings: [[UInt8]], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { bytes in
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        bytes.withUnsafeBytes { raw in
            if raw.count > 0 { UnsafeMutableRawPointer(p).copyMemory(from: raw.baseAddress!, byteCount: raw.count) }
        }
        p[bytes.count] = 0
        return p
    }
    pointers.append(nil)
    defer { for p in pointers { p?.deallocate() } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// Calls `body` with a NULL-terminated `char *[]` built from `strings`.
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    // Each string stands for its bytes (LosslessText): an argument that is not UTF-8 reaches the program unchanged.
    withCStrings(bytes: strings.map(LosslessText.encode), body)
}
