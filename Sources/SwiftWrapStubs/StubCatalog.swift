import SwiftWrapRecords

/// Where a wrapped class lives in Python: `from <package>.<submodule> import <name>`.
public struct PythonLocation: Hashable, Comparable, Sendable {
    public var package: String
    public var submodule: String
    public var name: String

    public static func < (a: PythonLocation, b: PythonLocation) -> Bool {
        (a.package, a.submodule, a.name) < (b.package, b.submodule, b.name)
    }
}

/// The records stubgen knows: this project's (the ones its manifests name) and the records of
/// other projects that they refer to (bases and argument types wrapped elsewhere).
public struct StubCatalog: Sendable {
    /// This project's records, and their positions by key (a flat array: no record is copied per lookup).
    private var ownRecords: [ClassRecord]
    private var ownIndex: [String: Int] = [:]
    /// Records of other owners by key (the first owner in sorted order when several have the key).
    public private(set) var external: [String: ClassRecord] = [:]
    /// Inheritance depth by key (`indexInheritance`).
    private var depths: [PythonLocation: Int] = [:]
    /// Own keys by Python name, sorted (for annotations that name a class without its key).
    private var ownKeysByName: [String: [String]] = [:]

    public init(own records: [ClassRecord]) {
        ownRecords = records
        ownIndex.reserveCapacity(records.count)
        for index in records.indices {
            ownIndex[records[index].key] = index
            ownKeysByName[records[index].pythonName, default: []].append(records[index].key)
        }
        for name in ownKeysByName.keys where ownKeysByName[name]!.count > 1 { ownKeysByName[name]!.sort() }
    }

    /// Adds another project's record; the first one added for a key wins (callers add in owner order).
    public mutating func addExternal(_ record: ClassRecord) {
        if ownIndex[record.key] == nil && external[record.key] == nil { external[record.key] = record }
    }

    /// Keys the own records refer to (bases, argument and return types) that are not own records.
    public var referencedForeignKeys: [String] {
        var keys = Set<String>()
        func note(_ type: TypeRecord?) {
            if let key = type?.wrapped, ownIndex[key] == nil { keys.insert(key) }
        }
        func note(_ functions: [FunctionRecord]) {
            for function in functions {
                note(function.returns)
                for argument in function.arguments { note(argument.type) }
            }
        }
        for index in ownRecords.indices {
            for base in ownRecords[index].bases {
                if let name = base.pythonName, let sub = base.submodule, ownIndex[name + "." + sub] == nil { keys.insert(name + "." + sub) }
            }
            note(ownRecords[index].valueType)
            note(ownRecords[index].constructors)
            for group in ownRecords[index].methods { note(group.overloads) }
            for group in ownRecords[index].operators { note(group.overloads) }
        }
        return keys.sorted()
    }

    /// The wrapped public bases of class `key`, as keys (without copying the record).
    func baseKeys(ofKey key: String) -> [String] {
        func keys(_ bases: [BaseRecord]) -> [String] {
            bases.compactMap { base in
                guard base.access == "public", let name = base.pythonName, let sub = base.submodule else { return nil }
                return name + "." + sub
            }
        }
        if let index = ownIndex[key] { return keys(ownRecords[index].bases) }
        return external[key].map { keys($0.bases) } ?? []
    }

    /// Keys of every known class: own records in their order, then other owners' sorted.
    var allKeys: [String] { ownRecords.map(\.key) + external.keys.sorted() }

    /// The submodule of class `key` and its methods and operators as (Python name, overloads).
    func declarations(ofKey key: String) -> (submodule: String, groups: [(name: String, functions: [FunctionRecord])]) {
        func of(_ record: borrowing ClassRecord) -> (submodule: String, groups: [(name: String, functions: [FunctionRecord])]) {
            (record.submodule, record.methods.map { ($0.pythonName, $0.overloads) } + record.operators.map { ($0.pythonName, $0.overloads) })
        }
        if let index = ownIndex[key] { return of(ownRecords[index]) }
        guard let record = external[key] else { return ("", []) }
        return of(record)
    }

    public func record(forKey key: String) -> ClassRecord? {
        if let index = ownIndex[key] { return ownRecords[index] }
        return external[key]
    }

    public func location(forKey key: String) -> PythonLocation? {
        if let index = ownIndex[key] {
            guard ownRecords[index].kind != "enum", !ownRecords[index].isModuleLevel else { return nil }
            return PythonLocation(package: ownRecords[index].package, submodule: ownRecords[index].submodule,
                                  name: ownRecords[index].pythonName)
        }
        guard let record = external[key], record.kind != "enum", !record.isModuleLevel else { return nil }
        return PythonLocation(package: record.package, submodule: record.submodule, name: record.pythonName)
    }

    /// An own class by Python name, preferring the given submodule.
    public func location(forName name: String, preferring submodule: String) -> PythonLocation? {
        guard let keys = ownKeysByName[name] else { return nil }
        let key = keys.first { $0 == name + "." + submodule } ?? keys[0]
        return location(forKey: key)
    }

    /// The annotation of a record type as seen from `submodule`: its wrapped key names the class; a
    /// class named inside a larger annotation (`Sequence[PointD]`) is found by name, this submodule first.
    func annotation(_ type: TypeRecord, in submodule: String) -> PythonAnnotation {
        PythonAnnotation.parse(type.python) { name in
            if let key = type.wrapped, type.python == name { return location(forKey: key) }
            return location(forName: name, preferring: submodule)
        }
    }

    /// True when the class at `location` is `ancestor` or derives from it (through known records).
    public func isSubclass(_ location: PythonLocation, of ancestor: PythonLocation) -> Bool {
        if location == ancestor { return true }
        // A class is deeper than all its ancestors: most negative answers need no walk at all.
        if let depth = depths[location], let ancestorDepth = depths[ancestor], depth <= ancestorDepth { return false }
        let key = location.name + "." + location.submodule, ancestorKey = ancestor.name + "." + ancestor.submodule
        guard self.location(forKey: key) == location else { return false }
        var pending = [key], seen = Set<String>()
        while let current = pending.popLast() {
            if current == ancestorKey { return self.location(forKey: current) == ancestor }
            guard seen.insert(current).inserted else { continue }
            pending += baseKeys(ofKey: current)
        }
        return false
    }

    /// Records each known class's inheritance depth (longest chain of known bases); call after
    /// the last `addExternal`. Without it `isSubclass` still answers, only slower.
    public mutating func indexInheritance() {
        var depths: [String: Int] = [:]
        func depth(_ key: String, _ level: Int) -> Int {
            if let known = depths[key] { return known }
            depths[key] = 0  // a cycle in broken data stops here
            var result = 0
            if level < 512, let record = record(forKey: key) {
                for base in record.bases where base.access == "public" {
                    if let name = base.pythonName, let sub = base.submodule, self.record(forKey: name + "." + sub) != nil {
                        result = max(result, depth(name + "." + sub, level + 1) + 1)
                    }
                }
            }
            depths[key] = result
            return result
        }
        var byLocation: [PythonLocation: Int] = [:]
        for key in ownRecords.map(\.key) + external.keys.sorted() {
            let value = depth(key, 0)
            if let location = location(forKey: key) { byLocation[location] = value }
        }
        self.depths = byLocation
    }
}
