import SwiftWrapRecords

/// Free functions (`--function`, CMake's `FUNCTIONS`) and namespace-level constants (`--constant`,
/// `CONSTANTS`) wrapped at module level: a record each (`kind` function, with every overload as the one
/// group of `methods`, or `kind` constant with its `valueType`), keyed `<python name>.<submodule>` like
/// classes, and `.i` declarations: the functions inside their namespace (SWIG calls them qualified and
/// makes module functions with defaults as for methods), the constants as `%constant` (a number or
/// string by value, a wrapped class as a proxy of the C++ object itself).
///
/// The translation unit names each of them in a using-declaration, so castxml reports them (and a
/// name that does not exist fails the castxml step with clang's error on a line naming the call).
extension RecordBuilder {
    /// Module-level records of this submodule, or every problem found (a name castxml does not report
    /// as a function or constant, a function template, a constant of an unsupported type).
    mutating func buildModuleLevel(functions: [String], constants: [String]) throws(WrapgenError) -> [ClassRecord] {
        guard !functions.isEmpty || !constants.isEmpty else { return [] }
        let index = ModuleLevelIndex(document: document, resolver: resolver)
        var problems: [String] = []
        var records: [ClassRecord] = []
        let call = "swiftwrap_add_submodule(\(submodule) FUNCTIONS)"
        for name in functions {
            let found = index.functions[name] ?? []
            if found.isEmpty {
                let other = index.variables[name] != nil ? " (it is a variable: list it in CONSTANTS)" : " (a function template or a macro is not wrapped; wrap a function that calls it)"
                problems.append("\(document.path): \(call) names '\(name)', which castxml reports as no function\(other)")
                continue
            }
            if let record = functionRecord(name, found) { records.append(record) }
        }
        let constantCall = "swiftwrap_add_submodule(\(submodule) CONSTANTS)"
        for name in constants {
            guard let variable = index.variables[name] else {
                let other = index.functions[name] != nil ? " (it is a function: list it in FUNCTIONS)" : ""
                problems.append("\(document.path): \(constantCall) names '\(name)', which castxml reports as no namespace-level variable\(other)")
                continue
            }
            switch constantRecord(name, variable) {
            case .success(let record): records.append(record)
            case .failure(let problem): problems.append("\(resolver.location(variable.place)): \(constantCall) names '\(name)': \(problem.message)")
            }
        }
        if !problems.isEmpty { throw .moduleLevel(problems) }
        return records
    }

    struct ConstantProblem: Error { let message: String }

    private func moduleRecord(_ qualified: String, kind: String, place: SourcePlace) -> ClassRecord {
        let pythonName = PythonNames.python(ModuleLevelIndex.lastComponent(qualified))
        return ClassRecord(key: pythonName + "." + submodule, pythonName: pythonName, owner: owner, module: module,
                           submodule: submodule, package: package, kind: kind, cppType: qualified, templateName: nil,
                           templateArguments: [], bases: [], isAbstract: false, constructors: [], methods: [], operators: [],
                           enums: [], file: document.fileName(place.file), line: place.line)
    }

    /// All overloads of one function (nil, with warnings, when none can be wrapped).
    private mutating func functionRecord(_ qualified: String, _ overloads: [FunctionNode]) -> ClassRecord? {
        let name = ModuleLevelIndex.lastComponent(qualified)
        let namespace = String(qualified.dropLast(name.count)).trimmingSuffix("::")
        var record = moduleRecord(qualified, kind: "function", place: overloads[0].place)
        var group = MethodGroup(name: name, pythonName: python(name), overloads: [])
        var lines: [String] = []
        for overload in overloads {
            // Unnamed parameters are SWIG's arg1, arg2… as for a static method; no `static` in the `.i`.
            var node = overload
            node.isStatic = true
            guard var (function, line) = signature(node, owner: namespace, displayName: name) else { continue }
            function.isStatic = false
            if line.hasPrefix("  static ") { line = "  " + line.dropFirst("  static ".count) }
            group.overloads.append(function)
            lines.append(line)
        }
        guard !group.overloads.isEmpty else { return nil }
        // Doc comments (DocComments.swift): one docstring for the Python function, as for methods.
        if let doc = SwigDocstrings.joined(group.overloads) {
            lines.insert("  %feature(\"docstring\") \(name) \(SwigDocstrings.literal(doc));", at: 0)
        }
        record.methods = [group]
        interface.moduleFunctions.append(ModuleFunctionDeclaration(namespace: namespace, lines: lines))
        return record
    }

