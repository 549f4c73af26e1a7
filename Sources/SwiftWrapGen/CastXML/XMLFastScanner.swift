import Glibc

/// Reads castxml's own output without libxml2, several times faster, when the file has the plain
/// form castxml writes: the declaration `<?xml version="1.0"?>`, then elements only (no text, comments,
/// processing instructions, DOCTYPE or CDATA), ASCII names without `:`, attributes `name="value"`
/// (values of printable ASCII, tab and LF, with the five predefined entities), lines ending in LF.
/// Wherever a file leaves that form the scan stops with `.unsure`, and the caller reads the file again
/// with libxml2 (XMLStream), which also words the errors of malformed files. A file this scanner
/// completes is well-formed, and the handler saw the events libxml2 would give (a unit test compares).
///
/// A scanner may also read one part of a file (CastXMLSplitReader): the part before a top-level
/// element, which must end with only the root element open, or the part from there on, which
/// starts with the root element open. Line numbers are then counted from the part's start.
struct XMLFastScanner<Handler: XMLStreamHandler>: ~Copyable {
    enum Outcome { case complete, unsure }

    /// Which bytes of the file to read.
    enum Part {
        case whole
        /// Bytes `0..<end`: the root element is still open at `end`.
        case before(end: Int)
        /// Bytes from `start` to the end of the file, inside the root element `<CastXML>`.
        case from(start: Int)
    }

    private let path: String
    private unowned let handler: Handler
    /// `byteKinds`, read without the lazy global's check on every byte.
    private let kinds: UnsafeMutablePointer<UInt8>
    private var fd: Int32 = -1
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity = 1 << 20
    private var filled = 0
    private var atEOF = false
    /// File offset of the next read, and where reading stops.
    private var readOffset = 0
    private var readEnd = Int.max
    private let part: Part
    /// The line of the scan position (the last line once the scan completed), counted from the part's start.
    private(set) var line = 1
    /// Line feeds inside the attribute values of the current tag.
    private var tagNewlines = 0
    /// Codes of the open elements (equal codes: equal names; see ByteNames).
    private var openElements: [Int] = []
    private var elements = ByteNames()
    private var attributeNames = ByteNames()
    private var found = ScanBuffer<FoundAttribute>()
    private var slots = ScanBuffer<XMLAttributeSlot>()
    private var decoded = ScanBuffer<UInt8>()

    private struct FoundAttribute {
        var name: Int, nameCount: Int, hash: UInt64
        var value: Int, valueCount: Int, hasEntity: Bool
    }

    private enum Step { case next(Int), incomplete, unsure }

    init(path: String, handler: Handler, part: Part = .whole) {
        self.path = path
        self.handler = handler
        self.part = part
        switch part {
        case .whole: break
        case .before(let end): readEnd = end
        case .from(let start): readOffset = start
        }
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        kinds = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        kinds.initialize(from: byteKinds, count: 256)
    }

    deinit {
        buffer.deallocate()
        kinds.deallocate()
        elements.free()
        attributeNames.free()
        found.free()
        slots.free()
        decoded.free()
    }

