/// Wraps the public base chain of the wrapped classes (docs/cmake.md, "Base classes").
///
/// Every public base that is not wrapped yet — neither by this module nor by a module of its
/// `DEPENDS` closure (their `.idx`) — is wrapped in the first submodule, in command-line order,
/// whose classes derive from it, under the name `TemplateNames.pythonName` gives (`swiftwrap_wrap_template`'s
/// suffix rule), and its own bases after it, up the chain. Not wrapped automatically: `std::` (and
/// other standard-library) classes, incomplete classes, and bases that another module of the
/// package wraps without being a dependency (`ProjectTypes`): the record builder then warns, or the
/// module fails with "add DEPENDS".
enum AutomaticBases {
    typealias Parsed = (submodule: ModuleRequest.Submodule, resolver: TypeResolver, typedefs: [WrappedTypedef])

    /// Adds a typedef per automatic base to `parsed` and its entry to `aliases` and `ownEntries`.
    static func add(to parsed: inout [Parsed], aliases: inout AliasIndex, ownEntries: inout [String: [AliasIndex.Entry]],
                    projectTypes: ProjectTypes?, warnings: inout Set<Warning>) {
        var names = Set(aliases.byType.values.map(\.alias))
        for index in parsed.indices {
            let resolver = parsed[index].resolver
            let submodule = parsed[index].submodule.name
            var pending: [RecordNode] = parsed[index].typedefs.compactMap {
                if case .record(_, let node) = $0.target { return node }
                return nil
            }
            while let node = pending.popLast() {
                for base in node.bases where base.access == "public" {
                    guard let (id, baseNode) = record(base.type, in: resolver.document) else { continue }
                    let cppType = resolver.qualifiedName(id)
                    guard aliases.alias(for: cppType) == nil, !baseNode.incomplete, !isStandard(cppType),
                          projectTypes?.module(wrapping: cppType) == nil else { continue }
                    let name = freeName(for: cppType, taken: names, place: baseNode.place, resolver: resolver, warnings: &warnings)
                    names.insert(name)
                    let entry = AliasIndex.Entry(cppType: cppType, alias: name, submodule: submodule)
                    aliases.add(entry)
                    ownEntries[submodule, default: []].append(entry)
                    parsed[index].typedefs.append(WrappedTypedef(name: name, target: .record(id, baseNode), place: baseNode.place,
                                                                 cppType: cppType))
                    pending.append(baseNode)
                }
            }
        }
    }

    /// Standard-library classes are SWIG's business (`std_*.i`), never wrapped as project classes.
    static func isStandard(_ cppType: String) -> Bool {
        cppType.hasPrefix("std::") || cppType.hasPrefix("__gnu_cxx::") || cppType.hasPrefix("__")
    }

    /// `TemplateNames.pythonName`, unless another wrapped class has that name already: then the
    /// qualified name made an identifier (`ns_Base`), with a warning that says how to choose one.
    private static func freeName(for cppType: String, taken: Set<String>, place: SourcePlace, resolver: TypeResolver,
                                 warnings: inout Set<Warning>) -> String {
        let name = TemplateNames.pythonName(cppType)
        guard taken.contains(name) else { return name }
        var fallback = TemplateNames.identifier(cppType.replacingAll("::", with: "_"))
        while taken.contains(fallback) { fallback += "_" }
        warnings.insert(Warning(location: resolver.location(place),
                                message: "base class '\(cppType)' is wrapped automatically as '\(fallback)': its default name '\(name)' is taken; to choose the name, list it in TYPES (\(cppType)=<name>)"))
        return fallback
    }

    /// Follows typedef, elaborated and cv links from a base's type id to its class.
    static func record(_ start: String, in document: CastXMLDocument) -> (String, RecordNode)? {
        var id = start
        for _ in 0..<64 {
            switch document[id] {
            case .typedef(let next): id = next.type
            case .elaborated(let next): id = next
            case .cvQualified(let next, _, _): id = next
            case .record(let node): return (id, node)
            default: return nil
            }
        }
        return nil
    }
}
