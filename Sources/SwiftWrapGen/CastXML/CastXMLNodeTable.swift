/// Element numbers (file order) of a CastXML document's ids, without hashing the common ones.
///
/// castxml numbers its ids: `_123` (declarations and types), `_123c` (a const variant), `c12`
/// (comments), `f3` (files). Such an id is looked up by parsing its number and indexing an array
/// of its kind; any other spelling (leading zeros, other suffixes, huge numbers) goes to a dictionary.
struct CastXMLIDIndex: Sendable {
    /// By lane (see `lane`), by number: element number + 1, 0 for none.
    private var lanes: [[Int32]] = [[], [], [], []]
    private var others: [String: Int] = [:]
    private static let maxNumber = 1 << 24

    init(expectedCount: Int) {
        lanes[0].reserveCapacity(expectedCount)
    }

    /// (lane, number) of a castxml-numbered id, nil for any other spelling.
    @inline(__always)
    private static func parse<Bytes: Sequence<UInt8>>(_ id: Bytes) -> (lane: Int, number: Int)? {
        var lane = -1
        var number = 0
        var digits = 0
        var suffix = false
        for byte in id {
            if lane < 0 {
                switch byte {
                case UInt8(ascii: "_"): lane = 0
                case UInt8(ascii: "c"): lane = 2
                case UInt8(ascii: "f"): lane = 3
                default: return nil
                }
            } else if !suffix && byte >= 0x30 && byte <= 0x39 {
                if digits == 1 && number == 0 { return nil }   // a leading zero: spelled differently
                number = number * 10 + Int(byte - 0x30)
                digits += 1
                if number >= maxNumber { return nil }
            } else if byte == UInt8(ascii: "c") && lane == 0 && digits > 0 && !suffix {
                suffix = true
                lane = 1
            } else {
                return nil
            }
        }
        return digits > 0 ? (lane, number) : nil
    }

    /// The element number of `id`.
    @inline(__always)
    func ordinal<S: StringProtocol>(_ id: S) -> Int? {
        if let (lane, number) = Self.parse(id.utf8) {
            let numbers = lanes[lane]
            guard number < numbers.count else { return nil }
            let value = Int(numbers[number])
            return value == 0 ? nil : value - 1
        }
        return others[String(id)]
    }

    /// The element number of the id spelled by these bytes.
    @inline(__always)
    func ordinal(utf8 id: UnsafeBufferPointer<UInt8>) -> Int? {
        if let (lane, number) = Self.parse(id) {
            let numbers = lanes[lane]
            guard number < numbers.count else { return nil }
            let value = Int(numbers[number])
            return value == 0 ? nil : value - 1
        }
        return others[String(decoding: id, as: UTF8.self)]
    }

    /// Records `id` as element `ordinal`; returns the element number it already had, if any (then nothing changes).
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>, ordinal: Int) -> Int? {
        guard let (lane, number) = Self.parse(id) else {
            let text = String(decoding: id, as: UTF8.self)
            if let first = others[text] { return first }
            others[text] = ordinal
            return nil
        }
        if number >= lanes[lane].count {
            lanes[lane].append(contentsOf: repeatElement(0, count: max(number + 1 - lanes[lane].count, lanes[lane].count / 2)))
        }
        let existing = Int(lanes[lane][number])
        if existing != 0 { return existing - 1 }
        lanes[lane][number] = Int32(ordinal + 1)
        return nil
    }
}

/// The elements of a document by id and by number (file order). Read like a dictionary from id to
/// node: `table[id]`, and `for (id, node) in table` (file order; Files and Comments are not nodes).
struct CastXMLNodeTable: Sequence, Sendable {
    private(set) var index: CastXMLIDIndex
    /// By element number: the id, the XML line, the node (nil for File and Comment elements).
    private(set) var ids: [String] = []
    private(set) var lines: [Int32] = []
    var nodes: [CastXMLNode?] = []

