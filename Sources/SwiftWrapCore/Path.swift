/// Lexical path helpers (no file-system access unless stated).
public enum Path {
    public static func isAbsolute(_ path: String) -> Bool { path.hasPrefix("/") }

    public static func join(_ base: String, _ component: String) -> String {
        if isAbsolute(component) || base.isEmpty { return component }
        return base.hasSuffix("/") ? base + component : base + "/" + component
    }

    /// The directory part (`.` for a bare name, `/` for a root entry).
    public static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        if slash == path.utf8.startIndex { return "/" }
        return String(path[..<slash])
    }

    public static func fileName(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// True when `normalize` would return the path unchanged (checked on bytes: the common case).
    public static func isNormalized(_ path: String) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        var count = 0
        for c in path.utf8 {
            if c == UInt8(ascii: "/") && previous == UInt8(ascii: "/") { return false }
            if c == UInt8(ascii: "/") && previous == UInt8(ascii: ".")
                && (beforePrevious == UInt8(ascii: "/") || beforePrevious == UInt8(ascii: ".") || count == 1) { return false }
            beforePrevious = previous
            previous = c
            count += 1
        }
        if count == 0 { return false }
        if count > 1 && previous == UInt8(ascii: "/") { return false }
        if previous == UInt8(ascii: ".") && (beforePrevious == UInt8(ascii: "/") || beforePrevious == UInt8(ascii: ".") || count == 1) {
            return false
        }
        return true
    }

    /// Removes `.` components, duplicate slashes and `dir/..` pairs (lexically: symlinks are not resolved).
    public static func normalize(_ path: String) -> String {
        if isNormalized(path) && !path.hasPrefix("../") && path != ".." { return path }
        let absolute = isAbsolute(path)
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute, parts.isEmpty { continue }
            parts.append(part)
        }
        let body = parts.joined(separator: "/")
        if absolute { return "/" + body }
        return body.isEmpty ? "." : body
    }

    /// Makes `path` absolute against `base` and normalises it.
    public static func absolute(_ path: String, base: String) -> String {
        normalize(join(base, path))
    }

    /// True if `path` is `directory` or lies below it (both absolute and normalised).
    public static func isWithin(_ path: String, directory: String) -> Bool {
        if directory == "/" { return isAbsolute(path) }
        let p = path.utf8, d = directory.utf8
        guard p.count >= d.count, p.starts(with: d) else { return false }
        return p.count == d.count || p[p.index(p.startIndex, offsetBy: d.count)] == UInt8(ascii: "/")
    }

    /// The relative path from directory `from` to `to` (both absolute and normalised).
    public static func relative(from: String, to: String) -> String {
        let a = from.split(separator: "/"), b = to.split(separator: "/")
        var common = 0
        while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
        let ups = Array(repeating: Substring(".."), count: a.count - common)
        let rest = ups + b[common...]
        return rest.isEmpty ? "." : rest.joined(separator: "/")
    }
}