    mutating func run() throws(CastXMLError) -> Outcome {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .unsure }
        defer { close(fd) }
        var position = 0
        var sawRoot = false
        var openAtEnd = 0
        switch part {
        case .whole, .before:
            let declaration = Array("<?xml version=\"1.0\"?>".utf8)
            while filled < declaration.count && !atEOF { guard refill() else { return .unsure } }
            guard filled >= declaration.count, memcmp(buffer, declaration, declaration.count) == 0 else { return .unsure }
            position = declaration.count
            if case .before = part { openAtEnd = 1 }
        case .from:
            guard let root = rootCode() else { return .unsure }
            openElements.append(root)
            sawRoot = true
        }
        while true {
            // Whitespace between tags, counting lines.
            while true {
                if position == filled {
                    if atEOF { break }
                    compact(from: &position)
                    guard refill() else { return .unsure }
                    continue
                }
                let byte = buffer[position]
                if byte == 0x20 || byte == 0x09 { position += 1 } else if byte == 0x0A { line += 1; position += 1 } else { break }
            }
            if position == filled { return openElements.count == openAtEnd && sawRoot ? .complete : .unsure }
            guard buffer[position] == UInt8(ascii: "<"), !openElements.isEmpty || !sawRoot else { return .unsure }
            switch try tag(at: position) {
            case .next(let next):
                position = next
                sawRoot = true
            case .incomplete:
                if atEOF { return .unsure }
                compact(from: &position)
                guard refill() else { return .unsure }
            case .unsure:
                return .unsure
            }
        }
    }

    /// Keeps the bytes from `position` on, moved to the start of the buffer.
    private mutating func compact(from position: inout Int) {
        let rest = filled - position
        if position > 0 && rest > 0 { memmove(buffer, buffer + position, rest) }
        filled = rest
        position = 0
    }

    /// Reads more of the file (the buffer grows when full); false on a read error.
    private mutating func refill() -> Bool {
        if filled == capacity {
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            larger.update(from: buffer, count: filled)
            buffer.deallocate()
            buffer = larger
            capacity *= 2
        }
        while true {
            let wanted = min(capacity - filled, readEnd - readOffset)
            let count = wanted > 0 ? pread(fd, buffer + filled, wanted, off_t(readOffset)) : 0
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return false }
            if count == 0 { atEOF = true } else { filled += count; readOffset += count }
            return true
        }
    }

    /// The code of `CastXML`, the root element a `.from` part starts inside.
    private mutating func rootCode() -> Int? {
        let root: StaticString = "CastXML"
        var hash: UInt64 = 0xcbf29ce484222325
        for index in 0..<root.utf8CodeUnitCount { hash = (hash ^ UInt64(root.utf8Start[index])) &* 0x100000001b3 }
        return elements.code(root.utf8Start, root.utf8CodeUnitCount, hash, handler.elementCode)
    }

    /// `[A-Za-z_][A-Za-z0-9_.-]*` from `start`: its end and FNV-1a hash; nil at the end of the data.
    private func name(at start: Int) -> (end: Int, hash: UInt64)?? {
        var position = start
        var hash: UInt64 = 0xcbf29ce484222325
        while position < filled {
            let kind: UInt8 = kinds[Int(buffer[position])]
            let allowed: UInt8 = position == start ? nameStart : nameStart | nameRest
            if kind & allowed == 0 {
                if position == start { return .some(nil) }
                return .some((position, hash))
            }
            hash = (hash ^ UInt64(buffer[position])) &* 0x100000001b3
            position += 1
        }
        return nil
    }

    private mutating func tag(at start: Int) throws(CastXMLError) -> Step {
        guard start + 1 < filled else { return .incomplete }
        if buffer[start + 1] == UInt8(ascii: "/") { return endTag(at: start + 2) }
        guard let scanned = name(at: start + 1) else { return .incomplete }
        guard let valid = scanned,
              let code = elements.code(buffer + start + 1, valid.end - start - 1, valid.hash, handler.elementCode) else { return .unsure }
        let nameEnd = valid.end
        var position = nameEnd
        var isEmpty = false
        found.count = 0
        tagNewlines = 0
        while true {
            guard position < filled else { return .incomplete }
            let byte = buffer[position]
            if byte == UInt8(ascii: ">") { position += 1; break }
            if byte == UInt8(ascii: "/") {
                guard position + 1 < filled else { return .incomplete }
                guard buffer[position + 1] == UInt8(ascii: ">") else { return .unsure }
                position += 2
                isEmpty = true
                break
            }
            guard byte == 0x20 || byte == 0x09 else { return .unsure }
            while position < filled && (buffer[position] == 0x20 || buffer[position] == 0x09) { position += 1 }
            guard position < filled else { return .incomplete }
            if buffer[position] == UInt8(ascii: ">") || buffer[position] == UInt8(ascii: "/") { continue }
            switch attribute(at: position) {
            case .next(let next): position = next
            case .incomplete: return .incomplete
            case .unsure: return .unsure
            }
        }
        guard openElements.count < 200, let count = collectSlots() else { return .unsure }
        // libxml2 reports the line where the start tag ends.
        line += tagNewlines
        try handler.startElement(code, attributes: XMLAttributes(slots: slots.pointer, count: count), line: line)
        if isEmpty { handler.endElement(code) } else { openElements.append(code) }
        return .next(position)
    }

    private mutating func endTag(at start: Int) -> Step {
        guard let scanned = name(at: start) else { return .incomplete }
        guard let valid = scanned else { return .unsure }
        let (nameEnd, hash) = (valid.end, valid.hash)
        guard nameEnd < filled else { return .incomplete }
        guard buffer[nameEnd] == UInt8(ascii: ">"),
              let code = elements.code(buffer + start, nameEnd - start, hash, handler.elementCode),
              openElements.last == code else { return .unsure }
        openElements.removeLast()
        handler.endElement(code)
        return .next(nameEnd + 1)
    }

    /// `name="value"` at `start`, noted in `found`.
    private mutating func attribute(at start: Int) -> Step {
        guard let scanned = name(at: start) else { return .incomplete }
        guard let valid = scanned else { return .unsure }
        let (nameEnd, hash) = (valid.end, valid.hash)
        guard nameEnd + 1 < filled else { return .incomplete }
        guard buffer[nameEnd] == UInt8(ascii: "="), buffer[nameEnd + 1] == UInt8(ascii: "\"") else { return .unsure }
        let nameCount = nameEnd - start
        if nameCount >= 5 && memcmp(buffer + start, "xmlns", 5) == 0 { return .unsure }   // a namespace declaration
        var position = nameEnd + 2
        var hasEntity = false
        while true {
            guard position < filled else { return .incomplete }
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") { break }
            let kind: UInt8 = kinds[Int(byte)]
            if kind & valuePlain == 0 {
                // `&`, and tab and LF, which XML turns into spaces (attribute-value normalisation; castxml
                // writes multi-line deprecation messages); anything else not plain: `<`, CR, controls, non-ASCII.
                if byte == 0x0A { tagNewlines += 1 } else if byte != 0x26 && byte != 0x09 { return .unsure }
                hasEntity = true
            }
            position += 1
        }
        found.append(FoundAttribute(name: start, nameCount: nameCount, hash: hash, value: nameEnd + 2,
                                    valueCount: position - nameEnd - 2, hasEntity: hasEntity))
        return .next(position + 1)
    }

    /// The wanted attributes of the scanned tag as slots (entities replaced); nil when an attribute
    /// repeats, an entity is not one of the five predefined ones, or a name cannot be numbered.
    private mutating func collectSlots() -> Int? {
        var entityBytes = 0
        for index in 0..<found.count {
            let a = found.pointer[index]
            for other in 0..<index where found.pointer[other].hash == a.hash && found.pointer[other].nameCount == a.nameCount
                && memcmp(buffer + found.pointer[other].name, buffer + a.name, a.nameCount) == 0 {
                return nil
            }
            if a.hasEntity { entityBytes += a.valueCount }
        }
        decoded.count = 0
        decoded.reserve(entityBytes)
        slots.count = 0
        slots.reserve(found.count)
        for index in 0..<found.count {
            let a = found.pointer[index]
            guard let code = attributeNames.code(buffer + a.name, a.nameCount, a.hash, { self.handler.attributeCode($0) ?? -1 }) else { return nil }
            if code < 0 { continue }
            var begin = UnsafePointer(buffer + a.value)
            var count = a.valueCount
            if a.hasEntity {
                guard let (start, length) = decode(a) else { return nil }
                begin = UnsafePointer(decoded.pointer + start)
                count = length
            }
            slots.append(XMLAttributeSlot(code: code, begin: begin, count: count))
        }
        return slots.count
    }

    /// Appends the value with `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` replaced to `decoded`.
    private mutating func decode(_ a: FoundAttribute) -> (start: Int, count: Int)? {
        let start = decoded.count
        var position = a.value
        let end = a.value + a.valueCount
        while position < end {
            let byte = buffer[position]
            if byte == 0x09 || byte == 0x0A { decoded.append(0x20); position += 1; continue }
            guard byte == UInt8(ascii: "&") else { decoded.append(byte); position += 1; continue }
            let rest = end - position
            func named(_ text: StaticString) -> Bool {
                rest >= text.utf8CodeUnitCount && memcmp(buffer + position, text.utf8Start, text.utf8CodeUnitCount) == 0
            }
            if named("&lt;") { decoded.append(UInt8(ascii: "<")); position += 4 }
            else if named("&gt;") { decoded.append(UInt8(ascii: ">")); position += 4 }
            else if named("&amp;") { decoded.append(UInt8(ascii: "&")); position += 5 }
            else if named("&quot;") { decoded.append(UInt8(ascii: "\"")); position += 6 }
            else if named("&apos;") { decoded.append(UInt8(ascii: "'")); position += 6 }
            else { return nil }
        }
        return (start, decoded.count - start)
    }
}

