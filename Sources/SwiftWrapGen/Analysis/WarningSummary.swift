/// The terminal's view of a run's warnings: every "not wrapped" warning of one C++ type becomes one
/// line with a count and the CMake call that would wrap the type; other warnings stay as they are.
/// (ITK's 15 filters gave ~1,100 per-use lines; `--warnings-file` keeps them all.)
public enum WarningSummary {
    public static func lines(_ warnings: [Warning], module: String) -> [String] {
        var byType: [String: [Warning]] = [:]
        var byOperator: [String: [Warning]] = [:]
        var others: [String] = []
        for warning in warnings {
            if let type = warning.unwrappedType { byType[type, default: []].append(warning) }
            else if let name = warning.skippedOperator { byOperator[name, default: []].append(warning) }
            else { others.append(warning.description) }
        }
        // One line per operator: the first declaration's warning and how many more there are.
        for name in byOperator.keys.sorted() {
            let uses = byOperator[name]!.sorted()
            let more = uses.count == 1 ? "" : " (and \(uses.count - 1) more \(name) not wrapped in module \(module))"
            others.append(uses[0].description + more)
        }
        let summary = byType.keys.sorted().map { type -> String in
            let uses = byType[type]!.sorted()
            let count = uses.count == 1 ? "1 use" : "\(uses.count) uses"
            let effect = uses.allSatisfy(EnumPositions.isUnwrappedEnumeration)
                ? "Python passes it as int, without named constants" : "Python sees an opaque pointer or loses base members"
            return "\(uses[0].location): warning: type '\(type)' is not wrapped (\(count) in module \(module)); "
                + "\(effect); \(remedy(type, module: module))"
        }
        return others + summary
    }

    /// Which call would wrap `type`.
    static func remedy(_ type: String, module: String) -> String {
        if AutomaticBases.isStandard(type) {
            return "standard-library classes other than std::string and std::vector of numbers or strings are not wrapped"
        }
        return "to wrap it: \(wrapCall(type)) in module \(module) or a module it depends on"
    }

    /// The CMake call that wraps `type`: `swiftwrap_wrap_template` for an instantiation.
    static func wrapCall(_ type: String) -> String {
        if let parts = CppSpelling.templateParts(type) {
            return "swiftwrap_wrap_template(<submodule> TEMPLATE \(parts.name) ARGUMENTS \"\(parts.arguments.joined(separator: ", "))\")"
        }
        return "swiftwrap_add_submodule(<submodule> HEADERS <its header> TYPES \(type))"
    }
}
