import SwiftWrapCore

/// Checks the id graph of a read CastXML document before anything walks it: every reference
/// names an element of the file, `context` chains and type chains end, and no class inherits from
/// itself. CastXML never writes such files; a damaged or hand-made one must be an error naming
/// the file, the line and what is wrong, not a crash (unbounded recursion) or a wrong stub.
///
/// Cost: one id lookup per reference (CastXMLIDIndex: no hashing for castxml's ids), over the elements
/// by number, in two halves on two threads for large files; the chains are then walked over element
/// numbers (arrays), each element once. The error is the same either way: the problem on the
/// earliest line and the count of all problems do not depend on the order they were found in.
struct CastXMLValidator: Sendable {
    /// Documents with fewer elements are checked on one thread.
    static let halvesFrom = 8192

    let document: CastXMLDocument
    private var problems: [(line: Int, message: String)] = []
    /// By element number: the number of its `context`, of the type it wraps (typedef, pointer,
    /// reference, cv, elaborated, array), -1 for none; the records its bases name.
    private var contextOf: [Int]
    private var innerTypeOf: [Int]
    private var basesOf: [Int: [Int]] = [:]

    init(_ document: CastXMLDocument) {
        self.document = document
        contextOf = Array(repeating: -1, count: document.nodes.count)
        innerTypeOf = contextOf
    }

    /// Throws the problem on the earliest line (with a count of the others). `inHalves`: check the
    /// references of the two halves of the elements on two threads (default: for large documents).
    func check(inHalves: Bool? = nil) throws(CastXMLError) {
        var validator = self
        let count = document.nodes.count
        if inHalves ?? (count >= Self.halvesFrom && ProcessorCount.online > 1) {
            let middle = count / 2
            let copy = self
            let (_, second) = concurrently({ validator.checkReferences(0..<middle) }, alongside: {
                var other = copy
                other.checkReferences(middle..<count)
                return other
            })
            validator.take(second, middle..<count)
        } else {
            validator.checkReferences(0..<count)
        }
        if validator.problems.isEmpty {
            validator.checkChains("context", validator.contextOf)
            validator.checkChains("type", validator.innerTypeOf)
        }
        if validator.problems.isEmpty { validator.checkInheritance() }
        guard let first = validator.problems.min(by: { ($0.line, $0.message) < ($1.line, $1.message) }) else { return }
        let more = validator.problems.count - 1
        let tail = more > 0 ? " (and \(more) more problem\(more == 1 ? "" : "s") of this kind)" : ""
        throw CastXMLError(path: document.path, line: first.line,
                           message: first.message + tail + "; the file is damaged or not castxml's output: rerun castxml")
    }

    private func line(_ id: String) -> Int { document.nodes.ordinal(id).map { document.nodes.line($0) } ?? 0 }

    private mutating func problem(_ id: String, _ message: String) {
        problems.append((line(id), message))
    }

    /// The findings of `other` for the elements in `range`.
    private mutating func take(_ other: CastXMLValidator, _ range: Range<Int>) {
        problems += other.problems
        contextOf.withUnsafeMutableBufferPointer { mine in
            other.contextOf.withUnsafeBufferPointer { theirs in for me in range { mine[me] = theirs[me] } }
        }
        innerTypeOf.withUnsafeMutableBufferPointer { mine in
            other.innerTypeOf.withUnsafeBufferPointer { theirs in for me in range { mine[me] = theirs[me] } }
        }
        basesOf.merge(other.basesOf) { mine, _ in mine }
    }

    /// Every id the elements in `range` refer to must name an element of the file; records the chain links.
    private mutating func checkReferences(_ range: Range<Int>) {
        let table = document.nodes
        var knownFile = ""
        for me in range {
            guard let node = table.nodes[me] else { continue }
            forEachReference(of: node) { attribute, target in
                if target.isEmpty {
                    if attribute != .context { problem(table.ids[me], "\(describe(table.ids[me])) has no \(attribute.rawValue) attribute") }
                    return
                }
                guard let other = table.ordinal(target), table.nodes[other] != nil else {
                    problem(table.ids[me], "\(attribute.rawValue) '\(target)' of \(describe(table.ids[me])) names no element of this file (a dangling id)")
                    return
                }
                switch attribute {
                case .context: contextOf[me] = other
                case .type: innerTypeOf[me] = other
                default: break
                }
            }
            if case .record(let record) = node {
                checkMembers(record, of: table.ids[me])
                if !record.bases.isEmpty { basesOf[me] = baseRecords(record) }
            }
            // Neighbours mostly share their file: one dictionary lookup per change.
            if let file = place(of: node)?.file, !file.isEmpty, file != knownFile {
                if document.files[file] == nil {
                    problem(table.ids[me], "file '\(file)' of \(describe(table.ids[me])) names no <File> element of this file (a dangling id)")
                } else {
                    knownFile = file
                }
            }
        }
    }

