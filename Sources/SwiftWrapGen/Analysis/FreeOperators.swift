import SwiftWrapRecords

/// Free operators (castxml `OperatorFunction` in a namespace) whose operands are classes of this
/// module, wrapped with those classes through `%extend` (Emit/FreeOperatorExtensions.swift):
///
/// - the left operand is a wrapped class: `__add__`, `__eq__`, `__lt__`, `__iadd__`, `__neg__` … on it;
/// - else the right operand is: the reflected form, `__radd__`, `__rsub__`, `__rmul__`, `__rtruediv__`,
///   `__rmod__`, and for comparisons the mirrored one (`3 < v` is `v.__gt__(3)`, `x == v` is `v.__eq__(x)`).
///
/// The class's submodule attaches it (its translation unit dumps the class's namespace, so castxml
/// reports the namespace's operators). Every free operator on a class of this module that is not
/// wrapped is warned (`Warning.skippedOperator`, summarised per operator by WarningSummary): no Python
/// equivalent, no reflected form, an unsupported type, or declared where the class's submodule cannot see it.
extension RecordBuilder {
    static let reflectedNames = ["+": "__radd__", "-": "__rsub__", "*": "__rmul__", "/": "__rtruediv__", "%": "__rmod__",
                                 "==": "__eq__", "!=": "__ne__", "<": "__gt__", "<=": "__ge__", ">": "__lt__", ">=": "__le__"]

    /// Adds this submodule's free operators to `records` (its class records) and the interface.
    /// `found`: the document's `freeOperatorFunctions`, when already known.
    mutating func addFreeOperators(to records: inout [ClassRecord], moduleSubmodules: Set<String>, outcome: inout FreeOperatorOutcome,
                                   found: [FunctionNode]? = nil) {
        var groups: [String: [(key: String, group: MethodGroup)]] = [:]
        for function in found ?? RecordBuilder.freeOperatorFunctions(in: document) {
            let operands = function.arguments.map { resolver.type($0.type) }
            let wrapped = operands.map { type -> AliasIndex.Entry? in
                guard case .named(let named) = type.core, named.kind == .record,
                      let entry = aliases.alias(for: named.spelling), moduleSubmodules.contains(entry.submodule) else { return nil }
                return entry
            }
            guard wrapped.contains(where: { $0 != nil }) else { continue }
            let identity = "\(document.fileName(function.place.file)):\(function.place.line): operator\(function.name)("
                + operands.map(\.spelling).joined(separator: ", ") + ")"
            let display = "operator\(function.name)(" + operands.map(\.spelling).joined(separator: ", ") + ")"
            guard let plan = FreeOperatorPlan.make(function.name, operands: operands, wrapped: wrapped) else {
                let inplace = wrapped.count == 2 && wrapped[0] != nil
                    && PythonTypes.operatorName(function.name, arity: 1)?.hasPrefix("__i") == true
                let reason = inplace ? "an in-place operator must take its left operand by non-const reference"
                    : wrapped.count == 2 && wrapped[0] == nil && RecordBuilder.reflectedNames[function.name] == nil
                    ? "its left operand is not a wrapped class and Python has no reflected form of it"
                    : "it has no Python equivalent"
                skipped(function, "free \(display) is not wrapped: \(reason)")
                continue
            }
            guard plan.host.submodule == submodule else {
                outcome.deferred[identity] = skippedWarning(function, "free \(display) is not wrapped: submodule \(plan.host.submodule), which wraps '\(plan.host.alias)', does not include the header that declares it")
                continue
            }
            guard let method = freeOperatorMethod(function, plan: plan, operands: operands, display: display) else { continue }
            outcome.attached.insert(identity)
            let groupKey = "operator" + function.name + "\u{0}" + plan.pythonName
            var list = groups[plan.host.alias] ?? []
            if let index = list.firstIndex(where: { $0.key == groupKey }) {
                list[index].group.overloads.append(method.record)
            } else {
                list.append((groupKey, MethodGroup(name: "operator" + function.name, pythonName: plan.pythonName, overloads: [method.record])))
            }
            groups[plan.host.alias] = list
            interface.freeOperators.append(method.extension)
        }
        for index in records.indices {
            guard !records[index].isModuleLevel, let list = groups[aliasOf(records[index])] else { continue }
            records[index].operators += list.map(\.group)
            records[index].operators.sort { ($0.name, $0.pythonName) < ($1.name, $1.pythonName) }
        }
    }

    /// The free operators of a document (castxml `OperatorFunction` in a namespace), in file order.
    static func freeOperatorFunctions(in document: CastXMLDocument) -> [FunctionNode] {
        var found: [(Int, FunctionNode)] = []
        for (id, node) in document.nodes {
            guard case .function(let function) = node, function.kind == .operatorFunction,
                  case .namespace = document[function.context] else { continue }
            found.append((document.nodes.ordinal(id) ?? 0, function))
        }
        found.sort { $0.0 < $1.0 }
        return found.map(\.1)
    }

