import SwiftWrapRecords

/// Applies a submodule's hooks (SubmoduleHooks) to its records and its `.i`: the records say what
/// Python sees (stubgen reads them), the interface what SWIG is told. A name that matches nothing
/// is an error, so a misspelt declaration never leaves the stubs silently wrong.
enum HookApplication {
    static func apply(_ hooks: SubmoduleHooks, submodule: String, records: inout [ClassRecord],
                      interface: inout SubmoduleInterface, warnings: inout Set<Warning>) throws(WrapgenError) {
        interface.hooks.codeBefore = hooks.swigCode
        interface.hooks.codeAfter = hooks.swigCodeAfter
        for path in hooks.swigCode + hooks.swigCodeAfter where path.contains("\"") || path.contains("\n") {
            throw .hook("--swig-code '\(path)' of submodule \(submodule): a path with a quote or newline cannot be %included")
        }
        for name in hooks.directors {
            let index = try classIndex(name, records, submodule: submodule, what: "DIRECTORS")
            records[index].isDirector = true
            guard let d = interface.declarations.firstIndex(where: { $0.cppType == records[index].cppType }) else { continue }
            addDirector(&interface.declarations[d], record: &records[index], warnings: &warnings)
            if !interface.hooks.directors.contains(interface.declarations[d].alias) {
                interface.hooks.directors.append(interface.declarations[d].alias)
            }
        }
        for declaration in hooks.outputParameters {
            let index = try classIndex(declaration.scope, records, submodule: submodule, what: "OUTPUT_PARAMETERS \(declaration.text)")
            guard let d = interface.declarations.firstIndex(where: { $0.cppType == records[index].cppType }) else { continue }
            try addOutputs(declaration, to: &records[index], declaration: &interface.declarations[d], hooks: &interface.hooks,
                           submodule: submodule)
        }
    }

    /// The record of a class of this submodule named by its C++ type (spaces ignored) or Python name.
    private static func classIndex(_ name: String, _ records: [ClassRecord], submodule: String, what: String) throws(WrapgenError) -> Int {
        let compact = { (text: String) in String(text.filter { $0 != " " }) }
        let wanted = compact(name)
        if let index = records.firstIndex(where: { $0.kind != "enum" && (compact($0.cppType) == wanted || $0.pythonName == name) }) {
            return index
        }
        let known = records.filter { $0.kind != "enum" }.map { "\($0.cppType) (\($0.pythonName))" }.sorted()
        throw .hook("\(what) of submodule \(submodule): '\(name)' is not a class this submodule wraps"
                    + (known.isEmpty ? " (it wraps none)" : "; it wraps: " + known.joined(separator: ", ")))
    }

    private static func addDirector(_ declaration: inout InterfaceDeclaration, record: inout ClassRecord, warnings: inout Set<Warning>) {
        let support = declaration.director
        var head: [String] = []
        if record.isAbstract {
            // SWIG constructs an abstract director class for Python subclasses: its constructors are real.
            head += support.abstractConstructorLines
            if support.abstractConstructorLines.isEmpty && support.hasImplicitDefault {
                head.append("  \(declaration.alias)();")
                record.constructors = [FunctionRecord(arguments: [], returns: nil, isStatic: false, isConst: false, isVirtual: false,
                                                      isPure: false, isImplicit: true, line: record.line)]
            }
        }
        if support.hasVirtualDestructor && !declaration.noDefaultDestructor { head.append("  virtual ~\(declaration.alias)();") }
        declaration.body = head + declaration.body
        let location = "\(record.file):\(record.line)"
        let virtuals = (record.methods + record.operators).flatMap(\.overloads).contains { $0.isVirtual }
        if !virtuals {
            warnings.insert(Warning(location: location, message: "DIRECTORS \(record.cppType): the class has no wrapped virtual method; Python overrides are never called from C++"))
        }
        if record.constructors.isEmpty {
            warnings.insert(Warning(location: location, message: "DIRECTORS \(record.cppType): the class has no public constructor; Python subclasses of it cannot be constructed"))
        }
        if !support.hasVirtualDestructor {
            warnings.insert(Warning(location: location, message: "DIRECTORS \(record.cppType): the destructor is not virtual; deleting a Python subclass's object through a C++ pointer to it is undefined"))
        }
    }

