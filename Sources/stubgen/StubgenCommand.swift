import ArgumentParser
import SwiftWrapCore
import ToolSupport

@main
struct StubgenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stubgen",
        abstract: "Write typed Python stubs from the record database and the submodule manifests.",
        version: SwiftWrapVersion.string)

    @Option(name: .long, help: "The record database.")
    var database: String?

    @Argument(help: "Manifest (.index.txt) files.")
    var manifests: [String] = []

    func run() throws {
        Diagnostics(tool: "stubgen").error("stub generation is not implemented in this version")
        throw ExitCode(ToolExit.failure)
    }
}
