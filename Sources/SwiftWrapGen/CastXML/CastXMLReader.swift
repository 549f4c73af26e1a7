import SwiftWrapCore

/// Reads a CastXML file (format 1.x, as written by `castxml --castxml-output=1`) into a
/// `CastXMLDocument`, streaming: the file is never held as a tree.
public enum CastXMLReader {
    /// Major format versions this reader understands.
    public static let supportedMajorVersion = 1

    public static func read(_ path: String) throws(CastXMLError) -> CastXMLDocument {
        try read(path, libxml2Only: false)
    }

    /// Reads a large file in two halves on two threads (CastXMLSplitReader), or else sequentially
    /// with XMLFastScanner, and again with libxml2 when the scanner is unsure (or always, `libxml2Only`).
    /// `splitNear` forces a two-half read split at the first top-level element from that offset (tests).
    static func read(_ path: String, libxml2Only: Bool, splitNear: Int? = nil) throws(CastXMLError) -> CastXMLDocument {
        let document = try unchecked(path, libxml2Only: libxml2Only, splitNear: splitNear)
        try CastXMLValidator(document).check()
        return document
    }

    /// The document before CastXMLValidator checks its id graph.
    static func unchecked(_ path: String, libxml2Only: Bool = false, splitNear: Int? = nil) throws(CastXMLError) -> CastXMLDocument {
        if !libxml2Only, let halves = CastXMLSplitReader.read(path, near: splitNear) { return halves }
        return try readSequentially(path, libxml2Only: libxml2Only)
    }

    /// One scanner (or libxml2) over the whole file; gives the errors of damaged files.
    private static func readSequentially(_ path: String, libxml2Only: Bool) throws(CastXMLError) -> CastXMLDocument {
        var builder = DocumentBuilder(path: path)
        var outcome = XMLFastScanner<DocumentBuilder>.Outcome.unsure
        if !libxml2Only {
            var scanner = XMLFastScanner(path: path, handler: builder)
            outcome = try scanner.run()
        }
        if outcome == .unsure {
            builder = DocumentBuilder(path: path)
            try XMLStream(path: path, handler: builder).run()
        }
        guard let format = builder.format else {
            throw CastXMLError(path: path, message: "no <CastXML> root element; this is not CastXML output")
        }
        var document = CastXMLDocument(path: path, format: format, nodes: builder.table, files: builder.files)
        document.comments = builder.comments
        return document
    }
}

/// Turns element events into nodes. Children (Base, Argument, Ellipsis, EnumValue) are folded into
/// the element that encloses them, which is committed when it closes.
final class DocumentBuilder: XMLStreamHandler {
    let path: String
    var format: String?
    var table: CastXMLNodeTable
    var files: [String: String] = [:]
    /// Element names that are no `ElementName`, by code - `ElementName.other` - 1.
    private var otherNames: [String] = []
    var comments: [String: CommentSpan] = [:]
    private var depth = 0
    private var pendingNumber: Int?
    private var pendingRecord: RecordNode?
    private var pendingFunction: FunctionNode?
    private var pendingEnum: EnumNode?

    convenience init(path: String) {
        self.init(path: path, expectedBytes: (try? FileStat.of(path).size).map { Int($0) } ?? 0)
    }

    /// For `expectedBytes` of XML; `insideRoot`: for the second part of a file, which starts inside `<CastXML>`.
    init(path: String, expectedBytes: Int, insideRoot: Bool = false) {
        self.path = path
        // About one element with an id per 200 bytes in CastXML output; reserving avoids regrowing.
        table = CastXMLNodeTable(expectedCount: max(1 << 12, expectedBytes / 200))
        if insideRoot { depth = 1 }
    }

    func attributeCode(_ name: String) -> Int? { AttributeName.byXMLName[name]?.rawValue }

    func elementCode(_ name: String) -> Int {
        if let known = ElementName.byXMLName[name] { return known.rawValue }
        otherNames.append(name)
        return ElementName.other.rawValue + otherNames.count
    }

    private func elementName(_ code: Int) -> String {
        code > ElementName.other.rawValue ? otherNames[code - ElementName.other.rawValue - 1] : ElementName(rawValue: code)!.xmlName
    }

    func startElement(_ code: Int, attributes a: XMLAttributes, line: Int) throws(CastXMLError) {
        depth += 1
        let kind = ElementName(rawValue: min(code, ElementName.other.rawValue))!
        if depth == 1 { return try checkRoot(code, kind, a, line: line) }
        if let id = a.bytes(AttributeName.id.rawValue) {
            try element(code, kind, id: id, Attributes(a), line: line)
        } else {
            child(kind, Attributes(a))
        }
    }

    func endElement(_ element: Int) {
        depth -= 1
        guard depth == 1, let number = pendingNumber else { return }
        if let record = pendingRecord { table.nodes[number] = .record(record) }
        if let function = pendingFunction { table.nodes[number] = .function(function) }
        if let enumeration = pendingEnum { table.nodes[number] = .enumeration(enumeration) }
        pendingNumber = nil
        pendingRecord = nil
        pendingFunction = nil
        pendingEnum = nil
    }

    private func checkRoot(_ code: Int, _ kind: ElementName, _ a: XMLAttributes, line: Int) throws(CastXMLError) {
        if kind == .gccXML {
            throw CastXMLError(path: path, line: line, message: "this is gccxml-compatible output (--castxml-gccxml); run castxml with --castxml-output=1")
        }
        guard kind == .castXML else {
            throw CastXMLError(path: path, line: line, message: "root element <\(elementName(code))> is not <CastXML>; this is not CastXML output")
        }
        let version = Attributes(a)[.format] ?? ""
        let major = Int(version.split(separator: ".").first ?? "")
        guard major == CastXMLReader.supportedMajorVersion else {
            throw CastXMLError(path: path, line: line, message: "unsupported CastXML format '\(version)': wrapgen reads format 1.x (castxml --castxml-output=1)")
        }
        format = version
    }

