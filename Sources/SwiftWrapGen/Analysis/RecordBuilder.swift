import SwiftWrapRecords

/// Builds the records and the SWIG declarations of one submodule's wrapped types.
struct RecordBuilder {
    let module: String
    let owner: String
    let package: String
    let submodule: String
    let resolver: TypeResolver
    let aliases: AliasIndex
    /// `--intrusive-pointer` templates (SmartPointers.swift).
    let intrusivePointers: [IntrusivePointer]
    var warnings = WarningList()
    /// `--ownership` declarations (Lifetimes.swift), and those that named a method of a class built here.
    var ownership: [OwnershipDeclaration] = []
    var usedOwnership: Set<OwnershipDeclaration> = []
    /// C++ spellings of returned pointers and references to reference-counted classes (Lifetimes.swift).
    var countedReturns: Set<String> = []
    var interface: SubmoduleInterface
    /// `--buffer CLASS.METHOD=SIZE` declarations, and those that named a wrapped method (BufferArguments.swift).
    var buffers: [String: String] = [:]
    var usedBuffers = Set<String>()
    /// Doc comments of the document, nil with `--no-docstrings` (DocComments.swift).
    var docs: DocComments? = nil
    /// Type records and SWIG spellings by type id (TypeMemo.swift).
    var typeMemo = TypeMemo()

    init(module: String, owner: String, package: String, submodule: String, includes: [String],
         resolver: TypeResolver, aliases: AliasIndex, intrusivePointers: [IntrusivePointer] = []) {
        self.module = module
        self.owner = owner
        self.package = package
        self.submodule = submodule
        self.resolver = resolver
        self.aliases = aliases
        self.intrusivePointers = intrusivePointers
        interface = SubmoduleInterface(submodule: submodule, xmlPath: resolver.document.path, includes: includes, declarations: [])
    }

    /// Borrowed, not copied: a copy retains every table of the document, and `document[id]` runs
    /// for every member of every wrapped class.
    var document: CastXMLDocument { _read { yield resolver.document } }

    mutating func build(_ wrapped: WrappedTypedef) -> ClassRecord {
        switch wrapped.target {
        case .record(let id, let node): return buildClass(wrapped, id: id, node: node)
        case .enumeration(_, let node): return buildEnum(wrapped, node: node)
        }
    }

    /// A record with the identity fields set; `place` is the declaration of the class or enum.
    private func emptyRecord(_ wrapped: WrappedTypedef, kind: String, place: SourcePlace) -> ClassRecord {
        let parts = CppSpelling.templateParts(wrapped.cppType)
        let pythonName = PythonNames.python(wrapped.name)
        return ClassRecord(key: pythonName + "." + submodule, pythonName: pythonName, owner: owner, module: module,
                           submodule: submodule, package: package, kind: kind, cppType: wrapped.cppType,
                           templateName: parts?.name, templateArguments: parts?.arguments ?? [], bases: [],
                           isAbstract: false, constructors: [], methods: [], operators: [], enums: [],
                           file: document.fileName(place.file), line: place.line)
    }

    private mutating func buildEnum(_ wrapped: WrappedTypedef, node: EnumNode) -> ClassRecord {
        var record = emptyRecord(wrapped, kind: "enum", place: node.place)
        record.doc = docs?.text(node.comment, what: "'\(wrapped.name)'")
        let location = resolver.location(wrapped.place)
        guard case .namespace = document[node.context] else {
            warnings.insert(Warning(location: location, message: "'\(wrapped.name)' names an enumeration nested in a class; wrap the class instead; not wrapped"))
            record.enums = [enumRecord(node, cppType: wrapped.cppType, prefix: python(wrapped.name))]
            return record
        }
        // The enumeration's own %rename (to the alias) is written with the Python spelling.
        record.enums = [enumRecord(node, cppType: wrapped.cppType, prefix: PythonNames.python(wrapped.name))]
        interface.declarations.append(InterfaceDeclaration(
            alias: wrapped.name, cppType: wrapped.cppType,
            kind: .enumeration(namespace: resolver.qualifiedName(node.context), cppName: node.name),
            body: [enumBody(node)], localBases: [], noDefaultConstructor: false, noDefaultDestructor: false))
        return record
    }

    /// `prefix` is the enumeration's Python name (scoped enumerators are `<prefix>_<name>`).
    mutating func enumRecord(_ node: EnumNode, cppType: String, prefix: String) -> EnumRecord {
        var values: [EnumRecord.Value] = []
        for value in node.values {
            let name = python(value.name)
            values.append(EnumRecord.Value(name: value.name, pythonName: node.scoped ? prefix + "_" + name : name,
                                           value: Int(value.value) ?? 0))
        }
        return EnumRecord(name: prefix, cppType: cppType, isScoped: node.scoped, values: values)
    }

    /// The Python name of a C++ declaration's name; a renamed one gets its `%rename` in the `.i`.
    mutating func python(_ name: String) -> String {
        let python = PythonNames.python(name)
        if python != name { interface.renamed.insert(name) }
        return python
    }

