import Dispatch
import Glibc
import SwiftWrapCore
import Synchronization

/// `items.map(transform)` on up to one thread per online processor (at most 4), results in input
/// order. stubgen decodes and renders submodules independently, so the work splits cleanly.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    let workers = min(4, max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))), items.count)
    if workers <= 1 { return items.map(transform) }
    let results = Mutex<[(Int, R)]>([])
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var local: [(Int, R)] = []
        for index in stride(from: worker, to: items.count, by: workers) { local.append((index, transform(items[index]))) }
        results.withLock { $0 += local }
    }
    return results.withLock { $0 }.sorted { $0.0 < $1.0 }.map(\.1)
}
