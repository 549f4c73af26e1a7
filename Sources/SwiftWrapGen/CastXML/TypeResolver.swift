/// Resolves type ids of one document into `CppType`s and scope ids into qualified names,
/// memoising both (ITK-scale files reference the same few thousand types over and over).
final class TypeResolver {
    let document: CastXMLDocument
    /// Memos by element number (CastXMLNodeTable): the index + 1 of the result in `scopeNames` and
    /// `types`, 0 for none yet (4 bytes an element: a wrapgen run has two resolvers of one document,
    /// and most elements are never asked for). Ids that name no element are not memoised.
    private var scopeSlots: [Int32]
    private var scopeNames: [String] = []
    private var typeSlots: [Int32]
    private var types: [CppType] = []

    init(document: CastXMLDocument) {
        self.document = document
        scopeSlots = Array(repeating: 0, count: document.nodes.count)
        typeSlots = scopeSlots
    }

    /// Namespace components that are implementation details of the standard library.
    private static let hiddenNamespaces: Set<String> = ["__cxx11", "__1"]

    /// The qualified name of a scope (namespace, record, enumeration), without a leading `::`;
    /// empty for the global namespace.
    func qualifiedName(_ id: String) -> String {
        let number = document.nodes.ordinal(id)
        if let number, scopeSlots[number] > 0 { return scopeNames[Int(scopeSlots[number]) - 1] }
        var result: String
        switch document[id] {
        case .namespace(let name, let context):
            if name == "::" || context.isEmpty { result = "" } else {
                let parent = qualifiedName(context)
                result = TypeResolver.hiddenNamespaces.contains(name) ? parent : join(parent, name)
            }
        case .record(let record):
            result = join(qualifiedName(record.context), CppSpelling.normalize(record.name))
        case .enumeration(let enumeration):
            result = join(qualifiedName(enumeration.context), enumeration.name)
        case .typedef(let typedef):
            result = join(qualifiedName(typedef.context), typedef.name)
        default:
            result = ""
        }
        result = TypeResolver.standardName(result)
        if let number {
            scopeNames.append(result)
            scopeSlots[number] = Int32(scopeNames.count)
        }
        return result
    }

    private func join(_ parent: String, _ name: String) -> String {
        parent.isEmpty ? name : parent + "::" + name
    }

    /// Short standard spellings: `std::basic_string<char>` is `std::string`.
    static func standardName(_ name: String) -> String {
        guard name.hasPrefix("std::") else { return name }
        return name.replacingAll("std::basic_string<char>", with: "std::string")
            .replacingAll("std::basic_string<char, std::char_traits<char>, std::allocator<char>>", with: "std::string")
    }

    /// The type behind an id; typedefs and elaborated types are looked through.
    func type(_ id: String) -> CppType {
        let number = document.nodes.ordinal(id)
        if let number, typeSlots[number] > 0 { return types[Int(typeSlots[number]) - 1] }
        var seen = 0
        let result = resolve(id, depth: &seen)
        if let number {
            types.append(result)
            typeSlots[number] = Int32(types.count)
        }
        return result
    }

    private func resolve(_ id: String, depth: inout Int) -> CppType {
        depth += 1
        if depth > 64 { return .unsupported("type chain too deep") }
        switch document[id] {
        case .fundamental(let name): return .fundamental(CppSpelling.normalize(name))
        case .record(let record):
            return .named(CppType.Named(kind: .record, spelling: qualifiedName(id), enclosing: enclosingRecord(record.context),
                                        name: CppSpelling.normalize(record.name)))
        case .enumeration(let enumeration):
            return .named(CppType.Named(kind: .enumeration, spelling: qualifiedName(id),
                                        enclosing: enclosingRecord(enumeration.context), name: enumeration.name))
        case .typedef(let typedef): return resolve(typedef.type, depth: &depth)
        case .elaborated(let inner): return resolve(inner, depth: &depth)
        case .pointer(let inner): return .pointer(resolve(inner, depth: &depth))
        case .reference(let inner): return .reference(resolve(inner, depth: &depth))
        case .rvalueReference(let inner): return .rvalueReference(resolve(inner, depth: &depth))
        case .cvQualified(let inner, let isConst, let isVolatile):
            return .qualified(resolve(inner, depth: &depth), isConst: isConst, isVolatile: isVolatile)
        case .array(let inner, let max):
            return .array(resolve(inner, depth: &depth), count: Int(max).map { $0 + 1 })
        case .unsupported(let what): return .unsupported(what)
        case .namespace, .function, .variable: return .unsupported("not a type")
        case nil: return .unsupported("unknown type id \(id)")
        }
    }

    private func enclosingRecord(_ context: String) -> String? {
        if case .record = document[context] { return qualifiedName(context) }
        return nil
    }

    /// The header path and line of a declaration, for messages.
    func location(_ place: SourcePlace) -> String {
        "\(document.fileName(place.file)):\(place.line)"
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        // ASCII (without CR) on both sides: a byte is a Character, so byte matching finds what the
        // Character search below finds (TemplateNamesTests checks both on the same strings).
        if TemplateNames.isByteForCharacter(self) && TemplateNames.isByteForCharacter(target) {
            return replacingAllBytes(target, with: replacement)
        }
        return replacingAllCharacters(target, with: replacement)
    }

    func replacingAllBytes(_ target: String, with replacement: String) -> String {
        let text = Array(utf8), pattern = Array(target.utf8)
        var out: [UInt8] = []
        var start = 0, index = 0
        while index + pattern.count <= text.count {
            if text[index] == pattern[0] && text[index..<(index + pattern.count)].elementsEqual(pattern) {
                if out.isEmpty { out.reserveCapacity(text.count) }
                out += text[start..<index]
                out += replacement.utf8
                index += pattern.count
                start = index
            } else {
                index += 1
            }
        }
        if start == 0 { return self }
        out += text[start...]
        return String(decoding: out, as: UTF8.self)
    }

    func replacingAllCharacters(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
