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
            note(ownRecords[index].constructors)
            for group in ownRecords[index].methods { note(group.overloads) }
            for group in ownRecords[index].operators { note(group.overloads) }
        }
        return keys.sorted()
    }

    public func record(forKey key: String) -> ClassRecord? {
        if let index = ownIndex[key] { return ownRecords[index] }
        return external[key]
    }

    public func location(forKey key: String) -> PythonLocation? {
        if let index = ownIndex[key] {
            guard ownRecords[index].kind != "enum" else { return nil }
            return PythonLocation(package: ownRecords[index].package, submodule: ownRecords[index].submodule,
                                  name: ownRecords[index].pythonName)
        }
        guard let record = external[key], record.kind != "enum" else { return nil }
        return PythonLocation(package: record.package, submodule: record.submodule, name: record.pythonName)
    }

    /// An own class by Python name, preferring the given submodule.
    public func location(forName name: String, preferring submodule: String) -> PythonLocation? {
        guard let keys = ownKeysByName[name] else { return nil }
        let key = keys.first { $0 == name + "." + submodule } ?? keys[0]
        return location(forKey: key)
    }

    /// True when the class at `location` is `ancestor` or derives from it (through known records).
    public func isSubclass(_ location: PythonLocation, of ancestor: PythonLocation) -> Bool {
        var pending = [location], seen = Set<PythonLocation>()
        while let current = pending.popLast() {
            if current == ancestor { return true }
            guard seen.insert(current).inserted,
                  let record = record(forKey: current.name + "." + current.submodule), record.package == current.package
            else { continue }
            for base in record.bases where base.access == "public" {
                if let name = base.pythonName, let sub = base.submodule, let next = self.location(forKey: name + "." + sub) {
                    pending.append(next)
                }
            }
        }
        return false
    }
}
