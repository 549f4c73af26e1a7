import Glibc

/// Byte classes, name tables and buffers of XMLFastScanner.

/// The bytes of `word` (in memory order, little-endian) that are not plain in an attribute value:
/// `"` `&` `<`, below 0x20, 0x7f and above. The lowest marked byte (bit 7 of its byte) is exactly
/// the first such byte; bytes after it may be marked wrongly (borrows), which the caller never reads.
@inline(__always)
func attributeValueNotPlain(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
    let quote = zeroBytes(word ^ (ones &* 0x22))
    let ampersand = zeroBytes(word ^ (ones &* 0x26))
    let less = zeroBytes(word ^ (ones &* 0x3C))
    let control = (word &- ones &* 0x20) & ~word & highs
    let high = (word | ((word & ~highs) &+ ones)) & highs
    return quote | ampersand | less | control | high
}

/// Bit 7 of each byte of `word` that is zero; exact for the lowest marked byte only (borrows may
/// mark later ones).
@inline(__always)
func byteIsZero(_ word: UInt64) -> UInt64 {
    (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
}

/// Byte classes: may start a name (`A-Za-z_`), may continue one (also `0-9 . -`), plain in an
/// attribute value (printable ASCII but `"` `&` `<`).
let nameStart: UInt8 = 1
let nameRest: UInt8 = 2
let valuePlain: UInt8 = 4
let byteKinds: [UInt8] = (0..<256).map { (value: Int) -> UInt8 in
    var kind: UInt8 = 0
    let isLetter: Bool = (value >= 65 && value <= 90) || (value >= 97 && value <= 122) || value == 95
    let isRest: Bool = (value >= 48 && value <= 57) || value == 46 || value == 45
    if isLetter { kind |= nameStart }
    if isRest { kind |= nameRest }
    if value >= 0x20 && value < 0x7f && value != 0x22 && value != 0x26 && value != 0x3c { kind |= valuePlain }
    return kind
}

/// Names by their bytes: one handler call per distinct name; nil once the table is full or when
/// the handler refuses a name. Flat, manually managed storage: no reference counting per lookup.
/// Names of up to 16 bytes are hashed and compared as two words (no `memcmp` call): the caller
/// must have `slack` readable bytes after every name it looks up.
struct ByteNames {
    static let slotCount = 1024
    /// Bytes that may be read after a name's end.
    static let slack = 16
    private let words = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * slotCount)
    private let codes = UnsafeMutablePointer<Int>.allocate(capacity: slotCount)
    /// Offset + 1 of the name's bytes in `pool` (0: empty slot), and their count.
    private let offsets = UnsafeMutablePointer<Int>.allocate(capacity: slotCount)
    private let counts = UnsafeMutablePointer<Int>.allocate(capacity: slotCount)
    private var pool = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
    private var poolUsed = 0
    private var used = 0

    init() { offsets.initialize(repeating: 0, count: Self.slotCount) }

    func free() {
        words.deallocate(); codes.deallocate(); offsets.deallocate(); counts.deallocate(); pool.deallocate()
    }

    /// The slot and code of a name already in the table (of at most 16 bytes), nil for any other.
    @inline(__always)
    func known(_ start: UnsafePointer<UInt8>, _ count: Int) -> (slot: Int, code: Int)? {
        let (first, second, slot) = Self.words(start, count)
        return find(start, count, first, second, from: slot).found
    }

    /// The name's slot (distinct names, distinct slots, below `slotCount`) and the handler's code for it.
    @inline(__always)
    mutating func code(_ start: UnsafePointer<UInt8>, _ count: Int, _ make: (String) -> Int?) -> (slot: Int, code: Int)? {
        let (first, second, home) = Self.words(start, count)
        let (found, slot) = find(start, count, first, second, from: home)
        if let found { return found }
        guard used < 700, poolUsed + count <= 1 << 16,
              let code = make(String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)) else { return nil }
        (pool + poolUsed).update(from: start, count: count)
        words[2 * slot] = first
        words[2 * slot + 1] = second
        codes[slot] = code
        offsets[slot] = poolUsed + 1
        counts[slot] = count
        poolUsed += count
        used += 1
        return (slot, code)
    }

    /// The first 16 bytes of a name as two words (zero beyond its end) and its home slot.
    @inline(__always)
    private static func words(_ start: UnsafePointer<UInt8>, _ count: Int) -> (UInt64, UInt64, Int) {
        let raw = UnsafeRawPointer(start)
        let first = raw.loadUnaligned(as: UInt64.self) & mask(count)
        let second = count > 8 ? raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) & mask(count - 8) : 0
        let hash = (first ^ (second &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(truncatingIfNeeded: count)) &* 0xFF51_AFD7_ED55_8CCD
        return (first, second, Int(truncatingIfNeeded: hash >> 54) & (slotCount - 1))
    }

    /// The entry of the name, or the empty slot where it would go.
    @inline(__always)
    private func find(_ start: UnsafePointer<UInt8>, _ count: Int, _ first: UInt64, _ second: UInt64,
                      from home: Int) -> (found: (slot: Int, code: Int)?, slot: Int) {
        var slot = home
        while offsets[slot] != 0 {
            if counts[slot] == count && words[2 * slot] == first && words[2 * slot + 1] == second
                && (count <= 16 || memcmp(pool + offsets[slot] - 1, start, count) == 0) {
                return ((slot, codes[slot]), slot)
            }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        return (nil, slot)
    }

    /// The low `count` bytes (all eight from 8 on).
    @inline(__always)
    private static func mask(_ count: Int) -> UInt64 {
        count >= 8 ? ~0 : (UInt64(1) << UInt64(8 * count)) &- 1
    }
}

/// A growable array in manually managed memory (no uniqueness checks in the scanning loop);
/// `reserve` before taking pointers that must stay valid.
struct ScanBuffer<Element> {
    private(set) var pointer = UnsafeMutablePointer<Element>.allocate(capacity: 64)
    private var capacity = 64
    var count = 0

    @inline(never)
    mutating func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: max(needed, capacity * 2))
        larger.moveInitialize(from: pointer, count: count)
        pointer.deallocate()
        pointer = larger
        capacity = max(needed, capacity * 2)
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { reserve(count + 1) }
        (pointer + count).initialize(to: element)
        count += 1
    }

    func free() { pointer.deallocate() }
}