    /// The `members` list (space-separated ids) must name nodes; read as bytes, without a String per id.
    private mutating func checkMembers(_ record: RecordNode, of id: String) {
        var members = record.members
        let dangling: [String] = members.withUTF8 { bytes in
            var dangling: [String] = []
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: " ") { end += 1 }
                if end > start {
                    let member = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    if document.nodes.ordinal(utf8: member).map({ document.nodes.nodes[$0] == nil }) ?? true {
                        dangling.append(String(decoding: member, as: UTF8.self))
                    }
                }
                start = end + 1
            }
            return dangling
        }
        for member in dangling {
            problem(id, "member '\(member)' of \(describe(id)) names no element of this file (a dangling id)")
        }
    }

    /// A chain (`next` by element number, -1 at its end) must end: each element is visited once, and
    /// a cycle is reported from its element on the earliest line, whichever element led into it.
    private mutating func checkChains(_ kind: String, _ next: [Int]) {
        var state = [UInt8](repeating: 0, count: next.count)   // 0 new, 1 on the current path, 2 ends
        var path: [Int] = []
        for start in next.indices where state[start] == 0 {
            path.removeAll(keepingCapacity: true)
            var element = start
            while element >= 0 {
                if state[element] == 1 { reportCycle(kind, Array(path[path.firstIndex(of: element)!...])) }
                if state[element] != 0 { break }
                state[element] = 1
                path.append(element)
                element = next[element]
            }
            for element in path { state[element] = 2 }
        }
    }

    /// A cycle of element numbers, rotated to start at the one on the earliest line, as ids.
    private func canonical(_ cycle: [Int]) -> [String] {
        guard let first = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) else { return [] }
        return (cycle[first...] + cycle[..<first]).map { document.nodes.ids[$0] }
    }

    private mutating func reportCycle(_ kind: String, _ members: [Int]) {
        let cycle = canonical(members)
        let steps = cycle.map { "'\($0)' (line \(line($0)))" } + ["'\(cycle[0])'"]
        problem(cycle[0], "the \(kind) chain of \(describe(cycle[0])) is a cycle: " + steps.joined(separator: " → "))
    }

    /// No class may be its own base, directly or through other classes.
    private mutating func checkInheritance() {
        var state: [Int: Bool] = [:]   // false: on the current path, true: done
        for start in basesOf.keys.sorted() where state[start] == nil {
            var stack: [(element: Int, bases: ArraySlice<Int>)] = [(start, basesOf[start]?[...] ?? [])]
            state[start] = false
            while let top = stack.last {
                guard let base = top.bases.first else {
                    state[top.element] = true
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].bases.removeFirst()
                switch state[base] {
                case false?:
                    let cycle = canonical(Array(stack.map(\.element).drop(while: { $0 != base })))
                    let names = cycle.map(recordName)
                    let what = names.count == 1 ? "class \(names[0]) lists itself as its base"
                        : "classes " + (names + [names[0]]).joined(separator: " → ") + " inherit from each other in a cycle"
                    problem(cycle[0], what)
                    return
                case true?:
                    continue
                case nil:
                    state[base] = false
                    stack.append((base, basesOf[base]?[...] ?? []))
                }
            }
        }
    }

    /// `typedef 'PointD' (id '_5')`: what a user can find in the file.
    private func describe(_ id: String) -> String {
        let what: String
        switch document[id] {
        case .namespace(let name, _): what = "namespace '\(name)'"
        case .record(let record): what = "\(record.tag.rawValue) '\(record.name)'"
        case .typedef(let typedef): what = "typedef '\(typedef.name)'"
        case .enumeration(let enumeration): what = "enumeration '\(enumeration.name)'"
        case .function(let function): what = "\(function.kind.rawValue) '\(function.name)'"
        case .variable(let variable): what = "\(variable.isField ? "field" : "variable") '\(variable.name)'"
        default: what = "element"
        }
        return what + " (id '\(id)')"
    }

    private func recordName(_ id: String) -> String {
        if case .record(let record) = document[id] { return "'\(record.name)' ('\(id)', line \(line(id)))" }
        return "'\(id)'"
    }

    /// The element numbers of the records a class derives from (looked through typedefs, elaborated
    /// and cv types; a chain of those that does not end at a record names no base).
    private func baseRecords(_ record: RecordNode) -> [Int] {
        record.bases.compactMap { base in
            var target = base.type
            for _ in 0..<64 {
                switch document[target] {
                case .record: return document.nodes.ordinal(target)
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

    enum Reference: String { case context, type, baseType = "base type", returns, argumentType = "argument type", variableType = "variable type" }

    /// Calls `body` with (attribute, id) for each reference an element makes. Only "context" and
    /// "type" (the wrapped type of a typedef, pointer, reference, cv, elaborated or array) are chain links.
    private func forEachReference(of node: CastXMLNode, _ body: (Reference, String) -> Void) {
        if let context = Self.context(node) { body(.context, context) }
        if let inner = Self.innerType(node) { body(.type, inner) }
        switch node {
        case .record(let record): for base in record.bases { body(.baseType, base.type) }
        case .function(let function):
            if function.kind != .constructor && function.kind != .destructor { body(.returns, function.returns) }
            for argument in function.arguments { body(.argumentType, argument.type) }
        case .variable(let variable): body(.variableType, variable.type)
        default: break
        }
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