    init(expectedCount: Int) {
        index = CastXMLIDIndex(expectedCount: expectedCount)
        ids.reserveCapacity(expectedCount)
        lines.reserveCapacity(expectedCount)
        nodes.reserveCapacity(expectedCount)
    }

    var count: Int { ids.count }

    /// Adds an element (its node set later through `nodes[number]`); returns the number of the element
    /// that already has this id instead, if any.
    mutating func add(_ id: UnsafeBufferPointer<UInt8>, line: Int) -> (number: Int, duplicateOf: Int?) {
        let number = ids.count
        if let first = index.insert(id, ordinal: number) { return (number, first) }
        ids.append(String(decoding: id, as: UTF8.self))
        lines.append(Int32(truncatingIfNeeded: line))
        nodes.append(nil)
        return (number, nil)
    }

    @inline(__always)
    func ordinal<S: StringProtocol>(_ id: S) -> Int? { index.ordinal(id) }

    @inline(__always)
    func ordinal(utf8 id: UnsafeBufferPointer<UInt8>) -> Int? { index.ordinal(utf8: id) }

    @inline(__always)
    subscript(id: String) -> CastXMLNode? {
        guard let number = index.ordinal(id) else { return nil }
        return nodes[number]
    }

    func line(_ number: Int) -> Int { Int(lines[number]) }

    struct Iterator: IteratorProtocol {
        let table: CastXMLNodeTable
        var position = 0
        mutating func next() -> (key: String, value: CastXMLNode)? {
            while position < table.nodes.count {
                defer { position += 1 }
                if let node = table.nodes[position] { return (table.ids[position], node) }
            }
            return nil
        }
    }

    func makeIterator() -> Iterator { Iterator(table: self) }
}

extension CastXMLIDIndex {
    /// Adds the ids of `other` (a later part of the same file) with their element numbers moved by
    /// `offset`. False when an id is in both; the index is then partly merged and must be dropped.
    mutating func absorb(_ other: CastXMLIDIndex, offset: Int) -> Bool {
        let shift = Int32(offset)
        for lane in lanes.indices {
            let theirs = other.lanes[lane]
            if theirs.count > lanes[lane].count {
                lanes[lane].append(contentsOf: repeatElement(0, count: theirs.count - lanes[lane].count))
            }
            let disjoint = lanes[lane].withUnsafeMutableBufferPointer { mine in
                theirs.withUnsafeBufferPointer { theirs in
                    for number in theirs.indices where theirs[number] != 0 {
                        if mine[number] != 0 { return false }
                        mine[number] = theirs[number] + shift
                    }
                    return true
                }
            }
            guard disjoint else { return false }
        }
        for (id, ordinal) in other.others {
            guard others[id] == nil else { return false }
            others[id] = ordinal + offset
        }
        return true
    }
}

extension CastXMLNodeTable {
    /// Moves the elements of `other`, read from a later part of the same file whose line 1 is line
    /// `lineOffset + 1` of the file, to the end of this table (`other` keeps empty ids and no nodes:
    /// moved, not copied, so no reference counting per element). False when an id is in both; both
    /// tables must then be dropped.
    mutating func append(moving other: inout CastXMLNodeTable, lineOffset: Int) -> Bool {
        guard index.absorb(other.index, offset: count) else { return false }
        let total = count + other.count
        ids.reserveCapacity(total)
        lines.reserveCapacity(total)
        nodes.reserveCapacity(total)
        other.ids.withUnsafeMutableBufferPointer { theirs in
            for number in theirs.indices {
                var id = ""
                swap(&id, &theirs[number])
                ids.append(id)
            }
        }
        let shift = Int32(truncatingIfNeeded: lineOffset)
        lines.append(contentsOf: other.lines.lazy.map { $0 &+ shift })
        other.nodes.withUnsafeMutableBufferPointer { theirs in
            for number in theirs.indices {
                var node: CastXMLNode? = nil
                swap(&node, &theirs[number])
                if case .typedef(var typedef)? = node {
                    typedef.xmlLine += lineOffset
                    node = .typedef(typedef)
                }
                nodes.append(node)
            }
        }
        return true
    }
}
