import CPosix
import Glibc

/// Runs `side` on a second thread while `main` runs on the calling one, and returns both results
/// once both are done (the second thread is always joined, also when `main` throws).
///
/// For work that splits in two independent halves (wrapgen: the two halves of a large XML file,
/// the two halves of a submodule's classes). On a one-processor machine, or when no thread can be
/// started, `side` runs on the calling thread after `main`: the results are the same either way,
/// so callers must not depend on the order. Plain POSIX threads: no Dispatch runtime to load.
public func concurrently<A, B: Sendable, E: Error>(_ main: () throws(E) -> A,
                                                    alongside side: @escaping @Sendable () -> B) throws(E) -> (A, B) {
    let task = SideTask(side)
    guard ProcessorCount.online > 1, let thread = task.start() else {
        let first = try main()
        return (first, side())
    }
    let first: A
    do { first = try main() } catch {
        pthread_join(thread, nil)
        throw error
    }
    pthread_join(thread, nil)
    return (first, task.takeResult())
}

/// Work started on a second thread now and waited for later, while the calling thread does other
/// work (wrapgen frees parsed documents while it finishes the plan). Where no thread can start (one
/// processor, or `pthread_create` fails), the work runs on the calling thread in `init`. The thread
/// is always joined: by `wait()`, or when the task goes away.
public final class BackgroundTask<B: Sendable> {
    private let task: SideTask<B>
    private var thread: pthread_t?
    private var inlineResult: B?

    public init(_ work: @escaping @Sendable () -> B) {
        task = SideTask(work)
        thread = ProcessorCount.online > 1 ? task.start() : nil
        if thread == nil { inlineResult = work() }
    }

    /// The work's result, once it is done.
    @discardableResult
    public func wait() -> B {
        if let inlineResult { return inlineResult }
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        }
        let result = task.takeResult()
        inlineResult = result
        return result
    }

    deinit {
        if let thread { pthread_join(thread, nil) }
    }
}

/// Online processors, read once.
public enum ProcessorCount {
    public static let online: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}

/// The second thread's result. It is written by the side thread before it exits and read by the
/// caller only after `pthread_join`, which orders the two.
private final class SideTask<B: Sendable>: @unchecked Sendable {
    private let work: @Sendable () -> B
    private var result: B?

    init(_ work: @escaping @Sendable () -> B) { self.work = work }

    func start() -> pthread_t? {
        let creatorCPU = swiftwrap_current_cpu()
        return ThreadEntry.start {
            // The creator keeps working on its processor: start on another one (CPosix).
            swiftwrap_move_off_cpu(creatorCPU)
            self.result = self.work()
        }
    }

    func takeResult() -> B { result! }
}

/// A started thread's body (non-generic, so the C entry point needs no generic context).
private final class ThreadEntry: @unchecked Sendable {
    let body: @Sendable () -> Void
    private init(_ body: @escaping @Sendable () -> Void) { self.body = body }

    static func start(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(ThreadEntry(body)).toOpaque()
        guard pthread_create(&thread, nil, threadMain, context) == 0 else {
            Unmanaged<ThreadEntry>.fromOpaque(context).release()
            return nil
        }
        return thread
    }
}

private func threadMain(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    Unmanaged<ThreadEntry>.fromOpaque(raw!).takeRetainedValue().body()
    return nil
}
