import SwiftWrapCore

/// Reads a CastXML file (format 1.x, as written by `castxml --castxml-output=1`) into a
/// `CastXMLDocument`, streaming: the file is never held as a tree.
public enum CastXMLReader {
    /// Major format versions this reader understands.
    public static let supportedMajorVersion = 1

    public static func read(_ path: String) throws(CastXMLError) -> CastXMLDocument {
        let builder = DocumentBuilder(path: path)
        try XMLStream(path: path, handler: builder).run()
        guard let format = builder.format else {
            throw CastXMLError(path: path, message: "no <CastXML> root element; this is not CastXML output")
        }
        var document = CastXMLDocument(path: path, format: format, nodes: builder.nodes, files: builder.files,
                                       ordinals: builder.ordinals, elementIDs: builder.elementIDs,
                                       elementLines: builder.elementLines, elementIsNode: builder.elementIsNode)
        document.comments = builder.comments
        try CastXMLValidator(document).check()
        return document
    }
}

/// The attributes wrapgen reads; the rest of each element is skipped undecoded.
enum AttributeName: Int, CaseIterable {
    case id, name, type, context, access, members, abstract, incomplete, file, line, returns
    case isStatic, isConst, isVolatile, isVirtual, pureVirtual, artificial, defaultValue, scoped, initializer, max, format, kind
    case comment, beginOffset, endOffset, beginLine, endLine

    var xmlName: String {
        switch self {
        case .isStatic: return "static"
        case .isConst: return "const"
        case .isVolatile: return "volatile"
        case .isVirtual: return "virtual"
        case .pureVirtual: return "pure_virtual"
        case .defaultValue: return "default"
        case .initializer: return "init"
        case .beginOffset: return "begin_offset"
        case .endOffset: return "end_offset"
        case .beginLine: return "begin_line"
        case .endLine: return "end_line"
        default: return "\(self)"
        }
    }

    static let byXMLName: [String: AttributeName] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.xmlName, $0) })
}

/// Turns element events into nodes. Children (Base, Argument, Ellipsis, EnumValue) are folded into
/// the element that encloses them, which is committed when it closes.
private final class DocumentBuilder: XMLStreamHandler {
    let path: String
    var format: String?
    var nodes: [String: CastXMLNode] = [:]
    var files: [String: String] = [:]
    var ordinals: [String: Int] = [:]
    var elementIDs: [String] = []
    var elementLines: [Int] = []
    var elementIsNode: [Bool] = []
    var comments: [String: CommentSpan] = [:]
    private var depth = 0
    private var pendingID: String?
    private var pendingRecord: RecordNode?
    private var pendingFunction: FunctionNode?
    private var pendingEnum: EnumNode?

    init(path: String) {
        self.path = path
        // About one element with an id per 200 bytes in CastXML output; reserving avoids rehashing.
        let size = (try? FileStat.of(path).size).map { Int($0) } ?? 0
        nodes.reserveCapacity(max(1 << 12, size / 200))
        ordinals.reserveCapacity(max(1 << 12, size / 200))
    }

    func attributeCode(_ name: String) -> Int? { AttributeName.byXMLName[name]?.rawValue }

    func startElement(_ name: String, attributes: [XMLAttribute], line: Int) throws(CastXMLError) {
        depth += 1
        var a = Attributes(attributes)
        if depth == 1 { return try checkRoot(name, &a, line: line) }
        if let id = a[.id] {
            try element(name, id: id, a, line: line)
        } else {
            child(name, a)
        }
    }

    func endElement(_ name: String) {
        depth -= 1
        guard depth == 1, let id = pendingID else { return }
        if let record = pendingRecord { nodes[id] = .record(record) }
        if let function = pendingFunction { nodes[id] = .function(function) }
        if let enumeration = pendingEnum { nodes[id] = .enumeration(enumeration) }
        pendingID = nil
        pendingRecord = nil
        pendingFunction = nil
        pendingEnum = nil
    }

    private func checkRoot(_ name: String, _ a: inout Attributes, line: Int) throws(CastXMLError) {
        if name == "GCC_XML" {
            throw CastXMLError(path: path, line: line, message: "this is gccxml-compatible output (--castxml-gccxml); run castxml with --castxml-output=1")
        }
        guard name == "CastXML" else {
            throw CastXMLError(path: path, line: line, message: "root element <\(name)> is not <CastXML>; this is not CastXML output")
        }
        let version = a[.format] ?? ""
        let major = Int(version.split(separator: ".").first ?? "")
        guard major == CastXMLReader.supportedMajorVersion else {
            throw CastXMLError(path: path, line: line, message: "unsupported CastXML format '\(version)': wrapgen reads format 1.x (castxml --castxml-output=1)")
        }
        format = version
    }

    private func place(_ a: Attributes) -> SourcePlace {
        SourcePlace(file: a[.file] ?? "", line: Int(a[.line] ?? "") ?? 0)
    }

