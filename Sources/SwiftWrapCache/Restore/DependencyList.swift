import Glibc
import SwiftWrapCore

extension CacheContext {
    /// The files castxml read, from the `-MD` depfile it wrote at `depfile`, each spelled so it can
    /// be opened. Errors name the depfile (and the listed file, when that is what cannot be found).
    func readDependencies(_ depfile: String) throws(CacheError) -> [String] {
        try CacheContext.readDependencyFile(depfile)
    }

    /// `readDependencies` without a context (castxml runs the cache does not serve, and SWIG runs).
    static func readDependencyFile(_ depfile: String) throws(CacheError) -> [String] {
        let text: String
        // Paths are bytes: a listed name that is not UTF-8 must stay openable.
        do { text = LosslessText.decode(try FileSystem.read(depfile)) } catch {
            throw .depfile(path: depfile, reason: error.errno.map { "\($0)" } ?? error.description)
        }
        let listed: [String]
        do { listed = try Depfile.parse(text, path: depfile) } catch { throw .depfile(path: depfile, reason: error.message) }
        var result: [String] = []
        for path in listed {
            guard let found = DependencySpelling.openable(path) else {
                throw .depfile(path: depfile, reason: "it lists '\(path)', which does not exist")
            }
            result.append(found)
        }
        return result
    }
}

/// castxml (clang) writes every backslash of a path in its depfile as `/`, so `inc\dir/x.h` is
/// listed as `inc/dir/x.h`. A listed path that does not exist is looked for with each `/` read
/// back as either character, component by component (only on a miss; a hit never parses a depfile).
enum DependencySpelling {
    /// The listed path if it exists, else the existing path it stands for, else nil.
    static func openable(_ listed: String) -> String? {
        if exists(listed) || !listed.contains("/") { return exists(listed) ? listed : nil }
        var budget = 256
        let parts = listed.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return search(parts, index: 1, built: parts[0], budget: &budget)
    }

    /// Depth-first: at each separator, try `/` (the prefix must be an existing directory) and `\`.
    private static func search(_ parts: [String], index: Int, built: String, budget: inout Int) -> String? {
        if index == parts.count { return exists(built) ? built : nil }
        budget -= 1
        guard budget > 0 else { return nil }
        if built.isEmpty || isDirectory(built),
           let found = search(parts, index: index + 1, built: built + "/" + parts[index], budget: &budget) {
            return found
        }
        guard !built.isEmpty, !parts[index].isEmpty else { return nil }
        return search(parts, index: index + 1, built: built + "\\" + parts[index], budget: &budget)
    }

    private static func exists(_ path: String) -> Bool {
        var raw = stat()
        return LosslessText.withCPath(path) { stat($0, &raw) } == 0
    }

    private static func isDirectory(_ path: String) -> Bool {
        var raw = stat()
        return LosslessText.withCPath(path) { stat($0, &raw) } == 0 && (raw.st_mode & S_IFMT) == S_IFDIR
    }
}
