/// Escapes `%`, newline and carriage return so a value fits on one line.
public enum LineEscaping {
    public static func escape(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 == 0x25 || $0 == 0x0a || $0 == 0x0d }) { return text }
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\n": out += "%0A"
            case "\r": out += "%0D"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    public static func unescape(_ text: Substring) -> String? {
        guard text.contains("%") else { return String(text) }
        var out = ""
        var it = text.unicodeScalars.makeIterator()
        while let c = it.next() {
            if c != "%" { out.unicodeScalars.append(c); continue }
            guard let a = it.next(), let b = it.next() else { return nil }
            switch "\(a)\(b)".uppercased() {
            case "25": out += "%"
            case "0A": out += "\n"
            case "0D": out += "\r"
            default: return nil
            }
        }
        return out
    }
}
