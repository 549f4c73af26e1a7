/// One attribute of a start tag: the handler's code for its name (-1: not wanted) and its value
/// bytes, entities already replaced.
struct XMLAttributeSlot {
    var code: Int
    var begin: UnsafePointer<UInt8>
    var count: Int
}

/// The attributes of one start tag, valid during `startElement` only. Values become Strings only
/// when asked for; `code` is the handler's number for the attribute name (see
/// `XMLStreamHandler.attributeCode`).
struct XMLAttributes {
    let slots: UnsafePointer<XMLAttributeSlot>
    let count: Int

    /// The value bytes of the first attribute with this code.
    @inline(__always)
    func bytes(_ code: Int) -> UnsafeBufferPointer<UInt8>? {
        for index in 0..<count where slots[index].code == code {
            return UnsafeBufferPointer(start: slots[index].begin, count: slots[index].count)
        }
        return nil
    }

    @inline(__always)
    subscript(_ code: Int) -> String? {
        guard let value = bytes(code) else { return nil }
        return String(decoding: value, as: UTF8.self)
    }

    /// Whether the value is exactly `1` (castxml's flags).
    @inline(__always)
    func isOne(_ code: Int) -> Bool {
        guard let value = bytes(code) else { return false }
        return value.count == 1 && value[0] == UInt8(ascii: "1")
    }

    /// A decimal value as `Int("…")` reads it (nil for anything else).
    func int(_ code: Int) -> Int? {
        guard let value = bytes(code), !value.isEmpty, value.count < 19 else { return self[code].flatMap { Int($0) } }
        var number = 0
        for byte in value {
            guard byte >= 0x30 && byte <= 0x39 else { return Int(String(decoding: value, as: UTF8.self)) }
            number = number * 10 + Int(byte - 0x30)
        }
        return number
    }
}

/// Receives the elements of a streamed document (XMLStream, XMLFastScanner). Element and attribute
/// names are numbered by the handler once per name; events carry the numbers.
protocol XMLStreamHandler: AnyObject {
    /// A number for each attribute name worth decoding; nil skips it (a large share of the bytes).
    func attributeCode(_ name: String) -> Int?
    /// A number for each element name (distinct names, distinct numbers).
    func elementCode(_ name: String) -> Int
    func startElement(_ element: Int, attributes: XMLAttributes, line: Int) throws(CastXMLError)
    func endElement(_ element: Int)
}

/// A growable buffer of attribute slots, reused from tag to tag.
struct XMLSlotBuffer {
    private(set) var pointer = UnsafeMutablePointer<XMLAttributeSlot>.allocate(capacity: 64)
    private(set) var capacity = 64

    mutating func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        capacity = max(count, capacity * 2)
        pointer = UnsafeMutablePointer<XMLAttributeSlot>.allocate(capacity: capacity)
    }

    func free() { pointer.deallocate() }
}
