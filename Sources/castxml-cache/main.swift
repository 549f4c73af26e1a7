import Glibc
import SwiftWrapCache
import SwiftWrapCore
import ToolSupport

let diagnostics = Diagnostics(tool: "castxml-cache")
let argumentBytes = ArgumentBytes.fromCommandLine()
/// castxml-cache's own leading options are read as text; the castxml command is kept as bytes.
let arguments = ArgumentBytes.text(argumentBytes)
runCompileLauncherIfRequested(arguments, diagnostics: diagnostics)

let usage = """
    USAGE: castxml-cache [options] <castxml> [castxml arguments...]
           castxml-cache [options] --swig <swig> [swig arguments...]
           castxml-cache --compile-launcher [--covered <list>]... -- <compile command...>
           castxml-cache --show-stats [--json] | --zero-stats | --show-config | --verify | --help | --version
           castxml-cache --max-size SIZE | --cleanup | --clear | --evict-older-than AGE | --evict DAYS
           castxml-cache --inspect <key|output> | --explain <castxml> [args...]
           castxml-cache --export <file> [--used-since <age>] | --import <file>

    A content-addressed cache in front of CastXML. Put it in front of the castxml command
    line, the way ccache is put in front of a compiler.

    OPTIONS:
    """

func printHelp() {
    var text = usage + "\n"
    for setting in CacheSetting.allCases {
        let d = setting.definition
        guard let flag = d.flag else { continue }
        let head = d.kind == .bool ? flag : flag + " <value>"
        text += "  \(head)\n      \(d.summary)"
        if let env = d.environmentVariable { text += " (env \(env))" }
        text += "\n"
    }
    text += """
      --swig
          Cache a SWIG run instead: the program that follows is swig (docs/cli.md).
      --depfile <file>
          Also write a Makefile depfile of every file castxml read (on hits too).
      --depfile-relative-to <dir>
          In the --depfile, name the output and every file below <dir> relative to <dir> (the
          form Ninja reads for a build rooted there, as CMake's depfile transform writes it).
      --header-digest <file>
          Write "<sha256> <path>" for every file castxml read; rewritten only when a content changes.
      --remote-config <file>
          A configuration file (remote = URL, remote_readonly = 1, ...) read on a local miss for the
          remote-cache settings; the CMake module writes one (docs/remote-cache.md).
      --show-config     Print every setting with its value and origin, and exit.
      --inspect <key|output>
                        Show an entry (by direct or object key, or a prefix) or the entry stored
                        for an output file: key inputs, dependencies, sizes, stored, last used.
      --verify          Check every entry and object, remove damaged ones, print counts.
      --explain <castxml> [args...]
                        Say whether this call would hit and, on a miss, the first input that
                        differs from the nearest recorded entry. Runs no castxml compile.
      --export <file> [--used-since <age>]
                        Write the entries (used within AGE: 30d, 12h, 90m, 45s) to an archive.
      --import <file>   Verify and merge an archive's entries into the cache.
      --show-stats      Print the cache statistics and exit.
      --zero-stats      Reset the statistics counters and exit.
      --show-stats, -s  Print the cache statistics and exit (--json: as one JSON object).
      --zero-stats, -z  Reset the statistics counters and exit.
      -M <size>         Same as --max-size; without a castxml command, saved in the root's
                        configuration file.
      --cleanup         Trim the primary root to its size cap now; remove temporary files older
                        than an hour and layouts of older versions.
      --clear, -C       Remove every entry of the primary root (statistics and configuration stay).
      --evict-older-than <age>
                        Remove entries unused for AGE (30d, 12h, 90m, 45s).
      --evict <days>    ITK's form: when something was stored since the last eviction, remove
                        entries unused for DAYS (fractional) days, then trim to the size cap.
      --help            Show this help.
      --version         Show the version.

    See docs/cli.md and docs/configuration.md.

    """
    Diagnostics.writeStandardOutput(text)
}

let options: LeadingOptions
do {
    options = try LeadingOptions.parse(arguments, settings: CacheSetting.allCases,
                                       valueOptions: Maintenance.valueOptions
                                           .union(["--depfile", "--depfile-relative-to", "--header-digest", "--remote-config"])
                                           .union(Actions.values),
                                       switchOptions: Maintenance.switchOptions
                                           .union(["--help", "-h", "--version", "--swig"])
                                           .union(Actions.switches),
                                       aliases: Maintenance.aliases)
} catch {
    diagnostics.usageError(error.description)
}
if options.switches.contains("--help") || options.switches.contains("-h") {
    printHelp()
    exit(ToolExit.success)
}
if options.switches.contains("--version") {
    Diagnostics.writeStandardOutput("castxml-cache \(SwiftWrapVersion.string)\n")
    exit(ToolExit.success)
}
let settings: CacheSettings
do {
    settings = try CacheSettings(flags: options.settingFlags)
} catch {
    diagnostics.usageError(error.description)
}

Actions.run(options, settings: settings, arguments: argumentBytes, diagnostics: diagnostics)
Maintenance.runIfRequested(options, settings: settings)

if options.rest.isEmpty {
    diagnostics.usageError(options.switches.contains("--swig") ? "no swig command given after --swig" : "no castxml command given")
}
if options.switches.contains("--swig") && options.values["--depfile"] != nil {
    diagnostics.usageError("--depfile is for castxml; give swig its own -MD -MF <file>")
}

var request = CastXMLCache.Request(program: argumentBytes[options.restStart],
                                   arguments: Array(argumentBytes[(options.restStart + 1)...]),
                                   depfile: options.values["--depfile"])
request.depfileRelativeTo = options.values["--depfile-relative-to"]
request.headerDigest = options.values["--header-digest"]
request.remoteConfig = options.values["--remote-config"]
let swig = options.switches.contains("--swig")
if swig && request.needsDependencyOutputs {
    diagnostics.usageError("--depfile-relative-to and --header-digest are for castxml, not --swig")
}
if request.depfileRelativeTo != nil && request.depfile == nil {
    diagnostics.usageError("--depfile-relative-to needs --depfile <file>")
}
var outcome: CacheOutcome
if swig {
    outcome = SwigCache(request: request, settings: settings).run()
} else {
    let cache = CastXMLCache(request: request, settings: settings)
    outcome = cache.run()
    for warning in cache.warnings { diagnostics.warning(warning) }
}
if case .runDirectly = outcome, request.needsDependencyOutputs {
    // castxml cannot write these outputs itself: run it as a child, then write them.
    outcome = CastXMLCache.runUncached(request)
}
switch outcome {
case .outputUnwritable(let message), .failed(let message):
    diagnostics.error(message)
    exit(ToolExit.failure)
case .runDirectly:
    // castxml itself cannot write our --depfile: ask for its -MD output there instead.
    let failure = Subprocess.exec(bytes: request.programBytes, request.argumentBytes + ArgumentBytes.depfileRequest(request.depfile))
    diagnostics.error(failure.description)
    exit(127)
case .finished(let status, let standardOutput, let standardError):
    try? FileSystem.writeAll(fd: 1, standardOutput, path: "<stdout>")
    try? FileSystem.writeAll(fd: 2, standardError, path: "<stderr>")
    // Die the way castxml died, so the build tool sees the same status.
    exit(like: status)
}