    private func aliasOf(_ record: ClassRecord) -> String {
        aliases.alias(for: record.cppType)?.alias ?? ""
    }

    private mutating func skipped(_ function: FunctionNode, _ message: String) {
        warnings.insert(skippedWarning(function, message))
    }

    private func skippedWarning(_ function: FunctionNode, _ message: String) -> Warning {
        var warning = Warning(location: resolver.location(function.place), message: message)
        warning.skippedOperator = "operator" + function.name
        return warning
    }

    private mutating func freeOperatorMethod(_ function: FunctionNode, plan: FreeOperatorPlan, operands: [CppType],
                                             display: String) -> (record: FunctionRecord, extension: FreeOperatorExtension)? {
        let returnType = resolver.type(function.returns)
        for type in [returnType] + operands {
            if let part = type.unsupportedPart ?? smartPointerProblem(type) {
                skipped(function, "free \(display) is not wrapped: a type wrapgen does not support (\(part): \(type.spelling))")
                return nil
            }
        }
        let user = display
        var arguments: [ArgumentRecord] = []
        var parameter: String?
        if let other = plan.otherOperand {
            let type = operands[other]
            arguments.append(ArgumentRecord(name: "other", type: typeRecord(type, isArgument: true, place: function.place, user: user),
                                            cppDefault: nil, pythonDefault: nil))
            parameter = swigSpelling(type)
        }
        let hostSpelling = plan.host.alias
        let returns: TypeRecord
        let returnSpelling: String
        if plan.isInplace {
            returns = TypeRecord(cpp: plan.host.cppType + " &", python: plan.host.pythonName, wrapped: plan.host.key)
            returnSpelling = hostSpelling + " &"
        } else {
            returns = typeRecord(returnType, isArgument: false, place: function.place, user: user)
            returnSpelling = swigSpelling(returnType)
            noteReferenceReturn(returnType)
        }
        let hostOperand = plan.otherOperand == 0 ? 1 : 0
        let isConst = !operands[hostOperand].isMutableReference
        let record = FunctionRecord(arguments: arguments, returns: returns, isStatic: false, isConst: isConst,
                                    isVirtual: false, isPure: false, isImplicit: false, line: function.place.line)
        let item = FreeOperatorExtension(alias: hostSpelling, pythonName: plan.pythonName, returns: returnSpelling,
                                         parameter: parameter, isInplace: plan.isInplace, isConst: isConst,
                                         expression: plan.expression)
        return (record, item)
    }
}

/// How one free operator becomes a method of its host class.
struct FreeOperatorPlan {
    var host: AliasIndex.Entry
    var pythonName: String
    /// Index of the operand that becomes the method's parameter (nil: unary).
    var otherOperand: Int?
    var isInplace: Bool
    /// The C++ expression of the `%extend` body, with `*$self` and `other`.
    var expression: String

    static func make(_ symbol: String, operands: [CppType], wrapped: [AliasIndex.Entry?]) -> FreeOperatorPlan? {
        switch operands.count {
        case 1:
            guard let host = wrapped[0], let name = PythonTypes.operatorName(symbol, arity: 0) else { return nil }
            return FreeOperatorPlan(host: host, pythonName: name, otherOperand: nil, isInplace: false, expression: "\(symbol)(*$self)")
        case 2:
            if let host = wrapped[0], symbol != "()", let name = PythonTypes.operatorName(symbol, arity: 1) {
                let inplace = name.hasPrefix("__i")
                // An in-place operator modifies its left operand: it must take it by non-const reference.
                if inplace, !operands[0].isMutableReference { return nil }
                return FreeOperatorPlan(host: host, pythonName: name, otherOperand: 1, isInplace: inplace,
                                        expression: "*$self \(symbol) other")
            }
            if let host = wrapped[1], let name = RecordBuilder.reflectedNames[symbol] {
                return FreeOperatorPlan(host: host, pythonName: name, otherOperand: 0, isInplace: false,
                                        expression: "other \(symbol) *$self")
            }
            return nil
        default:
            return nil
        }
    }
}

/// What a module's submodules did with free operators: identities attached, and the warnings of
/// those seen by a submodule that is not their class's (warned only when no submodule attaches them).
public struct FreeOperatorOutcome: Sendable {
    var attached: Set<String> = []
    var deferred: [String: Warning] = [:]

    var unattached: [Warning] {
        deferred.filter { !attached.contains($0.key) }.map(\.value)
    }
}

extension CppType {
    /// `T&` of a non-const `T`.
    var isMutableReference: Bool {
        guard case .reference(let inner) = self else { return false }
        if case .qualified(_, let isConst, _) = inner { return !isConst }
        return true
    }
}
