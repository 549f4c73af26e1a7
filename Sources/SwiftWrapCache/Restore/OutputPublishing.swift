import SwiftWrapCore

extension CacheContext {
    /// Writes the depfiles the invocation asked for: castxml's own `-MD`/`-MF` request, and
    /// castxml-cache's `--depfile`, each atomically.
    func writeDepfiles(_ dependencies: [String]) throws(CacheError) {
        do {
            if let request = command.dependencyRequest {
                try AtomicWriter.write(Depfile.render(targets: request.targets, dependencies: dependencies, phony: request.phony),
                                       to: request.file)
            }
            if let file = self.request.depfile {
                try AtomicWriter.write(Depfile.render(targets: [command.output!], dependencies: dependencies, phony: false), to: file)
            }
        } catch { throw error.cache }
    }
}
