/// A `file:line: warning: …` diagnostic; the tool prints them sorted and de-duplicated.
public struct Warning: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var location: String
    public var message: String
    /// For "not wrapped" warnings: the C++ type, which the terminal summary groups by (`WarningSummary`).
    public var unwrappedType: String?
    /// For an operator that is not wrapped: `operator<<` (`WarningSummary` gives one line per operator).
    public var skippedOperator: String?
    public init(location: String, message: String, unwrappedType: String? = nil) {
        self.location = location
        self.message = message
        self.unwrappedType = unwrappedType
    }
    public var description: String { "\(location): warning: \(message)" }
    public static func < (a: Warning, b: Warning) -> Bool { (a.location, a.message) < (b.location, b.message) }
}

/// A typedef of the wrappers namespace and what it names.
struct WrappedTypedef {
    enum Target { case record(String, RecordNode), enumeration(String, EnumNode) }
    var name: String
    var target: Target
    var place: SourcePlace
    var cppType: String
}

/// Finds the wrapped typedefs of one document.
enum WrappersNamespace {
    /// The typedefs of namespace `qualifiedName` (e.g. `_wrapping_::wrappers`), sorted by name.
    static func typedefs(in document: CastXMLDocument, resolver: TypeResolver, qualifiedName: String,
                         warnings: inout Set<Warning>) throws(CastXMLError) -> [WrappedTypedef] {
        var namespaceIDs: [String] = []
        for (id, node) in document.nodes {
            if case .namespace = node, resolver.qualifiedName(id) == qualifiedName { namespaceIDs.append(id) }
        }
        guard !namespaceIDs.isEmpty else {
            throw CastXMLError(path: document.path, message: "no namespace '\(qualifiedName)' in this file: check --wrappers-namespace and the castxml input (its typedefs name the wrapped types)")
        }
        let scopes = Set(namespaceIDs)
        var found: [(TypedefNode, String)] = []
        for (id, node) in document.nodes {
            if case .typedef(let typedef) = node, scopes.contains(typedef.context) { found.append((typedef, id)) }
        }
        found.sort { ($0.0.name, $0.1) < ($1.0.name, $1.1) }
        var result: [WrappedTypedef] = []
        for (typedef, _) in found {
            let location = resolver.location(typedef.place)
            guard let targetID = try target(of: typedef, in: document) else {
                warnings.insert(Warning(location: location, message: "typedef '\(typedef.name)' names \(resolver.type(typedef.type).spelling), not a class or enumeration; not wrapped"))
                continue
            }
            switch document[targetID] {
            case .record(let record):
                if record.incomplete {
                    warnings.insert(Warning(location: location, message: "'\(typedef.name)' names an incomplete class (\(resolver.qualifiedName(targetID))); instantiate it in force_instantiate(); not wrapped"))
                    continue
                }
                result.append(WrappedTypedef(name: typedef.name, target: .record(targetID, record), place: typedef.place,
                                             cppType: resolver.qualifiedName(targetID)))
            case .enumeration(let enumeration):
                result.append(WrappedTypedef(name: typedef.name, target: .enumeration(targetID, enumeration), place: typedef.place,
                                             cppType: resolver.qualifiedName(targetID)))
            default:
                continue
            }
        }
        return result
    }

    /// Follows typedef, elaborated and cv links to a record or enumeration id; nil for other types.
    private static func target(of typedef: TypedefNode, in document: CastXMLDocument) throws(CastXMLError) -> String? {
        var id = typedef.type
        for _ in 0..<64 {
            switch document[id] {
            case nil:
                throw CastXMLError(path: document.path, line: typedef.xmlLine,
                                   message: "typedef '\(typedef.name)' refers to unknown id '\(id)'; the file is inconsistent: rerun castxml")
            case .typedef(let next): id = next.type
            case .elaborated(let next): id = next
            case .cvQualified(let next, _, _): id = next
            case .record, .enumeration: return id
            default: return nil
            }
        }
        return nil
    }
}
