import SwiftWrapCore

/// SWIG's own dependency files, byte for byte, and where its library lives.
///
/// SWIG 4.1 writes `target: \` and then one `  <file> \` line per file, the last one `  <file> `
/// (a space before the newline); `-MP` adds `\n<file>:\n` for every file, the input included;
/// several `-MT` values are joined with a space, and a space in a name is written `\ `. `-MD`
/// lists every file SWIG read, its own library (`swig.swg`, `python.swg`, …) first; `-MMD` leaves
/// the library's files out. The cache always runs SWIG with `-MD` (every file is keyed) and renders
/// what the user asked for from that list.
enum SwigDepfile {
    static func render(_ request: SwigCommandLine.DependencyRequest, output: String, dependencies: [String],
                       libraryDirectory: String?, workingDirectory: String) -> String {
        var files = dependencies
        if request.omitLibrary, let libraryDirectory {
            files = files.filter { !Path.isWithin(Path.absolute($0, base: workingDirectory), directory: libraryDirectory) }
        }
        let target = request.targets.isEmpty ? output : request.targets.joined(separator: " ")
        var text = escape(target) + ": \\\n"
        for (index, file) in files.enumerated() {
            text += "  " + escape(file) + (index == files.count - 1 ? " \n" : " \\\n")
        }
        if request.phony {
            for file in files { text += "\n" + escape(file) + ":\n" }
        }
        return text
    }

    static func escape(_ path: String) -> String {
        var out = ""
        for c in path.unicodeScalars {
            if c == " " { out += "\\ " } else { out.unicodeScalars.append(c) }
        }
        return out
    }

    /// The SWIG library directory of a run: where the `swig.swg` it read lives (SWIG reads it first
    /// on every run). Nil when the list has none (then no file counts as the library's).
    static func libraryDirectory(_ dependencies: [String], workingDirectory: String) -> String? {
        for file in dependencies where Path.fileName(of: file) == "swig.swg" {
            return Path.directory(of: Path.absolute(file, base: workingDirectory))
        }
        return nil
    }

    /// SWIG's search order for `%include`/`%import`: the working directory (unless `-I-`), the `-I`
    /// directories, `./swig_lib`, then the library, each library directory with its language
    /// subdirectories (`python/`) first. A file found later must stay absent from every earlier one.
    static func searchDirectories(_ command: SwigCommandLine, dependencies: [String], workingDirectory: String) -> [String] {
        var dirs: [String] = command.searchesWorkingDirectory ? [workingDirectory] : []
        dirs += command.includeDirectories
        let library = libraryDirectory(dependencies, workingDirectory: workingDirectory)
        var languages: Set<String> = []
        if let library {
            for file in dependencies {
                let absolute = Path.absolute(file, base: workingDirectory)
                guard Path.isWithin(absolute, directory: library) else { continue }
                let parts = Path.relative(from: library, to: absolute).split(separator: "/")
                if parts.count == 2 { languages.insert(String(parts[0])) }
            }
        }
        for base in [workingDirectory + "/swig_lib"] + (library.map { [$0] } ?? []) {
            for language in languages.sorted() { dirs.append(base + "/" + language) }
            dirs.append(base)
        }
        return dirs
    }
}
