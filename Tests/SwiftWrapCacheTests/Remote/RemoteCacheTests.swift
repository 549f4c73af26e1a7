import Glibc
import SwiftWrapTestSupport
import Testing
@testable import SwiftWrapCache
@testable import SwiftWrapCore

/// A server in memory: what was PUT is returned on GET; `failing` makes every request a transport error.
final class MemoryTransport: RemoteTransport, @unchecked Sendable {
    var stored: [String: [UInt8]] = [:]
    var requests: [String] = []
    var failing: RemoteTransportError?

    func get(_ path: String) throws(RemoteTransportError) -> RemoteResponse {
        requests.append("GET " + path)
        if let failing { throw failing }
        guard let body = stored[path] else { return RemoteResponse(status: 404, body: []) }
        return RemoteResponse(status: 200, body: body)
    }

    func put(_ path: String, body: [UInt8]) throws(RemoteTransportError) -> Int {
        requests.append("PUT " + path)
        if let failing { throw failing }
        stored[path] = body
        return 201
    }
}

/// Issue 14: the remote store's settings, index format, lookup checks and failure marker.
@Suite struct RemoteCacheTests {
    @Test func remoteURLsAreChecked() throws {
        func settings(_ url: String) throws(SettingsError) -> CacheSettings {
            try CacheSettings(environment: { $0 == "SWIFTWRAP_CACHE_REMOTE" ? url : nil })
        }
        #expect(try settings("http://127.0.0.1:8080/cache").string(.cacheRemote) == "http://127.0.0.1:8080/cache")
        #expect(try settings("https://cache.example.com").string(.cacheRemote) == "https://cache.example.com")
        do {
            _ = try settings("https://ci:s3cret@cache.example.com/x")
            Issue.record("a URL with user information was accepted")
        } catch {
            #expect(error.description.contains("without user information"))
            #expect(error.description.contains("SWIFTWRAP_CACHE_REMOTE_TOKEN"))
            #expect(!error.description.contains("s3cret"), "the password was echoed: \(error)")
        }
        for bad in ["ftp://host/x", "cache.example.com", "http:///x", "http://host:0/", "http://host:99999", "http://h/x?y=1"] {
            #expect(throws: SettingsError.self, "\(bad) was accepted") { try settings(bad) }
        }
    }

    @Test func tokenIsNeverShown() throws {
        let settings = try CacheSettings(environment: { $0 == "SWIFTWRAP_CACHE_REMOTE_TOKEN" ? "tok-12345" : nil })
        let report = ConfigReport.render(settings)
        #expect(!report.contains("tok-12345"))
        #expect(report.contains("SWIFTWRAP_CACHE_REMOTE_TOKEN"))
        #expect(report.contains("(set)"))
    }

    @Test func indexRoundTripsAndRejectsDamage() {
        let entry = DirectIndexEntry(objectKey: SHA256.hash("object"),
                                     files: [.init(stored: "A:/x.h", digest: SHA256.hash("x"),
                                                   stat: FileStat(device: 1, inode: 2, size: 3, mtime: .init(seconds: 4, nanoseconds: 0),
                                                                  ctime: .init(seconds: 5, nanoseconds: 0), mode: 0o100644))],
                                     probes: [])
        let object = RemoteIndex.Object(key: entry.objectKey, sha256: SHA256.hash("bytes"), size: 5)
        let index = RemoteIndex().adding(entry, object: object, name: "t")
        #expect(index.objects == [object])
        let entries = index.entries(name: "t")
        #expect(entries.map(\.objectKey) == [entry.objectKey])
        #expect(entries.first?.files.first?.stat == nil, "a machine's file stats were uploaded")
        let bytes = index.render()
        #expect(RemoteIndex.parse(bytes) == index)
        #expect(RemoteIndex.parse(Array(bytes.dropLast())) == nil)
        #expect(RemoteIndex.parse(Array("swiftwrap-remote-ac 9\nindex 0\n".utf8)) == nil)
        // A second object: both kept; the index never names an object whose entry is gone.
        var second = entry
        second.objectKey = SHA256.hash("other")
        let both = index.adding(second, object: .init(key: second.objectKey, sha256: SHA256.hash("b2"), size: 2), name: "t")
        #expect(Set(both.objects.map(\.key)) == [entry.objectKey, second.objectKey])
        #expect(both.entries(name: "t").first?.objectKey == second.objectKey)
    }

