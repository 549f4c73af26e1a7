import SwiftWrapCore

/// One way a direct key was satisfied before: the files castxml read (with content hashes and the
/// stats that vouch for them) and the include-path probes that must still fail, grouped by the
/// directory whose listing would change if a shadowing header appeared.
struct DirectIndexEntry: Equatable {
    struct File: Equatable {
        var stored: String  // Relocator.storedPath form
        var digest: Digest
        var stat: FileStat?  // nil: changed too recently to vouch for the hash
    }

    enum DirectoryState: Equatable {
        case present(FileStat)
        case absent
        case unsettled
    }

    struct ProbeDirectory: Equatable {
        var stored: String
        var state: DirectoryState
        /// File names joined by `/` (which no file name contains): split only when the directory changed.
        var packedNames: String

        init(stored: String, state: DirectoryState, names: [String]) {
            self.init(stored: stored, state: state, packedNames: names.joined(separator: "/"))
        }

        init(stored: String, state: DirectoryState, packedNames: String) {
            self.stored = stored
            self.state = state
            self.packedNames = packedNames
        }

        var names: [String] { packedNames.split(separator: "/").map(String.init) }
    }

    var objectKey: Digest
    var files: [File]
    var probes: [ProbeDirectory]
    /// What the direct key was derived from, one `<kind> <value>` text each (`KeyInputs`), for
    /// `--inspect` and `--explain`; lookups skip them. Empty in entries parsed for a lookup.
    var keyInputs: [String] = []
    /// When the entry was stored (seconds since the epoch; 0: unknown).
    var storedAt: Int64 = 0
}