/// Byte classes: may start a name (`A-Za-z_`), may continue one (also `0-9 . -`), plain in an
/// attribute value (printable ASCII but `"` `&` `<`).
private let nameStart: UInt8 = 1
private let nameRest: UInt8 = 2
private let valuePlain: UInt8 = 4
private let byteKinds: [UInt8] = (0..<256).map { (value: Int) -> UInt8 in
    var kind: UInt8 = 0
    let isLetter: Bool = (value >= 65 && value <= 90) || (value >= 97 && value <= 122) || value == 95
    let isRest: Bool = (value >= 48 && value <= 57) || value == 46 || value == 45
    if isLetter { kind |= nameStart }
    if isRest { kind |= nameRest }
    if value >= 0x20 && value < 0x7f && value != 0x22 && value != 0x26 && value != 0x3c { kind |= valuePlain }
    return kind
}

/// Names by their bytes: one handler call per distinct name; nil once the table is full. Flat,
/// manually managed storage: no reference counting per lookup.
private struct ByteNames {
    private static let slotCount = 1024
    private let hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: slotCount)
    private let codes = UnsafeMutablePointer<Int>.allocate(capacity: slotCount)
    /// Offset + 1 of the name's bytes in `pool` (0: empty slot), and their count.
    private let offsets = UnsafeMutablePointer<Int>.allocate(capacity: slotCount)
    private let counts = UnsafeMutablePointer<Int>.allocate(capacity: slotCount)
    private var pool = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
    private var poolUsed = 0
    private var used = 0

    init() { offsets.initialize(repeating: 0, count: Self.slotCount) }

    func free() {
        hashes.deallocate(); codes.deallocate(); offsets.deallocate(); counts.deallocate(); pool.deallocate()
    }

    @inline(__always)
    mutating func code(_ start: UnsafePointer<UInt8>, _ count: Int, _ hash: UInt64, _ make: (String) -> Int) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & (Self.slotCount - 1)
        while offsets[slot] != 0 {
            if hashes[slot] == hash && counts[slot] == count && memcmp(pool + offsets[slot] - 1, start, count) == 0 {
                return codes[slot]
            }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        guard used < 700, poolUsed + count <= 1 << 16 else { return nil }
        let code = make(String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self))
        (pool + poolUsed).update(from: start, count: count)
        hashes[slot] = hash
        codes[slot] = code
        offsets[slot] = poolUsed + 1
        counts[slot] = count
        poolUsed += count
        used += 1
        return code
    }
}

/// A growable array in manually managed memory (no uniqueness checks in the scanning loop);
/// `reserve` before taking pointers that must stay valid.
private struct ScanBuffer<Element> {
    private(set) var pointer = UnsafeMutablePointer<Element>.allocate(capacity: 64)
    private var capacity = 64
    var count = 0

    mutating func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: max(needed, capacity * 2))
        larger.moveInitialize(from: pointer, count: count)
        pointer.deallocate()
        pointer = larger
        capacity = max(needed, capacity * 2)
    }

    mutating func append(_ element: Element) {
        if count == capacity { reserve(count + 1) }
        (pointer + count).initialize(to: element)
        count += 1
    }

    func free() { pointer.deallocate() }
}
