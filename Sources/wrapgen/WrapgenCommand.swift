import ArgumentParser
import SwiftWrapCore
import ToolSupport

@main
struct WrapgenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wrapgen",
        abstract: "Turn CastXML XML into class records, manifests, SWIG interfaces and a module stamp.",
        version: SwiftWrapVersion.string)

    @Option(name: .long, help: "Name of the wrapped module.")
    var module: String?

    @Argument(help: "CastXML XML files, one per submodule.")
    var xmlFiles: [String] = []

    func run() throws {
        Diagnostics(tool: "wrapgen").error("record generation is not implemented in this version")
        throw ExitCode(ToolExit.failure)
    }
}