    private mutating func constantRecord(_ qualified: String, _ variable: VariableNode) -> Result<ClassRecord, ConstantProblem> {
        let type = resolver.type(variable.type)
        guard type.isConstant else {
            return .failure(ConstantProblem(message: "its type \(type.spelling) is not const; only constants are wrapped (a variable would be a copy taken at import)"))
        }
        if let part = type.unsupportedPart {
            return .failure(ConstantProblem(message: "its type is not supported (\(part): \(type.spelling))"))
        }
        guard case .qualified(let inner, _, _) = type, ModuleLevelIndex.isConstantType(inner, aliases: aliases) else {
            return .failure(ConstantProblem(message: "its type \(type.spelling) is neither a wrapped class or enumeration nor a number, bool or string; wrap the class (TYPES) first"))
        }
        var record = moduleRecord(qualified, kind: "constant", place: variable.place)
        record.valueType = typeRecord(type, isArgument: false, place: variable.place, user: qualified)
        let spelling = swigSpelling(inner)
        interface.constants.append("%constant \(spelling) \(record.pythonName) = \(qualified);")
        return .success(record)
    }
}

/// The namespace-level functions and variables of a document by qualified name, in document order.
struct ModuleLevelIndex {
    var functions: [String: [FunctionNode]] = [:]
    var variables: [String: VariableNode] = [:]

    init(document: CastXMLDocument, resolver: TypeResolver) {
        var found: [(Int, String, CastXMLNode)] = []
        for (id, node) in document.nodes {
            switch node {
            case .function(let function) where function.kind == .function:
                found.append((document.nodes.ordinal(id) ?? 0, id, node))
            case .variable(let variable) where !variable.isField:
                found.append((document.nodes.ordinal(id) ?? 0, id, node))
            default: continue
            }
        }
        found.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        for (_, _, node) in found {
            switch node {
            case .function(let function):
                guard case .namespace = document[function.context] else { continue }
                functions[Self.join(resolver.qualifiedName(function.context), function.name), default: []].append(function)
            case .variable(let variable):
                guard case .namespace = document[variable.context] else { continue }
                variables[Self.join(resolver.qualifiedName(variable.context), variable.name)] = variable
            default: continue
            }
        }
    }

    /// A number, bool, `const char*`, `std::string`, enumeration or wrapped class (top-level const removed).
    static func isConstantType(_ type: CppType, aliases: AliasIndex) -> Bool {
        switch type {
        case .fundamental(let name): return name != "void"
        case .pointer(let pointee):
            if case .fundamental("char") = pointee.core { return true }
            return false
        case .named(let named):
            return named.spelling == "std::string" || named.kind == .enumeration || aliases.alias(for: named.spelling) != nil
        default: return false
        }
    }

    static func join(_ scope: String, _ name: String) -> String { scope.isEmpty ? name : scope + "::" + name }

    static func lastComponent(_ qualified: String) -> String {
        guard let last = qualified.split(separator: "::").last else { return qualified }
        return String(last)
    }
}

extension CppType {
    /// A top-level `const` (`const int`, `constexpr double`, `const char* const`).
    var isConstant: Bool {
        if case .qualified(_, let isConst, _) = self { return isConst }
        return false
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}

/// Python-name clashes of module-level functions and constants with the module's other names.
public enum ModuleLevelNames {
    /// Every Python name a star import of the module's submodules binds: classes, enumerators of
    /// wrapped enumerations, functions and constants. A function or constant that takes one of them
    /// (or another's) is an error naming both declarations: one would silently replace the other.
    public static func check(_ records: [ClassRecord], module: String) throws(WrapgenError) {
        var owners: [String: String] = [:]
        for record in records where !record.isModuleLevel {
            let place = "\(record.kind) \(record.cppType) (\(record.file):\(record.line), submodule \(record.submodule))"
            owners[record.pythonName] = owners[record.pythonName] ?? place
            if record.kind == "enum" {
                for value in record.enums.flatMap(\.values) { owners[value.pythonName] = owners[value.pythonName] ?? "enumerator \(value.name) of " + place }
            }
        }
        var problems: [String] = []
        for record in records.filter(\.isModuleLevel).sorted(by: { $0.key < $1.key }) {
            let place = "\(record.kind) \(record.cppType) (\(record.file):\(record.line), submodule \(record.submodule))"
            if let first = owners[record.pythonName] {
                problems.append("\(record.file):\(record.line): Python name '\(record.pythonName)' of module \(module) is taken twice: by \(first) and by \(place); list only one of them (swiftwrap_add_submodule FUNCTIONS/CONSTANTS, TYPES)")
            } else {
                owners[record.pythonName] = place
            }
        }
        if !problems.isEmpty { throw .moduleLevel(problems) }
    }
}
