/// Checks the id graph of a read CastXML document before anything walks it: every reference
/// names an element of the file, `context` chains and type chains end, and no class inherits from
/// itself. CastXML never writes such files; a damaged or hand-made one must be an error naming
/// the file, the line and what is wrong, not a crash (unbounded recursion) or a wrong stub.
struct CastXMLValidator {
    let document: CastXMLDocument
    private var problems: [(line: Int, message: String)] = []

    init(_ document: CastXMLDocument) { self.document = document }

    /// Throws the problem on the earliest line (with a count of the others).
    func check() throws(CastXMLError) {
        var validator = self
        validator.checkReferences()
        if validator.problems.isEmpty { validator.checkChains() }
        if validator.problems.isEmpty { validator.checkInheritance() }
        guard let first = validator.problems.min(by: { ($0.line, $0.message) < ($1.line, $1.message) }) else { return }
        let more = validator.problems.count - 1
        let tail = more > 0 ? " (and \(more) more problem\(more == 1 ? "" : "s") of this kind)" : ""
        throw CastXMLError(path: document.path, line: first.line,
                           message: first.message + tail + "; the file is damaged or not castxml's output: rerun castxml")
    }

    private func line(_ id: String) -> Int { document.lines[id] ?? 0 }

    private mutating func problem(_ id: String, _ message: String) {
        problems.append((line(id), message))
    }

    /// Every id an element refers to must name an element of the file.
    private mutating func checkReferences() {
        for (id, node) in document.nodes {
            for (attribute, target) in references(of: node) {
                if target.isEmpty {
                    if attribute != "context" { problem(id, "element '\(id)' has no \(attribute) attribute") }
                } else if document[target] == nil {
                    problem(id, "\(attribute) '\(target)' of element '\(id)' names no element of this file (a dangling id)")
                }
            }
            if case .record(let record) = node {
                for member in record.members.split(separator: " ") where document[String(member)] == nil {
                    problem(id, "member '\(member)' of class element '\(id)' names no element of this file (a dangling id)")
                }
            }
            if let file = place(of: node)?.file, !file.isEmpty, document.files[file] == nil {
                problem(id, "file '\(file)' of element '\(id)' names no <File> element of this file (a dangling id)")
            }
        }
    }

    /// `context` chains and type chains (typedef, pointer, reference, cv, elaborated, array) must end.
    private mutating func checkChains() {
        for (kind, next) in [("context", Self.context), ("type", Self.innerType)] as [(String, (CastXMLNode) -> String?)] {
            var finished = Set<String>()
            for start in document.nodes.keys.sorted() where !finished.contains(start) {
                var path: [String] = []
                var onPath = Set<String>()
                var id = start
                while !finished.contains(id), let node = document[id] {
                    if !onPath.insert(id).inserted {
                        let cycle = path[path.firstIndex(of: id)!...].map { "'\($0)' (line \(line($0)))" }
                        problem(id, "the \(kind) chain of element '\(id)' is a cycle: " + (cycle + ["'\(id)'"]).joined(separator: " → "))
                        break
                    }
                    path.append(id)
                    guard let following = next(node), !following.isEmpty else { break }
                    id = following
                }
                finished.formUnion(path)
            }
        }
    }

    /// No class may be its own base, directly or through other classes.
    private mutating func checkInheritance() {
        var state: [String: Bool] = [:]   // false: on the current path, true: done
        for start in document.nodes.keys.sorted() {
            guard case .record = document[start], state[start] == nil else { continue }
            var stack: [(id: String, bases: [String])] = [(start, baseRecords(start))]
            state[start] = false
            while let top = stack.last {
                guard let base = top.bases.first else {
                    state[top.id] = true
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].bases.removeFirst()
                switch state[base] {
                case false?:
                    let names = stack.map(\.id).drop(while: { $0 != base }).map(recordName)
                    let what = names.count == 1 ? "class \(names[0]) lists itself as its base"
                        : "classes " + (names + [names[0]]).joined(separator: " → ") + " inherit from each other in a cycle"
                    problem(top.id, "\(what) (<Base> of element '\(top.id)')")
                    return
                case true?:
                    continue
                case nil:
                    state[base] = false
                    stack.append((base, baseRecords(base)))
                }
            }
        }
    }

    private func recordName(_ id: String) -> String {
        if case .record(let record) = document[id] { return "'\(record.name)' ('\(id)', line \(line(id)))" }
        return "'\(id)'"
    }

    /// The record ids a class derives from (bases looked through typedefs, elaborated and cv types).
    private func baseRecords(_ id: String) -> [String] {
        guard case .record(let record) = document[id] else { return [] }
        return record.bases.compactMap { base in
            var target = base.type
            for _ in 0..<64 {
                switch document[target] {
                case .record: return target
                case .typedef(let typedef): target = typedef.type
                case .elaborated(let inner), .cvQualified(let inner, _, _): target = inner
                default: return nil
                }
            }
            return nil
        }
    }

    private static func context(_ node: CastXMLNode) -> String? {
        switch node {
        case .namespace(_, let context): return context
        case .record(let record): return record.context
        case .typedef(let typedef): return typedef.context
        case .enumeration(let enumeration): return enumeration.context
        case .function(let function): return function.context
        default: return nil
        }
    }

    private static func innerType(_ node: CastXMLNode) -> String? {
        switch node {
        case .typedef(let typedef): return typedef.type
        case .pointer(let inner), .reference(let inner), .rvalueReference(let inner), .elaborated(let inner): return inner
        case .cvQualified(let inner, _, _), .array(let inner, _): return inner
        default: return nil
        }
    }

    /// (attribute, id) pairs of the references an element makes.
    private func references(of node: CastXMLNode) -> [(String, String)] {
        var result: [(String, String)] = []
        if let context = Self.context(node) { result.append(("context", context)) }
        if let inner = Self.innerType(node) { result.append(("type", inner)) }
        switch node {
        case .record(let record): result += record.bases.map { ("base type", $0.type) }
        case .function(let function):
            if ![.constructor, .destructor].contains(function.kind) { result.append(("returns", function.returns)) }
            result += function.arguments.map { ("argument type", $0.type) }
        case .variable(let variable): result.append(("type", variable.type))
        default: break
        }
        return result
    }

    private func place(of node: CastXMLNode) -> SourcePlace? {
        switch node {
        case .record(let record): return record.place
        case .typedef(let typedef): return typedef.place
        case .enumeration(let enumeration): return enumeration.place
        case .function(let function): return function.place
        case .variable(let variable): return variable.place
        default: return nil
        }
    }
}