    private func element(_ name: String, id: String, _ a: Attributes, line: Int) throws(CastXMLError) {
        if let first = ordinals.updateValue(elementIDs.count, forKey: id) {
            throw CastXMLError(path: path, line: line, message: "<\(name)> has id '\(id)', which the element at line \(elementLines[first]) already has; ids must be unique: the file is damaged or not castxml's output, rerun castxml")
        }
        elementIDs.append(id)
        elementLines.append(line)
        elementIsNode.append(name != "File" && name != "Comment")
        switch name {
        case "Class", "Struct", "Union":
            pendingID = id
            pendingRecord = RecordNode(tag: RecordTag(rawValue: name.lowercased())!, name: a[.name] ?? "",
                                       context: a[.context] ?? "", access: a[.access] ?? "public",
                                       members: a[.members] ?? "", abstract: a.flag(.abstract),
                                       incomplete: a.flag(.incomplete), place: place(a), comment: a[.comment])
        case "Method", "OperatorMethod", "Constructor", "Destructor", "Converter", "Function", "OperatorFunction":
            pendingID = id
            pendingFunction = FunctionNode(kind: FunctionKind(rawValue: name)!, name: a[.name] ?? "",
                                           returns: a[.returns] ?? "", context: a[.context] ?? "",
                                           access: a[.access] ?? "public", isStatic: a.flag(.isStatic),
                                           isConst: a.flag(.isConst), isVirtual: a.flag(.isVirtual),
                                           isPure: a.flag(.pureVirtual), isArtificial: a.flag(.artificial),
                                           place: place(a), comment: a[.comment])
        case "Enumeration":
            pendingID = id
            pendingEnum = EnumNode(name: a[.name] ?? "", context: a[.context] ?? "", access: a[.access] ?? "public",
                                   scoped: a.flag(.scoped), place: place(a), comment: a[.comment])
        case "Typedef":
            nodes[id] = .typedef(TypedefNode(name: a[.name] ?? "", type: a[.type] ?? "", context: a[.context] ?? "",
                                             access: a[.access] ?? "public", place: place(a), xmlLine: line))
        case "Namespace":
            nodes[id] = .namespace(name: a[.name] ?? "", context: a[.context] ?? "")
        case "Field", "Variable":
            nodes[id] = .variable(VariableNode(isField: name == "Field", name: a[.name] ?? "", type: a[.type] ?? "",
                                               access: a[.access] ?? "public", place: place(a), comment: a[.comment],
                                               context: a[.context] ?? ""))
        case "FundamentalType":
            nodes[id] = .fundamental(a[.name] ?? "")
        case "PointerType":
            nodes[id] = .pointer(a[.type] ?? "")
        case "ReferenceType":
            nodes[id] = .reference(a[.type] ?? "")
        case "RValueReferenceType":
            nodes[id] = .rvalueReference(a[.type] ?? "")
        case "CvQualifiedType":
            nodes[id] = .cvQualified(type: a[.type] ?? "", isConst: a.flag(.isConst), isVolatile: a.flag(.isVolatile))
        case "ElaboratedType":
            nodes[id] = .elaborated(a[.type] ?? "")
        case "ArrayType":
            nodes[id] = .array(type: a[.type] ?? "", max: a[.max] ?? "")
        case "File":
            files[id] = a[.name] ?? ""
        case "Comment":
            comments[id] = CommentSpan(file: a[.file] ?? "", beginOffset: Int(a[.beginOffset] ?? "") ?? -1,
                                       endOffset: Int(a[.endOffset] ?? "") ?? -1, beginLine: Int(a[.beginLine] ?? "") ?? 0,
                                       endLine: Int(a[.endLine] ?? "") ?? 0)
        case "Unimplemented":
            nodes[id] = .unsupported("Unimplemented " + (a[.kind] ?? "construct"))
        default:
            nodes[id] = .unsupported(name)
        }
    }

    private func child(_ name: String, _ a: Attributes) {
        switch name {
        case "Base":
            pendingRecord?.bases.append(BaseSpec(type: a[.type] ?? "", access: a[.access] ?? "public",
                                                 isVirtual: a.flag(.isVirtual)))
        case "Argument":
            pendingFunction?.arguments.append(ArgumentNode(name: a[.name] ?? "", type: a[.type] ?? "",
                                                           defaultValue: a[.defaultValue]))
        case "Ellipsis":
            pendingFunction?.variadic = true
        case "EnumValue":
            pendingEnum?.values.append((name: a[.name] ?? "", value: a[.initializer] ?? ""))
        default:
            break
        }
    }
}

/// Attribute lookup by linear scan over codes: an element has a handful of wanted attributes.
private struct Attributes {
    let list: [XMLAttribute]
    init(_ list: [XMLAttribute]) { self.list = list }
    subscript(_ name: AttributeName) -> String? {
        for attribute in list where attribute.code == name.rawValue { return attribute.value }
        return nil
    }
    func flag(_ name: AttributeName) -> Bool { self[name] == "1" }
}
