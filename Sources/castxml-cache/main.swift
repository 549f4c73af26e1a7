import SwiftWrapCore
import ToolSupport

let diagnostics = Diagnostics(tool: "castxml-cache")
let arguments = Array(CommandLine.arguments.dropFirst())

let usage = """
    USAGE: castxml-cache [options] <castxml> [castxml arguments...]
           castxml-cache --show-stats | --zero-stats | --help | --version

    A content-addressed cache in front of CastXML. Put it in front of the castxml command
    line, the way ccache is put in front of a compiler.

    OPTIONS:
    """

func printHelp() {
    var text = usage + "\n"
    for setting in Setting.allCases {
        let d = setting.definition
        guard let flag = d.flag else { continue }
        let head = d.kind == .bool ? flag : flag + " <value>"
        text += "  \(head)\n      \(d.summary)"
        if let env = d.environmentVariable { text += " (env \(env))" }
        text += "\n"
    }
    text += """
      --depfile <file>
          Also write a Makefile depfile of every file castxml read (on hits too).
      --show-stats      Print the cache statistics and exit.
      --zero-stats      Reset the statistics counters and exit.
      --help            Show this help.
      --version         Show the version.

    See docs/cli.md and docs/configuration.md.

    """
    Diagnostics.writeStandardOutput(text)
}

let options: LeadingOptions
do {
    options = try LeadingOptions.parse(arguments, settings: Setting.allCases, valueOptions: ["--depfile"],
                                       switchOptions: ["--help", "-h", "--version", "--show-stats", "--zero-stats"])
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
if options.rest.isEmpty {
    diagnostics.usageError("no castxml command given")
}
let failure = Subprocess.exec(options.rest[0], Array(options.rest.dropFirst()))
diagnostics.error(failure.description)
exit(127)