    private static func addOutputs(_ declaration: OutputParameters, to record: inout ClassRecord, declaration iface: inout InterfaceDeclaration,
                                   hooks: inout HookInterface, submodule: String) throws(WrapgenError) {
        let what = "OUTPUT_PARAMETERS \(declaration.text) of submodule \(submodule)"
        guard let g = record.methods.firstIndex(where: { $0.name == declaration.method }) else {
            throw .hook("\(what): \(record.cppType) has no wrapped method '\(declaration.method)'")
        }
        let names = Set(declaration.parameters.map(PythonNames.python))
        var patterns = Set<String>()
        var found = Set<String>()
        for o in record.methods[g].overloads.indices {
            let overload = record.methods[g].overloads[o]
            for (position, argument) in overload.arguments.enumerated() where names.contains(argument.name) {
                guard let (base, marker, python) = outputType(argument.type.cpp), argument.cppDefault == nil else { continue }
                if overload.isVirtual && record.isDirector == true {
                    throw .hook("\(what): the method is virtual in a DIRECTORS class; a Python override would not see the out-parameter the way callers do; not supported")
                }
                if let returns = overload.returns, returns.cpp.hasSuffix("*") {
                    throw .hook("\(what): the method returns a pointer ('\(returns.cpp)'), and SWIG 4.1 drops a NULL result from the tuple of outputs; not supported")
                }
                record.methods[g].overloads[o].arguments[position].isOutput = true
                record.methods[g].overloads[o].arguments[position].type = TypeRecord(cpp: argument.type.cpp, python: python, wrapped: nil)
                patterns.insert("\(base) \(marker)\(argument.name)")
                found.insert(argument.name)
            }
        }
        if let missing = declaration.parameters.first(where: { !found.contains(PythonNames.python($0)) }) {
            throw .hook("\(what): no overload of \(record.cppType)::\(declaration.method) has a parameter '\(missing)' that is a pointer or reference to a non-const number or bool without a default (SWIG's OUTPUT typemaps cover those)")
        }
        // Scoped to the method's lines: SWIG applies a typemap to every later parameter of that type and name.
        let sorted = patterns.sorted()
        var body: [String] = []
        for line in iface.body {
            guard line.contains(" \(declaration.method)(") else { body.append(line); continue }
            for pattern in sorted {
                let (base, rest) = split(pattern)
                body.append("  %apply \(base) \(rest.first!)OUTPUT { \(pattern) };")
                // SWIG's temporary is uninitialised: an output the function leaves unset would be garbage.
                body.append("  %typemap(in, numinputs=0, noblock=1) \(pattern) (\(base) temp, int res = SWIG_TMPOBJ) { temp = 0; $1 = &temp; }")
            }
            body.append(line)
            for pattern in sorted { body.append("  %clear \(pattern);") }
        }
        iface.body = body
        let target = "\(iface.alias)::\(declaration.method)"
        if !hooks.tupleResults.contains(target) { hooks.tupleResults.append(target) }
    }

    /// `int *value` → (`int`, `*value`).
    private static func split(_ pattern: String) -> (String, String) {
        let space = pattern.lastIndex(of: " ")!
        return (String(pattern[..<space]), String(pattern[pattern.index(after: space)...]))
    }

    /// `int *` / `double&` → (`int`, `*`, `int`); nil unless a pointer or reference to a non-const
    /// number or bool that SWIG's typemaps.i has OUTPUT typemaps for (not `char`, `wchar_t`, `long double`).
    static func outputType(_ cpp: String) -> (base: String, marker: String, python: String)? {
        var text = cpp.trimmingSpaces()
        guard let last = text.last, last == "*" || last == "&" else { return nil }
        text.removeLast()
        let base = text.trimmingSpaces()
        guard outputTypes.contains(base), let python = PythonTypes.fundamental(base) else { return nil }
        return (base, String(last), python)
    }

    /// The types SWIG 4.1's Python `typemaps.i` gives `*OUTPUT`/`&OUTPUT` typemaps (canonical spellings).
    static let outputTypes: Set<String> = [
        "bool", "signed char", "unsigned char", "short", "unsigned short", "int", "unsigned int", "long", "unsigned long",
        "long long", "unsigned long long", "float", "double",
    ]
}