    /// A remote entry whose files hold and whose object's bytes match their name is a hit; a damaged
    /// object (bytes changed on the server) is counted and never served.
    @Test func lookupVerifiesFilesAndObjectHashes() throws {
        let dir = TemporaryDirectory()
        let header = dir.write("a.h", "int a;\n")
        let (cache, transport) = try remote(dir)
        let direct = SHA256.hash("direct")
        let objectBytes = Array("object bytes".utf8)
        let entry = DirectIndexEntry(objectKey: SHA256.hash("obj"), files: [.init(stored: "A:" + header, digest: SHA256.hash("int a;\n"), stat: nil)],
                                     probes: [])
        let object = RemoteIndex.Object(key: entry.objectKey, sha256: SHA256.hash(objectBytes), size: objectBytes.count)
        transport.stored[cache.indexPath(direct)] = RemoteIndex().adding(entry, object: object, name: "t").render()
        transport.stored[cache.objectPath(object.sha256)] = objectBytes
        guard case .hit(let found, let bytes) = cache.find(direct) else { Issue.record("no hit"); return }
        #expect(found.objectKey == entry.objectKey && bytes == objectBytes)

        transport.stored[cache.objectPath(object.sha256)] = Array("object bytez".utf8)  // damaged at rest
        guard case .miss(let reason) = cache.find(direct) else { Issue.record("a damaged object was served"); return }
        #expect(reason.contains("damaged"))
        #expect(cache.context.statistics.totals()[.remoteErrors] == 1)

        try AtomicWriter.write("int b;\n", to: header)  // the header changed: the entry no longer holds
        guard case .miss(let changed) = cache.find(direct) else { Issue.record("a stale entry was a hit"); return }
        #expect(changed.contains("a.h changed"))
    }

    /// A server that does not answer: one counted error, the remote off for the process, a marker
    /// that turns it off for every call for a while.
    @Test func transportFailureWritesTheMarker() throws {
        let dir = TemporaryDirectory()
        let (cache, transport) = try remote(dir)
        transport.failing = .timeout("no answer within 1000 ms")
        guard case .miss = cache.find(SHA256.hash("k")) else { Issue.record("hit without a server"); return }
        #expect(cache.off)
        #expect(!cache.put("v2/cas/x", [1]))
        #expect(transport.requests.count == 1, "the remote was asked again after it failed: \(transport.requests)")
        let marker = RemoteCache.markerPath(root: cache.context.root, url: cache.endpoint.baseURL)
        #expect(RemoteCache.offReason(marker: marker, now: Timestamp.now()) != nil)
        #expect(RemoteCache.offReason(marker: marker, now: Timestamp(seconds: Timestamp.now().seconds + 61, nanoseconds: 0)) == nil)
        #expect(RemoteCache.open(context: cache.context, transport: transport) == nil, "the marker did not turn the remote off")
        #expect(cache.context.statistics.totals()[.remoteErrors] == 1)
    }

    /// No client for the URL (e.g. https:// without libcurl): one warning, the remote off, a marker.
    @Test func unavailableClientWarnsOnceAndTurnsTheRemoteOff() throws {
        let dir = TemporaryDirectory()
        let (cache, _) = try remote(dir)
        let context = cache.context
        let marker = RemoteCache.markerPath(root: context.root, url: cache.endpoint.baseURL)
        let opened = RemoteCache.open(context: context, makeTransport: { (_) throws(RemoteTransportError) -> any RemoteTransport in
            throw .unavailable("https:// needs libcurl, which is not installed")
        })
        #expect(opened == nil)
        #expect(context.log.warnings.count == 1)
        #expect(context.log.warnings.first?.contains("libcurl") == true)
        #expect(RemoteCache.offReason(marker: marker, now: Timestamp.now()) != nil)
        #expect(context.statistics.totals()[.remoteErrors] == 1)
    }

    private func remote(_ dir: TemporaryDirectory) throws -> (RemoteCache, MemoryTransport) {
        let root = dir.path + "/cache"
        let settings = try CacheSettings(environment: { name in
            switch name {
            case "SWIFTWRAP_CACHE_DIR": return root
            case "SWIFTWRAP_CACHE_REMOTE": return "http://127.0.0.1:9/prefix/"
            default: return nil
            }
        })
        let request = CastXMLCache.Request(program: Array("castxml".utf8), arguments: [Array("-o".utf8), Array((dir.path + "/o.xml").utf8)],
                                           depfile: nil)
        let context = CastXMLCache(request: request, settings: settings).context
        try context.root.prepare()
        let transport = MemoryTransport()
        let cache = try #require(RemoteCache.open(context: context, transport: transport))
        #expect(cache.endpoint.baseURL == "http://127.0.0.1:9/prefix")
        return (cache, transport)
    }
}
