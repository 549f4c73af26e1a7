import Glibc
import SwiftWrapCore

/// Reads the GNU build ID of an ELF64 little-endian file: the linker's digest of the file's
/// contents, stored in a `NT_GNU_BUILD_ID` note. It identifies a build of a shared library as well
/// as a hash of its bytes does, for the cost of reading a few kilobytes instead of 170 MB.
enum ElfBuildID {
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard let header = pread(fd, at: 0, count: 64), header.count == 64,
              header[0..<4] == [0x7f, 0x45, 0x4c, 0x46], header[4] == 2, header[5] == 1 else { return nil }
        let phoff = Int(le(header, 32, 8)), phentsize = Int(le(header, 54, 2)), phnum = Int(le(header, 56, 2))
        guard phentsize >= 56, phnum > 0, phnum < 512,
              let table = pread(fd, at: phoff, count: phentsize * phnum), table.count == phentsize * phnum else { return nil }
        for i in 0..<phnum {
            let base = i * phentsize
            guard le(table, base, 4) == 4 else { continue }  // PT_NOTE
            let offset = Int(le(table, base + 8, 8)), size = Int(le(table, base + 32, 8))
            guard size > 0, size < 1 << 16, let notes = pread(fd, at: offset, count: size), notes.count == size else { continue }
            var p = 0
            while p + 12 <= notes.count {
                let nameSize = Int(le(notes, p, 4)), descSize = Int(le(notes, p + 4, 4)), type = le(notes, p + 8, 4)
                let nameStart = p + 12, descStart = nameStart + (nameSize + 3) & ~3
                let next = descStart + (descSize + 3) & ~3
                guard next <= notes.count else { break }
                if type == 3, nameSize == 4, notes[nameStart..<(nameStart + 4)] == [0x47, 0x4e, 0x55, 0], descSize >= 8 {
                    return Array(notes[descStart..<(descStart + descSize)])
                }
                p = next
            }
        }
        return nil
    }

    private static func pread(_ fd: Int32, at offset: Int, count: Int) -> [UInt8]? {
        guard count > 0 else { return nil }
        var ok = true
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let n = Glibc.pread(fd, buffer.baseAddress, count, off_t(offset))
            ok = n >= 0
            initialized = max(n, 0)
        }
        return ok ? bytes : nil
    }

    private static func le(_ bytes: [UInt8], _ offset: Int, _ width: Int) -> UInt64 {
        var value: UInt64 = 0
        for k in 0..<width { value |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
        return value
    }
}
