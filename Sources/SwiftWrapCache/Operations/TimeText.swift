import Glibc

/// Times for people: `2026-12-04 19:50:01 UTC`.
enum TimeText {
    static func utc(_ seconds: Int64) -> String {
        guard seconds > 0 else { return "unknown" }
        var t = time_t(seconds)
        var parts = tm()
        guard gmtime_r(&t, &parts) != nil else { return "\(seconds)" }
        var buffer = [CChar](repeating: 0, count: 64)
        let n = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S UTC", &parts)
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
