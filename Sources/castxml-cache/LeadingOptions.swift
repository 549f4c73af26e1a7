import Glibc
import SwiftWrapCache

/// castxml-cache's leading-option parser: its command line is "options, then a program and its
/// arguments untouched". Options are the rows of the cache's settings table that have a flag, plus
/// the tool's own actions. Parsing stops at the first argument that is not an option, or `--`.
struct LeadingOptions {
    var settingFlags: [CacheSetting: String] = [:]
    var values: [String: String] = [:]
    var switches: Set<String> = []
    var rest: [String] = []
    /// The index in the parsed arguments where `rest` starts.
    var restStart = 0

    enum ParseError: Error, Equatable, CustomStringConvertible {
        case unknownOption(String)
        case missingValue(String)
        var description: String {
            switch self {
            case .unknownOption(let o): return "unknown option '\(o)'"
            case .missingValue(let o): return "option '\(o)' needs a value"
            }
        }
    }

    /// - Parameters:
    ///   - settings: settings whose flags this tool accepts (bool settings are switches).
    ///   - valueOptions: the tool's own options that take a value (e.g. `--depfile`).
    ///   - switchOptions: the tool's own switches (e.g. `--show-stats`).
    ///   - aliases: other spellings of an option (`-M` → `--max-size`); results use the canonical name.
    static func parse(_ arguments: [String], settings: [CacheSetting], valueOptions: Set<String>,
                      switchOptions: Set<String>, aliases: [String: String] = [:]) throws(ParseError) -> LeadingOptions {
        var result = LeadingOptions()
        var byFlag: [String: CacheSetting] = [:]
        for s in settings { if let f = s.definition.flag { byFlag[f] = s } }
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { index += 1; break }
            guard argument.hasPrefix("-"), argument.count > 1 else { break }
            var name = argument, inline: String?
            if let eq = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<eq])
                inline = String(argument[argument.index(after: eq)...])
            }
            if let canonical = aliases[name] { name = canonical }
            let takesValue: Bool
            if let setting = byFlag[name] {
                takesValue = setting.definition.kind != .bool
            } else if valueOptions.contains(name) {
                takesValue = true
            } else if switchOptions.contains(name) {
                takesValue = false
            } else {
                throw .unknownOption(argument)
            }
            var value = "1"
            if takesValue {
                if let inline { value = inline } else {
                    index += 1
                    guard index < arguments.count else { throw .missingValue(name) }
                    value = arguments[index]
                }
            } else if let inline {
                value = inline
            }
            if let setting = byFlag[name] { result.settingFlags[setting] = value }
            else if takesValue { result.values[name] = value }
            else { result.switches.insert(name) }
            index += 1
        }
        result.rest = Array(arguments[index...])
        result.restStart = index
        return result
    }
}

/// The command line as the kernel passed it: bytes. (`CommandLine.arguments` repairs bytes that are
/// not UTF-8, which would change a path castxml is given.) Plain functions, not closures in
/// main.swift: top-level closures there are main-actor isolated and would link the concurrency
/// runtime into the hit path.
enum ArgumentBytes {
    /// argv[1...] unchanged.
    static func fromCommandLine() -> [[UInt8]] {
        var result: [[UInt8]] = []
        var index = 1
        while index < Int(CommandLine.argc) {
            if let pointer = CommandLine.unsafeArgv[index] {
                result.append(Array(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer))))
            }
            index += 1
        }
        return result
    }

    /// Text for castxml-cache's own leading options (repaired where not UTF-8; never passed to castxml).
    static func text(_ arguments: [[UInt8]]) -> [String] {
        var result: [String] = []
        for bytes in arguments { result.append(String(decoding: bytes, as: UTF8.self)) }
        return result
    }

    /// castxml's own `-MD -MF FILE`, which stands in for `--depfile FILE` when castxml runs directly.
    static func depfileRequest(_ depfile: String?) -> [[UInt8]] {
        guard let depfile else { return [] }
        return [Array("-MD".utf8), Array("-MF".utf8), Array(depfile.utf8)]
    }
}
