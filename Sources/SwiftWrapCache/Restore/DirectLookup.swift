import SwiftWrapCore

/// The direct-mode lookup: the entry file of the direct key, its entries tried newest first
/// against the file system, and the first entry that still holds restored.
struct DirectLookup {
    let context: CacheContext

    /// A direct hit's outcome, or why there was none (what differs from the newest recorded entry).
    enum Result {
        case hit(CacheOutcome)
        case miss(reason: String)
    }

    func restore(_ direct: Digest) throws(CacheError) -> Result {
        let root = context.root
        guard let bytes = (try? root.readEntryFile(directKey: direct)) ?? nil else {
            return .miss(reason: "no entry for this command line, tool identity and environment")
        }
        let check = DependencyChecker(relocator: context.relocator, hasher: context.hasher)
        let restorer = ObjectRestorer(context: context)
        var reason: String?
        var outcome: CacheOutcome?
        do {
            // Files are checked as each entry is parsed; an entry whose files all hold is then
            // checked for shadowing headers.
            try DirectIndexFile.forEachEntry(bytes, path: root.name(of: .entryFile(directKey: direct)), rejectFile: { check.mismatch($0) },
                                             rejected: { reason = reason ?? $0 }) { (entry) throws(CacheError) in
                if let mismatch = check.probeMismatch(entry) {
                    reason = reason ?? mismatch
                    return false
                }
                outcome = try restorer.restore(objectKey: entry.objectKey, dependencies: check.dependencyPaths(entry),
                                               digests: entry.files.map(\.digest), result: .directHit)
                if outcome == nil { reason = reason ?? "object missing or corrupt" }
                return outcome != nil
            }
        } catch {
            if case .corruptEntry = error {
                try? root.remove(.entryFile(directKey: direct))
                return .miss(reason: "manifest is corrupt")
            }
            throw error
        }
        if let outcome { return .hit(outcome) }
        return .miss(reason: reason ?? "no entry for this command line, tool identity and environment")
    }
}
