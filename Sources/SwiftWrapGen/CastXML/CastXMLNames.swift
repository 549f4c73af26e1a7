/// The attributes wrapgen reads; the rest of each element is skipped undecoded.
/// A new attribute: add a case (its XML spelling in `xmlName` when that is not the case name),
/// then read it in CastXMLReader.swift's `DocumentBuilder` with `a[.name]`, `a.isOne(.name)`.
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

/// The elements wrapgen tells apart; any other element name is `.other` (kept by name: `.unsupported`).
/// A new element kind: add a case whose name is the XML name with a lower-case first letter (or
/// spell it in `xmlName`), then handle it in CastXMLReader.swift's `DocumentBuilder.element`
/// (elements with an id) or `child` (Base, Argument, … inside one).
enum ElementName: Int, CaseIterable {
    case castXML, gccXML
    case `class`, `struct`, union
    case method, operatorMethod, constructor, destructor, converter, function, operatorFunction
    case enumeration, typedef, namespace, field, variable
    case fundamentalType, pointerType, referenceType, rValueReferenceType, cvQualifiedType, elaboratedType, arrayType
    case file, comment, unimplemented
    case base, argument, ellipsis, enumValue
    case other

    var xmlName: String {
        switch self {
        case .castXML: return "CastXML"
        case .gccXML: return "GCC_XML"
        case .rValueReferenceType: return "RValueReferenceType"
        default:
            let name = "\(self)"
            return name.prefix(1).uppercased() + name.dropFirst()
        }
    }

    static let byXMLName: [String: ElementName] = Dictionary(uniqueKeysWithValues: allCases.filter { $0 != .other }.map { ($0.xmlName, $0) })
}
