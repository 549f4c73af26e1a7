@testable import SwiftWrapCache

extension DependencyRecorder {
    /// `coverMissingDirectories` with a fresh existence memo.
    static func coverMissingDirectories(_ probes: [String: Set<String>]) -> [String: Set<String>] {
        var memo = ExistenceMemo()
        return coverMissingDirectories(probes, memo: &memo)
    }
}
