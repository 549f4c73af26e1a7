import SwiftWrapCore

/// `castxml-cache --inspect KEY|OUTPUT`: an entry file (by direct key), an object (by object key, with
/// the entries that point at it), or the entries stored for an output path; a key may be given by a
/// unique prefix of at least 6 hex digits. Shows each entry's key inputs, dependencies, sizes, when
/// it was stored and when it was last used. Reads only.
public enum Inspect {
    public static func report(_ target: String, root: LocalCacheRoot, workingDirectory: String) throws(CacheOperationError) -> String {
        let items: [StoredItem]
        do { items = try root.list() } catch { throw .cache(error) }
        let isKey = target.count >= 6 && target.count <= 64 && target.allSatisfy(\.isHexDigit)
        if isKey {
            let prefix = target.lowercased()
            let matches = items.filter { key(of: $0.item).hex.hasPrefix(prefix) }
            guard !matches.isEmpty else { throw .notFound("no entry file or object with key \(target) in cache directory '\(root.path)'") }
            guard Set(matches.map { key(of: $0.item) }).count == 1 else {
                throw .usage("key prefix \(target) names several items: give more digits")
            }
            var text = ""
            for match in matches {
                switch match.item {
                case .entryFile(let direct): text += entryFileReport(direct, match, root: root, only: nil)
                case .object(let object):
                    text += "object \(object.hex)\n" + objectLine(object, root: root, indent: "  ")
                    for other in items {
                        guard case .entryFile(let direct) = other.item else { continue }
                        let entries = parse(direct, root: root)
                        if entries.contains(where: { $0.objectKey == object }) {
                            text += entryFileReport(direct, other, root: root, only: { $0.objectKey == object })
                        }
                    }
                }
            }
            return text
        }
        let output = Path.absolute(target, base: workingDirectory)
        let line = KeyInputs.output + " " + output
        var found: [(StoredItem, Digest, Int64)] = []
        for item in items {
            guard case .entryFile(let direct) = item.item else { continue }
            let newest = parse(direct, root: root).filter { $0.keyInputs.contains(line) }.map(\.storedAt).max()
            if let newest { found.append((item, direct, newest)) }
        }
        guard !found.isEmpty else {
            throw .notFound("no entry in cache directory '\(root.path)' was stored for the output '\(output)' (entries record the absolute output path of the call that stored them)")
        }
        return found.sorted { $0.2 > $1.2 }.map { entryFileReport($0.1, $0.0, root: root, only: { $0.keyInputs.contains(line) }) }.joined()
    }

    private static func key(of item: StorageItem) -> Digest {
        switch item {
        case .entryFile(let k), .object(let k): return k
        }
    }

    static func parse(_ direct: Digest, root: LocalCacheRoot) -> [DirectIndexEntry] {
        guard let bytes = (try? root.readEntryFile(directKey: direct)) ?? nil else { return [] }
        return (try? DirectIndexFile.parse(bytes, path: root.name(of: .entryFile(directKey: direct)), keyInputs: true)) ?? []
    }

    private static func entryFileReport(_ direct: Digest, _ item: StoredItem, root: LocalCacheRoot,
                                        only: ((DirectIndexEntry) -> Bool)?) -> String {
        let entries = parse(direct, root: root)
        var text = "entry file \(root.name(of: item.item))\n"
        text += "  direct key   \(direct.hex)\n"
        text += "  size         \(item.size) bytes, \(entries.count) entr\(entries.count == 1 ? "y" : "ies")\n"
        text += "  last used    \(TimeText.utc(item.lastUse.seconds))\n"
        if entries.isEmpty { text += "  (damaged or unreadable: castxml-cache --verify removes it)\n" }
        for (index, entry) in entries.enumerated() where only?(entry) ?? true {
            text += "  entry \(index + 1)\(index == 0 ? " (newest)" : "")\n"
            text += "    stored       \(TimeText.utc(entry.storedAt))\n"
            text += objectLine(entry.objectKey, root: root, indent: "    ")
            text += "    key inputs\n"
            for line in entry.keyInputs {
                text += "      \(ConfigReport.pad(String(KeyInputs.kind(of: line)), 12)) \(KeyInputs.readable(String(KeyInputs.value(of: line))))\n"
            }
            text += "    dependencies (\(entry.files.count) files, \(entry.probes.count) probe directories)\n"
            for file in entry.files { text += "      \(file.digest.hex.prefix(16))  \(file.stored)\n" }
        }
        return text
    }

    private static func objectLine(_ object: Digest, root: LocalCacheRoot, indent: String) -> String {
        let path = root.name(of: .object(object))
        guard let stat = (try? FileStat.ifExists(path)) ?? nil else { return indent + "object       \(object.hex) (missing)\n" }
        var text = indent + "object       \(object.hex)\n"
        text += indent + "  file       \(path)\n"
        var details = "\(stat.size) bytes stored"
        if let opened = try? root.openObject(object), let reader = try? ObjectFile.reader(opened.source, size: opened.size, path: opened.name) {
            details += ", XML \(reader.xmlSize) bytes, codec \(reader.codec), castxml ran \(reader.castxmlMilliseconds) ms"
        } else {
            details += ", damaged (castxml-cache --verify removes it)"
        }
        text += indent + "  size       \(details)\n"
        text += indent + "  last used  \(TimeText.utc(stat.mtime.seconds))\n"
        return text
    }
}