    /// `enum [class] Name { A = 0, B = 5 };`
    func enumBody(_ node: EnumNode) -> String {
        let values = node.values.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
        return "enum \(node.scoped ? "class " : "")\(node.name) { \(values) };"
    }

    private mutating func buildClass(_ wrapped: WrappedTypedef, id: String, node: RecordNode) -> ClassRecord {
        var record = emptyRecord(wrapped, kind: node.tag.rawValue, place: node.place)
        record.doc = docs?.text(node.comment, what: "'\(wrapped.name)'")
        // castxml records no comments for template instantiations (DocComments+Above.swift).
        docs?.lookAbove = record.templateName != nil
        defer { docs?.lookAbove = false }
        if record.doc == nil { record.doc = docs?.textAbove(node.place, name: String(node.name.prefix { $0 != "<" })) }
        _ = python(wrapped.name)
        record.isAbstract = node.abstract
        var baseAliases: [String] = []
        var localBases: [String] = []
        for base in node.bases {
            let type = resolver.type(base.type)
            let spelling = type.spelling
            let entry = aliases.alias(for: spelling)
            record.bases.append(BaseRecord(cppType: spelling, pythonName: entry?.pythonName, submodule: entry?.submodule,
                                           access: base.access, isVirtual: base.isVirtual))
            guard base.access == "public" else { continue }
            guard let entry else {
                warnings.insert(Warning(location: resolver.location(node.place),
                                        message: "base class '\(spelling)' of '\(wrapped.name)' is not wrapped; its members are not reachable from Python",
                                        unwrappedType: spelling))
                continue
            }
            baseAliases.append(entry.alias)
            useClass(entry)
            useAncestors(of: base.type)
            if entry.submodule == submodule { localBases.append(entry.alias) }
        }
        var members = MemberCollector(owner: wrapped.name, isAbstract: node.abstract)
        for memberID in MemberIDs.split(node.members) {
            collect(memberID, into: &members, recordID: id, record: node)
        }
        record.constructors = members.constructors
        if record.constructors.isEmpty, !node.abstract, !members.hasHiddenConstructor, let implicit = members.implicitDefault {
            record.constructors = [implicit]
        }
        record.methods = MemberCollector.grouped(members.methods)
        record.operators = MemberCollector.grouped(members.operators)
        addSubscript(members, alias: wrapped.name, to: &record)
        noteLifetimes(record, alias: wrapped.name)
        record.enums = members.enums
        record.fields = members.fields.isEmpty ? nil : members.fields
        var declaration = InterfaceDeclaration(
            alias: wrapped.name, cppType: wrapped.cppType, kind: .record(tag: node.tag, bases: baseAliases),
            body: members.emittedLines, localBases: localBases,
            noDefaultConstructor: members.hasHiddenConstructor || node.abstract, noDefaultDestructor: members.hasHiddenDestructor)
        declaration.docstrings = SwigDocstrings.lines(record, alias: wrapped.name)
        declaration.director = DirectorSupport(abstractConstructorLines: members.abstractConstructorLines,
                                               hasImplicitDefault: members.implicitDefault != nil && !members.hasHiddenConstructor,
                                               hasVirtualDestructor: members.hasVirtualDestructor)
        declaration.directives = members.fieldDirectives
        declaration.trailer = members.fieldTrailer
        declaration.closing = members.closingDirectives
        if let counting = referenceCounting(of: node) {
            // Python objects hold a reference and drop it when collected (%feature("unref")).
            declaration.referenceCounting = counting
            declaration.noDefaultDestructor = false
        }
        interface.declarations.append(declaration)
        interface.classAliases[wrapped.name] = wrapped.cppType
        return record
    }

    /// SWIG's upcast code names every wrapped class up the chain: the `.i`'s typedefs must declare
    /// them all, also those this class does not name (bases of a base from another module).
    mutating func useAncestors(of typeID: String) {
        if let known = typeMemo.ancestors[typeID] {
            for entry in known { useClass(entry) }
            return
        }
        var used: [AliasIndex.Entry] = []
        var pending = [typeID]
        var seen = Set<String>()
        while let id = pending.popLast(), seen.insert(id).inserted {
            guard let (_, node) = AutomaticBases.record(id, in: document) else { continue }
            for base in node.bases where base.access == "public" {
                if let entry = aliases.alias(for: resolver.type(base.type).spelling) { used.append(entry) }
                pending.append(base.type)
            }
        }
        typeMemo.ancestors[typeID] = used
        for entry in used { useClass(entry) }
    }

    /// Notes that the `.i` uses a wrapped type (a typedef for classes, an `%import` for other submodules).
    mutating func useClass(_ entry: AliasIndex.Entry) {
        interface.classAliases[entry.alias] = entry.cppType
        if entry.submodule != submodule { interface.imports.insert(entry.submodule) }
    }
}
