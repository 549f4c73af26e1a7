import Glibc
import SwiftWrapCore

/// The shared remote cache beside the local roots (docs/remote-cache.md): consulted only after every
/// local root missed, under the direct key's lock, so a local hit never reaches this file (no
/// settings file, no marker, no transport, no `dlopen`).
///
/// Layout under the remote URL: `v<N>/ac/<direct key>` (a `RemoteIndex`) and `v<N>/cas/<sha256>`
/// (an object's stored bytes, named by their SHA-256). A remote hit downloads the object, checks its
/// hash against its name, writes it and the entry into the primary root, and restores it as a
/// local hit would. A store uploads the object, then the merged index (unless read-only).
///
/// Bounded failure: a request that gets no HTTP answer (refused, timed out, malformed, no client)
/// counts a remote error, turns the remote off for the rest of the process, and leaves a marker in
/// the primary root (`v<N>/remote-off/<hash of the URL>`) that makes every call skip this remote for
/// `RemoteCache.offSeconds`.
final class RemoteCache {
    static let offSeconds: Int64 = 60
    static var layoutVersion: String { "v\(LocalCacheRoot.formatVersion)" }

    let context: CacheContext
    let transport: any RemoteTransport
    let endpoint: RemoteEndpoint
    let readOnly: Bool
    /// `--explain`: ask only (GET), count nothing, leave no marker.
    let quiet: Bool
    /// Set after a transport failure: nothing more is asked of the server in this process.
    private(set) var off = false
    /// The index fetched by the lookup (nil: none fetched, or it was damaged).
    var fetched: RemoteIndex?

    init(context: CacheContext, transport: any RemoteTransport, endpoint: RemoteEndpoint, readOnly: Bool, quiet: Bool = false) {
        self.context = context
        self.transport = transport
        self.endpoint = endpoint
        self.readOnly = readOnly || quiet
        self.quiet = quiet
    }

    /// The remote of this call, or nil when none is configured, it is marked off, or no client can
    /// reach it (then one warning). `transport` replaces the real client, `makeTransport` the
    /// factory (tests).
    static func open(context: CacheContext, transport: (any RemoteTransport)? = nil, quiet: Bool = false,
                     makeTransport: (RemoteEndpoint) throws(RemoteTransportError) -> any RemoteTransport = { (endpoint) throws(RemoteTransportError) in
                         try RemoteTransports.make(endpoint)
                     })
        -> RemoteCache? {
        let settings = resolvedSettings(context)
        guard let url = settings.string(.cacheRemote), !url.isEmpty else { return nil }
        let marker = markerPath(root: context.root, url: url)
        if let why = offReason(marker: marker, now: context.start) {
            context.log.note("remote cache skipped: \(why)")
            return nil
        }
        var token = settings.string(.cacheRemoteToken)
        if token == nil, let file = settings.string(.cacheRemoteTokenFile) {
            do {
                let text = try FileSystem.readText(file)
                token = String(text.prefix { $0 != "\n" && $0 != "\r" })
            } catch {
                context.log.warn("remote cache off: cannot read the token file '\(file)' (\(error)); fix SWIFTWRAP_CACHE_REMOTE_TOKEN_FILE")
                context.statistics.add([.remoteErrors: 1], shard: 0)
                return nil
            }
        }
        let timeout = max(50, settings.count(.cacheRemoteTimeout) ?? 1000)
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        let endpoint = RemoteEndpoint(baseURL: base, token: token, caFile: settings.string(.cacheRemoteCAFile),
                                      connectTimeoutMilliseconds: min(500, timeout), transferTimeoutMilliseconds: timeout)
        let client: any RemoteTransport
        if let transport {
            client = transport
        } else {
            do { client = try makeTransport(endpoint) } catch {
                context.log.warn("remote cache off: \(error)")
                if !quiet {
                    context.statistics.add([.remoteErrors: 1], shard: 0)
                    markOff(marker, reason: error.description)
                }
                return nil
            }
        }
        return RemoteCache(context: context, transport: client, endpoint: endpoint,
                           readOnly: settings.bool(.cacheRemoteReadOnly), quiet: quiet)
    }

    /// The call's settings with the primary root's configuration file and the `--remote-config`
    /// file layered in (environment and flags still win; the root's file over the other).
    static func resolvedSettings(_ context: CacheContext) -> CacheSettings {
        var settings = context.settings
        for path in [context.root.configurationPath] + [context.request.remoteConfig].compactMap({ $0 }) {
            guard let file = try? SettingsFile.load(path) else { continue }
            do { settings = try settings.layering(file: file) } catch {
                context.log.warn("ignoring the configuration file '\(path)': \(error)")
            }
        }
        return settings
    }

    // MARK: requests

    func indexPath(_ direct: Digest) -> String { RemoteCache.layoutVersion + "/ac/" + direct.hex }
    func objectPath(_ sha256: Digest) -> String { RemoteCache.layoutVersion + "/cas/" + sha256.hex }

    /// GET; nil after a transport failure (counted, marker written, remote off).
    func get(_ path: String) -> RemoteResponse? {
        guard !off else { return nil }
        do {
            let response = try transport.get(path)
            count([.remoteBytesDown: response.body.count])
            return response
        } catch {
            fail(error, doing: "GET \(path)")
            return nil
        }
    }

    /// PUT; false after a transport failure or an answer other than 2xx (counted).
    func put(_ path: String, _ body: [UInt8]) -> Bool {
        guard !off else { return false }
        do {
            let status = try transport.put(path, body: body)
            guard (200..<300).contains(status) else {
                count([.remoteErrors: 1])
                context.log.note("remote cache: PUT \(path) answered \(status)")
                return false
            }
            count([.remoteBytesUp: body.count])
            return true
        } catch {
            fail(error, doing: "PUT \(path)")
            return false
        }
    }

    func count(_ deltas: [Counter: Int]) {
        guard !quiet else { return }
        context.statistics.add(deltas, shard: Int(context.log.directKey?.bytes[0] ?? 0))
    }

    private func fail(_ error: RemoteTransportError, doing what: String) {
        off = true
        count([.remoteErrors: 1])
        context.log.note("remote cache: \(what): \(error); skipped for \(RemoteCache.offSeconds) s")
        if quiet { return }
        RemoteCache.markOff(RemoteCache.markerPath(root: context.root, url: endpoint.baseURL), reason: error.description)
    }

    // MARK: the off marker

    static func markerPath(root: LocalCacheRoot, url: String) -> String {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return root.path + "/" + layoutVersion + "/remote-off/" + String(SHA256.hash(base).hex.prefix(24))
    }

    /// Why the remote is off now (its marker is younger than `offSeconds`), or nil.
    static func offReason(marker: String, now: Timestamp) -> String? {
        guard let stat = try? FileStat.ifExists(marker) else { return nil }
        let age = now.seconds - stat.mtime.seconds
        guard age >= 0, age < offSeconds else { return nil }
        return "it failed \(age) s ago (marker \(marker)); retried after \(offSeconds) s"
    }

    static func markOff(_ marker: String, reason: String) {
        try? FileSystem.createDirectories(Path.directory(of: marker))
        _ = try? AtomicWriter.write(reason + "\n", to: marker)
    }
}
