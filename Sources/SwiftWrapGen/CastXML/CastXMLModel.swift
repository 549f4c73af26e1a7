/// The parts of a CastXML document wrapgen needs, keyed by the document's own ids.
/// Ids are document-local strings (`_12`, `_12c` for a cv-qualified variant, `f3` for files).

/// `class`, `struct` or `union`.
public enum RecordTag: String, Sendable, Codable {
    case `class`, `struct`, `union`
}

struct BaseSpec: Equatable, Sendable {
    var type: String
    var access: String
    var isVirtual: Bool
}

struct SourcePlace: Equatable, Sendable {
    var file: String
    var line: Int
}

struct RecordNode: Sendable {
    var tag: RecordTag
    var name: String
    var context: String
    var access: String
    var members: String          // space-separated ids, split only for wrapped classes
    var bases: [BaseSpec] = []
    var abstract: Bool
    var incomplete: Bool
    var place: SourcePlace
    /// Id of the doc comment castxml attached (`comment="…"`), if any (DocComments.swift).
    var comment: String? = nil
}

struct TypedefNode: Sendable {
    var name: String
    var type: String
    var context: String
    var access: String
    var place: SourcePlace
    var xmlLine: Int
}

struct EnumNode: Sendable {
    var name: String
    var context: String
    var access: String
    var scoped: Bool
    var values: [(name: String, value: String)] = []
    var place: SourcePlace
    var comment: String? = nil
}

enum FunctionKind: String, Sendable {
    case method = "Method", operatorMethod = "OperatorMethod", constructor = "Constructor",
         destructor = "Destructor", converter = "Converter", function = "Function",
         operatorFunction = "OperatorFunction"
}

struct ArgumentNode: Sendable {
    var name: String
    var type: String
    var defaultValue: String?
}

struct FunctionNode: Sendable {
    var kind: FunctionKind
    var name: String
    var returns: String
    var context: String
    var access: String
    var isStatic: Bool
    var isConst: Bool
    var isVirtual: Bool
    var isPure: Bool
    var isArtificial: Bool
    var arguments: [ArgumentNode] = []
    var variadic = false
    var place: SourcePlace
    var comment: String? = nil
}

struct VariableNode: Sendable {
    var isField: Bool
    var name: String
    var type: String
    var access: String
    var place: SourcePlace
    var comment: String? = nil
    /// The enclosing class or namespace (module-level constants are found by qualified name).
    var context: String = ""
}

/// Where castxml found a doc comment: a byte range of a header (`<Comment>`); the text is read
/// from the header by DocComments.swift.
struct CommentSpan: Equatable, Sendable {
    var file: String
    var beginOffset: Int
    var endOffset: Int
    var beginLine: Int
    var endLine: Int
}

/// One element of the id graph.
enum CastXMLNode: Sendable {
    case namespace(name: String, context: String)
    indirect case record(RecordNode)
    indirect case typedef(TypedefNode)
    indirect case enumeration(EnumNode)
    indirect case function(FunctionNode)
    indirect case variable(VariableNode)
    case fundamental(String)
    case pointer(String)
    case reference(String)
    case rvalueReference(String)
    case cvQualified(type: String, isConst: Bool, isVolatile: Bool)
    case elaborated(String)
    case array(type: String, max: String)
    /// A kind wrapgen cannot spell (function types, unimplemented constructs, …), by element name.
    case unsupported(String)
}

/// A parsed CastXML file.
public struct CastXMLDocument: Sendable {
    public let path: String
    /// The `format` attribute of the root element (e.g. `1.3.1`).
    public let format: String
    /// Every element with an id, numbered in file order: id → node (`nodes[id]`, `for (id, node) in nodes`),
    /// and by number its id, its XML line and its node (nil for File and Comment elements).
    var nodes: CastXMLNodeTable
    var files: [String: String]
    /// `<Comment>` elements by id.
    var comments: [String: CommentSpan] = [:]

    subscript(id: String) -> CastXMLNode? { nodes[id] }

    /// The header path of a file id (the id itself when unknown).
    func fileName(_ id: String) -> String { files[id] ?? id }
}
