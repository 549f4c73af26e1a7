import SwiftWrapCore

/// `castxml-cache --explain <castxml> <args…>`: whether this call would hit, and on a miss the first
/// input that differs from the nearest recorded entry — a header (from the entries of this very
/// direct key), or a tool, flag, environment variable or anchor (from the recorded key inputs of
/// the most similar entry of another direct key). Starts no castxml compile (the tool-identity
/// probe runs only when its memo is stale), writes no output, no statistics and no log.
public enum Explain {
    public struct Report: Sendable {
        public let wouldHit: Bool
        public let text: String
    }

    public static func run(request: CastXMLCache.Request, settings: CacheSettings) throws(CacheError) -> Report {
        let context = CastXMLCache(request: request, settings: settings).context
        if settings.bool(.cacheDisable) {
            return Report(wouldHit: false, text: "bypass: cache disabled by \(settings.origin(.cacheDisable)!)\n")
        }
        if let reason = context.command.uncacheableReason {
            return Report(wouldHit: false, text: "bypass: \(reason)\n")
        }
        let identities = try ToolIdentities.resolve(castxml: request.castxml, command: context.command,
                                                    root: context.root, start: context.start)
        let keys = CacheKeys(command: context.command, relocator: context.relocator, identities: identities)
        let direct = keys.direct()
        var text = ""
        let head = "direct key: \(direct.hex)\n"
        if let bytes = try context.root.readEntryFile(directKey: direct) {
            let path = context.root.name(of: .entryFile(directKey: direct))
            switch try sameKey(bytes, path: path, context: context) {
            case .hit(let object):
                return Report(wouldHit: true, text: "hit: direct hit, object \(object.hex)\n" + head + "entry file: \(path)\n")
            case .miss(let reason):
                text = "miss: \(reason)\n" + head + "nearest recorded entry: the newest entry of \(path)\n"
                text += "first difference: \(reason)\n"
            }
        } else {
            text = "miss: no entry for this command line, tool identity and environment\n" + head
            text += try nearestOtherKey(keys.inputs(castxmlPath: request.castxml), root: context.root)
        }
        text += remoteAnswer(direct, context: context)
        if settings.string(.cacheMode) == "preprocessor" {
            text += "note: preprocessor mode would now run castxml -E and may still find an object by the preprocessed text\n"
        }
        return Report(wouldHit: false, text: text)
    }

    /// What the remote cache would answer (GET only: nothing downloaded is kept, nothing counted).
    private static func remoteAnswer(_ direct: Digest, context: CacheContext) -> String {
        guard RemoteCache.resolvedSettings(context).string(.cacheRemote) != nil else { return "" }
        guard let remote = RemoteCache.open(context: context, quiet: true) else {
            return "remote: not asked (\(context.log.warnings.first ?? context.log.lastNote ?? "off"))\n"
        }
        switch remote.find(direct) {
        case .hit(let entry, let bytes):
            return "remote: would hit, object \(entry.objectKey.hex) (\(bytes.count) bytes, checked) at \(remote.endpoint.baseURL)\n"
        case .miss(let reason):
            return "remote: miss: \(reason) (\(remote.endpoint.baseURL))\n"
        }
    }

    private enum SameKey {
        case hit(Digest)
        case miss(String)
    }

    /// The entries of this direct key, newest first, checked as a lookup checks them (nothing restored).
    private static func sameKey(_ bytes: [UInt8], path: String, context: CacheContext) throws(CacheError) -> SameKey {
        let check = DependencyChecker(relocator: context.relocator, hasher: context.hasher)
        var reason: String?
        var found: Digest?
        do {
            try DirectIndexFile.forEachEntry(bytes, path: path, rejectFile: { file in
                check.mismatch(file).map { "header " + $0 }
            }, rejected: { reason = reason ?? $0 }) { (entry) throws(CacheError) in
                if let mismatch = check.probeMismatch(entry) {
                    reason = reason ?? mismatch
                    return false
                }
                guard let object = try? context.root.openObject(entry.objectKey),
                      (try? ObjectFile.reader(object.source, size: object.size, path: object.name)) != nil else {
                    reason = reason ?? "object \(entry.objectKey.hex) missing or damaged"
                    return false
                }
                found = entry.objectKey
                return true
            }
        } catch {
            if case .corruptEntry(_, let why) = error { return .miss("entry file \(path) is damaged (\(why))") }
            throw error
        }
        if let found { return .hit(found) }
        return .miss(reason ?? "the entry file holds no entry")
    }

