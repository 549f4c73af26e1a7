import Glibc
import SwiftWrapCore

/// The names that must stay absent, by directory, while a recording collects them: where a new
/// header would shadow one castxml read. Existing directories are checked now (only the names that
/// are absent are kept); a missing directory is kept whole for `coverMissingDirectories`.
///
/// Candidates are grouped by directory: a header's name relative to its search directory is
/// split into a directory part and a file name, and each (earlier directory, directory part)
/// is checked once for all its names — a missing directory without any system call beyond
/// one `lstat`, an existing one by a few `access` calls or one listing.
struct ShadowProbes {
    /// Directory → names that must stay absent from it.
    private(set) var names: [String: Set<String>] = [:]
    var existence = DependencyRecorder.ExistenceMemo()
    private var listings: [String: Set<String>] = [:]
    private var directoryFDs: [String: Int32] = [:]

    mutating func closeDirectories() {
        for fd in directoryFDs.values where fd >= 0 { close(fd) }
        directoryFDs = [:]
    }

    /// For each dependency found in a search directory: its name in every earlier search directory
    /// and in every includer directory.
    mutating func probeEarlierDirectories(of absolutes: [String], searchDirectories: [String], includerDirectories: [String]) {
        // search directory index → directory part of the relative name → file names
        var found: [Int: [String: Set<String>]] = [:]
        for absolute in absolutes {
            for (k, dir) in searchDirectories.enumerated() where Path.isWithin(absolute, directory: dir) && absolute != dir {
                let (part, name) = ShadowProbes.split(String(absolute.dropFirst(dir == "/" ? 1 : dir.count + 1)))
                found[k, default: [:]][part, default: []].insert(name)
            }
        }
        for (k, byPart) in found.sorted(by: { $0.key < $1.key }) {
            let dir = searchDirectories[k]
            var targets = Set(searchDirectories[..<k])
            targets.formUnion(includerDirectories)
            targets.remove(dir)
            for target in targets.sorted() {
                for (part, names) in byPart { probe(directory: ShadowProbes.join(target, part), names: names) }
            }
        }
    }

    /// `__has_include` names (relative names) in every one of `directories`.
    mutating func probeEverywhere(_ tested: Set<String>, directories: [String]) {
        var byPart: [String: Set<String>] = [:]
        for (part, name) in tested.map(ShadowProbes.split) { byPart[part, default: []].insert(name) }
        for dir in directories {
            for (part, names) in byPart { probe(directory: ShadowProbes.join(dir, part), names: names) }
        }
    }

    private mutating func probe(directory: String, names: Set<String>) {
        guard existence.exists(directory) else {
            // Nothing below a missing directory is looked at again: `coverMissingDirectories`
            // turns it into one name in its nearest existing ancestor.
            if Path.isAbsolute(directory) && directory != "/" {
                if self.names[directory] == nil { self.names[directory] = [] }
            } else {
                self.names[directory, default: []].formUnion(names)
            }
            return
        }
        let absent: Set<String>
        if names.count <= 256 {
            // One lookup each, relative to the open directory, is cheaper than listing a big
            // directory (ITK's include directory has 3,000 entries).
            if directoryFDs[directory] == nil { directoryFDs[directory] = LosslessText.withCPath(directory) { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) } }
            let fd = directoryFDs[directory]!
            if fd >= 0 {
                absent = names.filter { name in LosslessText.withCPath(name) { faccessat(fd, $0, F_OK, 0) } != 0 }
            } else {
                absent = names.filter { !FileSystem.exists(directory + "/" + $0) }
            }
        } else {
            if listings[directory] == nil { listings[directory] = FileSystem.names(in: directory) }
            absent = names.subtracting(listings[directory]!)
        }
        if !absent.isEmpty { self.names[directory, default: []].formUnion(absent) }
    }

    static func join(_ directory: String, _ relative: String) -> String {
        relative.isEmpty ? directory : (directory == "/" ? "/" + relative : directory + "/" + relative)
    }

    /// `sub/dir/x.h` → (`sub/dir`, `x.h`); `x.h` → (``, `x.h`).
    static func split(_ relative: String) -> (part: String, name: String) {
        let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/"))
        return (slash.map { String(relative[..<$0]) } ?? "", Path.fileName(of: relative))
    }
}
