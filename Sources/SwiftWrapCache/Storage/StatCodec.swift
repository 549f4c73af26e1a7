import SwiftWrapCore

/// A file stat in one token: `dev,ino,size,mtime_s.mtime_ns,ctime_s.ctime_ns,mode`.
enum StatCodec {
    static func encode(_ s: FileStat) -> String {
        "\(s.device),\(s.inode),\(s.size),\(s.mtime.seconds).\(s.mtime.nanoseconds),\(s.ctime.seconds).\(s.ctime.nanoseconds),\(s.mode)"
    }

    static func decode(_ token: Substring) -> FileStat? {
        let f = token.split(separator: ",")
        guard f.count == 6, let dev = UInt64(f[0]), let ino = UInt64(f[1]), let size = Int64(f[2]),
              let m = timestamp(f[3]), let c = timestamp(f[4]), let mode = UInt32(f[5]) else { return nil }
        return FileStat(device: dev, inode: ino, size: size, mtime: m, ctime: c, mode: mode)
    }

    private static func timestamp(_ s: Substring) -> Timestamp? {
        let p = s.split(separator: ".")
        guard p.count == 2, let a = Int64(p[0]), let b = Int64(p[1]) else { return nil }
        return Timestamp(seconds: a, nanoseconds: b)
    }
}
