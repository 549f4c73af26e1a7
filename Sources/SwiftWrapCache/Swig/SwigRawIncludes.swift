import Glibc
import SwiftWrapCore

/// Files SWIG reads without listing them in its `-MD` output: SWIG 4.1 copies the file named by
/// `%insert("section") "file"` (and by the directives built on it, such as `%pythoncode "file"`)
/// into its output but leaves it out of its dependency list. The cache scans the user files of a run
/// (those outside SWIG's library) for any `%name "file"` or `%name(…) "file"` and adds each named
/// file that SWIG's search path finds (and that is not already listed) to the run's dependencies,
/// so editing it is a miss. A string that names no file is no dependency (`%feature("x") "doc"`).
enum SwigRawIncludes {
    static func files(in dependencies: [String], library: String?, searchDirectories: [String],
                      workingDirectory: String) -> [String] {
        let listed = Set(dependencies.map { Path.absolute($0, base: workingDirectory) })
        var found: [String] = []
        var seen = listed
        for dependency in dependencies {
            let absolute = Path.absolute(dependency, base: workingDirectory)
            if let library, Path.isWithin(absolute, directory: library) { continue }
            guard let bytes = try? FileSystem.read(dependency) else { continue }
            for name in names(in: bytes) {
                guard let file = resolve(name, searchDirectories: searchDirectories, workingDirectory: workingDirectory),
                      seen.insert(file).inserted else { continue }
                found.append(file)
            }
        }
        return found
    }

    /// The strings after `%<identifier>` (optionally followed by a parenthesised list on the same
    /// line), except for `%include` and `%import`, which SWIG lists itself.
    static func names(in bytes: [UInt8]) -> [String] {
        var names: [String] = []
        var i = 0
        let n = bytes.count
        func isIdentifier(_ b: UInt8, first: Bool) -> Bool {
            (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 95 || (!first && b >= 48 && b <= 57)
        }
        func skipBlanks() { while i < n, bytes[i] == 32 || bytes[i] == 9 { i += 1 } }
        while i < n {
            guard bytes[i] == 37 /* % */, i + 1 < n, isIdentifier(bytes[i + 1], first: true) else { i += 1; continue }
            let start = i + 1
            i = start
            while i < n, isIdentifier(bytes[i], first: false) { i += 1 }
            let identifier = String(decoding: bytes[start..<i], as: UTF8.self)
            if identifier == "include" || identifier == "import" { continue }
            skipBlanks()
            if i < n, bytes[i] == 40 /* ( */ {
                while i < n, bytes[i] != 41 /* ) */, bytes[i] != 10 { i += 1 }
                guard i < n, bytes[i] == 41 else { continue }
                i += 1
                skipBlanks()
            }
            guard i < n, bytes[i] == 34 /* " */ else { continue }
            let open = i + 1
            var close = open
            while close < n, bytes[close] != 34, bytes[close] != 10 { close += 1 }
            guard close < n, bytes[close] == 34, close > open else { continue }
            names.append(LosslessText.decode(Array(bytes[open..<close])))
            i = close + 1
        }
        return names
    }

    /// The regular file SWIG's search path finds for `name` (absolute, normalised), or nil.
    private static func resolve(_ name: String, searchDirectories: [String], workingDirectory: String) -> String? {
        let candidates = Path.isAbsolute(name) ? [name] : searchDirectories.map { Path.join($0, name) }
        for candidate in candidates {
            var raw = stat()
            if LosslessText.withCPath(candidate, { stat($0, &raw) }) == 0, FileStat(raw).isRegularFile {
                return Path.absolute(candidate, base: workingDirectory)
            }
        }
        return nil
    }
}