    private func place(_ a: Attributes) -> SourcePlace {
        SourcePlace(file: a[.file] ?? "", line: a.int(.line) ?? 0)
    }

    private func element(_ code: Int, _ kind: ElementName, id: UnsafeBufferPointer<UInt8>, _ a: Attributes, line: Int) throws(CastXMLError) {
        let (number, duplicateOf) = table.add(id, line: line)
        if let first = duplicateOf {
            throw CastXMLError(path: path, line: line, message: "<\(elementName(code))> has id '\(String(decoding: id, as: UTF8.self))', which the element at line \(table.line(first)) already has; ids must be unique: the file is damaged or not castxml's output, rerun castxml")
        }
        let node: CastXMLNode
        switch kind {
        case .class, .struct, .union:
            pendingNumber = number
            pendingRecord = RecordNode(tag: kind == .class ? .class : kind == .struct ? .struct : .union, name: a[.name] ?? "",
                                       context: a[.context] ?? "", access: a.access,
                                       members: a[.members] ?? "", abstract: a.flag(.abstract),
                                       incomplete: a.flag(.incomplete), place: place(a), comment: a[.comment])
            return
        case .method, .operatorMethod, .constructor, .destructor, .converter, .function, .operatorFunction:
            pendingNumber = number
            pendingFunction = FunctionNode(kind: functionKind(kind), name: a[.name] ?? "",
                                           returns: a[.returns] ?? "", context: a[.context] ?? "",
                                           access: a.access, isStatic: a.flag(.isStatic),
                                           isConst: a.flag(.isConst), isVirtual: a.flag(.isVirtual),
                                           isPure: a.flag(.pureVirtual), isArtificial: a.flag(.artificial),
                                           place: place(a), comment: a[.comment])
            return
        case .enumeration:
            pendingNumber = number
            pendingEnum = EnumNode(name: a[.name] ?? "", context: a[.context] ?? "", access: a.access,
                                   scoped: a.flag(.scoped), place: place(a), comment: a[.comment])
            return
        case .typedef:
            node = .typedef(TypedefNode(name: a[.name] ?? "", type: a[.type] ?? "", context: a[.context] ?? "",
                                        access: a.access, place: place(a), xmlLine: line))
        case .namespace:
            node = .namespace(name: a[.name] ?? "", context: a[.context] ?? "")
        case .field, .variable:
            node = .variable(VariableNode(isField: kind == .field, name: a[.name] ?? "", type: a[.type] ?? "",
                                          access: a.access, place: place(a), comment: a[.comment],
                                          context: a[.context] ?? ""))
        case .fundamentalType: node = .fundamental(a[.name] ?? "")
        case .pointerType: node = .pointer(a[.type] ?? "")
        case .referenceType: node = .reference(a[.type] ?? "")
        case .rValueReferenceType: node = .rvalueReference(a[.type] ?? "")
        case .cvQualifiedType:
            node = .cvQualified(type: a[.type] ?? "", isConst: a.flag(.isConst), isVolatile: a.flag(.isVolatile))
        case .elaboratedType: node = .elaborated(a[.type] ?? "")
        case .arrayType: node = .array(type: a[.type] ?? "", max: a[.max] ?? "")
        case .file:
            files[table.ids[number]] = a[.name] ?? ""
            return
        case .comment:
            comments[table.ids[number]] = CommentSpan(file: a[.file] ?? "", beginOffset: a.int(.beginOffset) ?? -1,
                                       endOffset: a.int(.endOffset) ?? -1, beginLine: a.int(.beginLine) ?? 0,
                                       endLine: a.int(.endLine) ?? 0)
            return
        case .unimplemented: node = .unsupported("Unimplemented " + (a[.kind] ?? "construct"))
        case .castXML, .gccXML, .base, .argument, .ellipsis, .enumValue, .other:
            node = .unsupported(elementName(code))
        }
        table.nodes[number] = node
    }

    private func functionKind(_ kind: ElementName) -> FunctionKind {
        switch kind {
        case .method: return .method
        case .operatorMethod: return .operatorMethod
        case .constructor: return .constructor
        case .destructor: return .destructor
        case .converter: return .converter
        case .operatorFunction: return .operatorFunction
        default: return .function
        }
    }

    private func child(_ kind: ElementName, _ a: Attributes) {
        switch kind {
        case .base:
            pendingRecord?.bases.append(BaseSpec(type: a[.type] ?? "", access: a.access, isVirtual: a.flag(.isVirtual)))
        case .argument:
            pendingFunction?.arguments.append(ArgumentNode(name: a[.name] ?? "", type: a[.type] ?? "",
                                                           defaultValue: a[.defaultValue]))
        case .ellipsis:
            pendingFunction?.variadic = true
        case .enumValue:
            pendingEnum?.values.append((name: a[.name] ?? "", value: a[.initializer] ?? ""))
        default:
            break
        }
    }
}

/// Attribute lookup by name over the current start tag (XMLAttributes numbers them by AttributeName).
private struct Attributes {
    let attributes: XMLAttributes
    init(_ attributes: XMLAttributes) { self.attributes = attributes }
    @inline(__always) subscript(_ name: AttributeName) -> String? { attributes[name.rawValue] }
    @inline(__always) func flag(_ name: AttributeName) -> Bool { attributes.isOne(name.rawValue) }
    @inline(__always) func int(_ name: AttributeName) -> Int? { attributes.int(name.rawValue) }
    var access: String { attributes[AttributeName.access.rawValue] ?? "public" }
}
