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
    private var capacity = 1 << 17
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
    /// By attribute name (its ByteNames slot): the number of the last tag that had it (repeats are unsure).
    private let seenInTag: UnsafeMutablePointer<Int>
    private var tagNumber = 0
    private var slots = ScanBuffer<XMLAttributeSlot>()
    private var decoded = ScanBuffer<UInt8>()

    /// A wanted attribute of the current tag: the handler's code, the value's offset and length.
    private struct FoundAttribute {
        var code: Int, value: Int, valueCount: Int, hasEntity: Int
    }

    private enum Step { case next(Int), incomplete, unsure }

    /// An open descriptor of the file to read with `pread` (it stays open), instead of opening `path`.
    private let sharedDescriptor: Int32?

    init(path: String, handler: Handler, part: Part = .whole, descriptor: Int32? = nil) {
        self.path = path
        self.handler = handler
        self.part = part
        sharedDescriptor = descriptor
        switch part {
        case .whole: break
        case .before(let end): readEnd = end
        case .from(let start): readOffset = start
        }
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + ByteNames.slack)
        kinds = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        kinds.initialize(from: byteKinds, count: 256)
        seenInTag = UnsafeMutablePointer<Int>.allocate(capacity: ByteNames.slotCount)
        seenInTag.initialize(repeating: -1, count: ByteNames.slotCount)
    }

    deinit {
        buffer.deallocate()
        kinds.deallocate()
        seenInTag.deallocate()
        elements.free()
        attributeNames.free()
        found.free()
        slots.free()
        decoded.free()
    }

    mutating func run() throws(CastXMLError) -> Outcome {
        fd = sharedDescriptor ?? open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .unsure }
        defer { if sharedDescriptor == nil { close(fd) } }
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
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2 + ByteNames.slack)
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
        var root = [UInt8]("CastXML".utf8) + [UInt8](repeating: 0, count: ByteNames.slack)
        return root.withUnsafeMutableBufferPointer { elements.code($0.baseAddress!, 7) { self.handler.elementCode($0) } }?.code
    }

    /// `[A-Za-z_][A-Za-z0-9_.-]*` from `start`: its end; nil at the end of the data, .some(nil) for no name.
    @inline(__always)
    private func name(at start: Int) -> Int?? {
        guard start < filled else { return nil }
        guard kinds[Int(buffer[start])] & nameStart != 0 else { return .some(nil) }
        var position = start + 1
        while position < filled {
            if kinds[Int(buffer[position])] & (nameStart | nameRest) == 0 { return .some(position) }
            position += 1
        }
        return nil
    }

    private mutating func tag(at start: Int) throws(CastXMLError) -> Step {
        guard start + 1 < filled else { return .incomplete }
        if buffer[start + 1] == UInt8(ascii: "/") { return endTag(at: start + 2) }
        guard let scanned = name(at: start + 1) else { return .incomplete }
        guard let nameEnd = scanned,
              let code = elements.code(buffer + start + 1, nameEnd - start - 1, { self.handler.elementCode($0) })?.code else { return .unsure }
        var position = nameEnd
        var isEmpty = false
        found.count = 0
        tagNumber += 1
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
        guard let nameEnd = scanned else { return .unsure }
        guard nameEnd < filled else { return .incomplete }
        guard buffer[nameEnd] == UInt8(ascii: ">"),
              let code = elements.code(buffer + start, nameEnd - start, { self.handler.elementCode($0) })?.code,
              openElements.last == code else { return .unsure }
        openElements.removeLast()
        handler.endElement(code)
        return .next(nameEnd + 1)
    }

    /// A name seen before, followed by `="`, at `start` (most attributes): found by its bytes up to
    /// the first `=` in the next 16 (one table lookup, no pass over its bytes: a name in the table
    /// was checked when first seen). Nil: take the long way.
    @inline(__always)
    private mutating func knownAttributeName(at start: Int) -> (end: Int, slot: Int, code: Int)? {
        let raw = UnsafeRawPointer(buffer + start)
        let equals: UInt64 = 0x3D3D_3D3D_3D3D_3D3D
        var count = 0
        let first = byteIsZero(raw.loadUnaligned(as: UInt64.self) ^ equals)
        if first != 0 {
            count = first.trailingZeroBitCount >> 3
        } else {
            let second = byteIsZero(raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) ^ equals)
            guard second != 0 else { return nil }
            count = 8 + second.trailingZeroBitCount >> 3
        }
        let end = start + count
        guard count > 0, end + 1 < filled, buffer[end + 1] == UInt8(ascii: "\""),
              let (slot, code) = attributeNames.known(buffer + start, count) else { return nil }
        return (end, slot, code)
    }

    /// `name="value"` at `start`, noted in `found` when the handler wants it.
    private mutating func attribute(at start: Int) -> Step {
        let nameEnd: Int, slot: Int, code: Int
        if let known = knownAttributeName(at: start) {
            (nameEnd, slot, code) = known
        } else {
            guard let scanned = name(at: start) else { return .incomplete }
            guard let end = scanned else { return .unsure }
            guard end + 1 < filled else { return .incomplete }
            guard buffer[end] == UInt8(ascii: "="), buffer[end + 1] == UInt8(ascii: "\"") else { return .unsure }
            // A namespace declaration is unsure (such a name is never numbered).
            guard let named = attributeNames.code(buffer + start, end - start, { name in
                name.hasPrefix("xmlns") ? nil : self.handler.attributeCode(name) ?? -1
            }) else { return .unsure }
            (nameEnd, slot, code) = (end, named.slot, named.code)
        }
        guard seenInTag[slot] != tagNumber else { return .unsure }   // a repeated attribute
        seenInTag[slot] = tagNumber
        var position = nameEnd + 2
        var hasEntity = 0
        while true {
            // Eight plain bytes at a time, then the first byte that is not plain, one at a time.
            while position + 8 <= filled {
                let special = attributeValueNotPlain(UnsafeRawPointer(buffer + position).loadUnaligned(as: UInt64.self))
                if special != 0 { position += special.trailingZeroBitCount >> 3; break }
                position += 8
            }
            guard position < filled else { return .incomplete }
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") { break }
            let kind: UInt8 = kinds[Int(byte)]
            if kind & valuePlain == 0 {
                // `&`, and tab and LF, which XML turns into spaces (attribute-value normalisation; castxml
                // writes multi-line deprecation messages); anything else not plain: `<`, CR, controls, non-ASCII.
                if byte == 0x0A { tagNewlines += 1 } else if byte != 0x26 && byte != 0x09 { return .unsure }
                hasEntity = 1
            }
            position += 1
        }
        // Unwanted values are kept only to check their entities.
        if code >= 0 || hasEntity != 0 {
            found.append(FoundAttribute(code: code, value: nameEnd + 2, valueCount: position - nameEnd - 2, hasEntity: hasEntity))
        }
        return .next(position + 1)
    }

    /// The wanted attributes of the scanned tag as slots (entities replaced); nil when an entity (in
    /// any attribute) is not one of the five predefined ones.
    private mutating func collectSlots() -> Int? {
        var entityBytes = 0
        for index in 0..<found.count where found.pointer[index].hasEntity != 0 { entityBytes += found.pointer[index].valueCount }
        decoded.count = 0
        decoded.reserve(entityBytes)
        slots.count = 0
        slots.reserve(found.count)
        for index in 0..<found.count {
            let a = found.pointer[index]
            var begin = UnsafePointer(buffer + a.value)
            var count = a.valueCount
            if a.hasEntity != 0 {
                guard let (start, length) = decode(a) else { return nil }
                begin = UnsafePointer(decoded.pointer + start)
                count = length
            }
            if a.code >= 0 { slots.append(XMLAttributeSlot(code: a.code, begin: begin, count: count)) }
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