    /// The most similar recorded entry of another direct key (same output first, then fewest
    /// differing inputs) and its first difference in key order.
    private static func nearestOtherKey(_ current: [String], root: LocalCacheRoot) throws(CacheError) -> String {
        let currentOutput = current.first { KeyInputs.kind(of: $0) == KeyInputs.output }
        var best: (score: Int, path: String, entry: DirectIndexEntry)?
        for item in try root.list() {
            guard case .entryFile(let key) = item.item, let bytes = try? root.readEntryFile(directKey: key),
                  let entry = (try? DirectIndexFile.parse(bytes, path: root.name(of: item.item), keyInputs: true))?.first,
                  !entry.keyInputs.isEmpty else { continue }
            let recordedOutput = entry.keyInputs.first { KeyInputs.kind(of: $0) == KeyInputs.output }
            let score = differenceCount(current, entry.keyInputs) + (recordedOutput == currentOutput ? 0 : 10_000)
            if best == nil || score < best!.score || (score == best!.score && entry.storedAt > best!.entry.storedAt) {
                best = (score, root.name(of: item.item), entry)
            }
        }
        guard let best else { return "nearest recorded entry: none (the cache holds no entry with recorded key inputs)\n" }
        var text = "nearest recorded entry: \(best.path) (stored \(TimeText.utc(best.entry.storedAt)))\n"
        text += "first difference: \(firstDifference(current, best.entry.keyInputs))\n"
        return text
    }

    private static func differenceCount(_ a: [String], _ b: [String]) -> Int {
        var counts: [String: Int] = [:]
        for x in a { counts[x, default: 0] += 1 }
        for x in b { counts[x, default: 0] -= 1 }
        return counts.values.reduce(0) { $0 + abs($1) }
    }

    /// The first differing input, in the order the key hashes them.
    static func firstDifference(_ current: [String], _ recorded: [String]) -> String {
        // Anchors before arguments: other anchors make every relocated argument differ.
        let kinds = [KeyInputs.tool, KeyInputs.compiler, KeyInputs.anchors, KeyInputs.compilerArgument, KeyInputs.argument,
                     KeyInputs.environment]
        for kind in kinds {
            let now = current.filter { KeyInputs.kind(of: $0) == kind }.map { String(KeyInputs.value(of: $0)) }
            let then = recorded.filter { KeyInputs.kind(of: $0) == kind }.map { String(KeyInputs.value(of: $0)) }
            guard now != then else { continue }
            return describe(kind: kind, now: now, then: then)
        }
        return "none in the recorded key inputs (the cache format or a keyed detail changed)"
    }

    private static func describe(kind: String, now: [String], then: [String]) -> String {
        switch kind {
        case KeyInputs.tool, KeyInputs.compiler:
            let what = kind == KeyInputs.tool ? "castxml" : "the emulated compiler"
            let nowParts = now.first?.split(separator: " ", maxSplits: 1), thenParts = then.first?.split(separator: " ", maxSplits: 1)
            if let n = nowParts, let t = thenParts, n.first != t.first {
                return "tool \(what) replaced: \(n.last ?? "") has identity \(n.first!.prefix(16))…, the entry was stored with \(t.last ?? "") of identity \(t.first!.prefix(16))…"
            }
            return "tool \(what): now '\(now.joined(separator: " "))', recorded '\(then.joined(separator: " "))'"
        case KeyInputs.anchors:
            return "relocation anchors: now \(now.first ?? "-"), recorded \(then.first ?? "-") (SWIFTWRAP_CACHE_SOURCE_DIR / SWIFTWRAP_CACHE_BUILD_DIR)"
        default:
            let label = kind == KeyInputs.environment ? "environment variable" : "flag"
            let thenSet = Set(then), nowSet = Set(now)
            if let added = now.first(where: { !thenSet.contains($0) }) {
                let index = now.firstIndex(of: added)!
                let instead = index < then.count && !nowSet.contains(then[index]) ? " (recorded: \(KeyInputs.readable(then[index])))" : " (not in the recorded entry)"
                return "\(label) \(KeyInputs.readable(added))\(instead)"
            }
            if let removed = then.first(where: { !nowSet.contains($0) }) {
                return "\(label) \(KeyInputs.readable(removed)) was given when the entry was stored and is missing now"
            }
            return "\(label)s in another order"
        }
    }
}
