import Glibc
import SwiftWrapCache
import SwiftWrapCore
import ToolSupport

/// `castxml-cache --compile-launcher --covered LIST … -- COMMAND…`: the launcher of the SWIG
/// wrapper compiles (CompileLauncher). Runs COMMAND with this process's streams, then drops the
/// covered headers from its -MF file; exits with COMMAND's status (or dies of its signal).
func runCompileLauncherIfRequested(_ arguments: [String], diagnostics: Diagnostics) {
    guard arguments.first == "--compile-launcher" else { return }
    guard let invocation = CompileLauncher.parse(Array(arguments.dropFirst())) else {
        diagnostics.usageError("--compile-launcher takes [--covered LIST]... -- COMMAND...")
    }
    let run: Subprocess.Result
    do {
        run = try Subprocess(invocation.command[0], Array(invocation.command.dropFirst())).run()
    } catch {
        diagnostics.error(error.description)
        exit(127)
    }
    switch run.termination {
    case .exited(0):
        if let depfile = CompileLauncher.dependencyFile(of: invocation.command) {
            do { try CompileLauncher.dropCovered(from: depfile, covered: invocation.covered) } catch {
                diagnostics.error(error.description)
                exit(ToolExit.failure)
            }
        }
        exit(0)
    case .exited, .signaled:
        exit(like: run.termination)
    }
}

/// Ends this process the way a child ended: its exit status, or death by its signal (so the build
/// tool sees the same status).
func exit(like termination: Termination) -> Never {
    switch termination {
    case .exited(let code):
        exit(code)
    case .signaled(let signal):
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
        exit(128 + signal)
    }
}
