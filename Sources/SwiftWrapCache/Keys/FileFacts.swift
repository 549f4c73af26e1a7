import SwiftWrapCore

/// What castxml-cache needs to know about one version of a file, without reading it again.
struct FileFacts: Equatable {
    var digest: Digest
    /// `__TIME__`, `__DATE__` or `__TIMESTAMP__` if the file mentions one.
    var timeMacro: String?
    /// Names the file tests with `__has_include`.
    var hasIncludeNames: [String]

    /// Facts of a file's bytes, whose SHA-256 the caller already has.
    init(bytes: [UInt8], digest: Digest) {
        self.digest = digest
        timeMacro = SourceScan.timeMacro(in: bytes)
        hasIncludeNames = SourceScan.hasIncludeNames(in: bytes)
    }

    init(digest: Digest, timeMacro: String?, hasIncludeNames: [String]) {
        self.digest = digest
        self.timeMacro = timeMacro
        self.hasIncludeNames = hasIncludeNames
    }
}
