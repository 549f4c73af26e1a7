import SwiftWrapCore

/// `items.map(transform)` on up to one thread per online processor (at most 4), results in input
/// order. stubgen decodes and renders submodules independently, so the work splits cleanly. The
/// threads are SwiftWrapCore's (`BackgroundTask`), as wrapgen's are.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @escaping @Sendable (T) -> R) -> [R] {
    let workers = min(4, ProcessorCount.online, items.count)
    if workers <= 1 { return items.map(transform) }
    // Worker w takes the items w, w + workers, w + 2 workers, …; this thread is worker 0.
    @Sendable func share(_ worker: Int) -> [(Int, R)] {
        stride(from: worker, to: items.count, by: workers).map { ($0, transform(items[$0])) }
    }
    let others = (1..<workers).map { worker in BackgroundTask { share(worker) } }
    var results = share(0)
    for task in others { results += task.wait() }
    return results.sorted { $0.0 < $1.0 }.map(\.1)
}
