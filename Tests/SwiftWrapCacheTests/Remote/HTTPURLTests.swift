import Testing
@testable import SwiftWrapCache

/// The remote-cache base URL: what is accepted, what is refused and why (issue 14).
@Suite struct HTTPURLTests {
    private func badURL(_ text: String) -> String? {
        do {
            _ = try HTTPURL.parse(text)
            return nil
        } catch {
            guard case .badURL(let message) = error else { return "wrong error \(error)" }
            return message
        }
    }

    @Test func namesAddressesPortsAndPrefixes() throws {
        var url = try HTTPURL.parse("http://cache.example.org:8080/team/cache/")
        #expect(url == HTTPURL(scheme: .http, host: "cache.example.org", port: 8080, prefix: "/team/cache", explicitPort: true))
        #expect(url.target("v1/ac/ab") == "/team/cache/v1/ac/ab")
        #expect(url.hostHeader == "cache.example.org:8080")
        url = try HTTPURL.parse("HTTPS://Cache.Example.org")
        #expect(url.scheme == .https && url.port == 443 && url.prefix == "" && url.hostHeader == "cache.example.org")
        #expect(url.url("v1/cas/00") == "https://cache.example.org/v1/cas/00")
        url = try HTTPURL.parse("http://127.0.0.1:80/")
        #expect(url.host == "127.0.0.1" && url.port == 80 && !url.explicitPort && url.hostHeader == "127.0.0.1")
        url = try HTTPURL.parse("http://[::1]:9000/c")
        #expect(url.host == "::1" && url.port == 9000 && url.hostHeader == "[::1]:9000" && url.isIPv6Literal)
        #expect(url.url("x") == "http://[::1]:9000/c/x")
        url = try HTTPURL.parse("https://[FE80::1]")
        #expect(url.host == "fe80::1" && url.port == 443 && url.hostHeader == "[fe80::1]")
    }

    @Test func userInformationIsRefusedWithoutShowingIt() {
        let message = badURL("http://alice:s3cret@cache:8080/p")
        #expect(message?.contains("user information") == true)
        #expect(message?.contains("SWIFTWRAP_CACHE_REMOTE_TOKEN") == true)
        #expect(message?.contains("s3cret") == false)
        #expect(message?.contains("alice") == false)
        #expect(badURL("https://token@cache/") != nil)
    }

    @Test func badSchemesHostsPortsAndPaths() {
        for text in ["cache:8080", "ftp://cache/", "file:///tmp/x", "http//cache", "://cache",
                     "http://", "http:///p", "http://cache:/", "http://cache:0", "http://cache:65536",
                     "http://cache:80a", "http://cache:-1", "http://cache:123456", "http://ca che/",
                     "http://cache/a b", "http://cache/p?x=1", "http://cache/p#f", "http://[::1/",
                     "http://[cache]/", "http://[::1]x/", "http://cache\u{7F}/", "http://caché/"] {
            #expect(badURL(text) != nil, "accepted \(text)")
        }
        #expect(badURL("http://cache:65535/p") == nil)
        #expect(badURL("http://cache:1") == nil)
    }

    @Test func proxyChoice() throws {
        let url = try HTTPURL.parse("http://cache.build.example:8080/c")
        func applies(_ env: [String: String]) -> Bool {
            RemoteClientChoice.proxyApplies(to: url, environment: { env[$0] })
        }
        #expect(!applies([:]))
        #expect(!applies(["HTTP_PROXY": "http://proxy:3128"]))  // libcurl ignores the upper-case one for http
        #expect(!applies(["https_proxy": "http://proxy:3128"]))
        #expect(applies(["http_proxy": "http://proxy:3128"]))
        #expect(applies(["ALL_PROXY": "http://proxy:3128"]))
        #expect(!applies(["http_proxy": "http://proxy:3128", "no_proxy": "localhost, .example"]))
        #expect(!applies(["http_proxy": "http://proxy:3128", "NO_PROXY": "build.example"]))
        #expect(!applies(["http_proxy": "http://proxy:3128", "no_proxy": "*"]))
        #expect(!applies(["http_proxy": "http://proxy:3128", "no_proxy": "cache.build.example"]))
        #expect(applies(["http_proxy": "http://proxy:3128", "no_proxy": "other.example,xample"]))
        #expect(applies(["http_proxy": "http://proxy:3128", "no_proxy": "10.0.0.0/8"]))
    }

    @Test func factoryChoosesTheClientAndChecksTheToken() throws {
        #expect(try RemoteTransports.make(RemoteEndpoint(baseURL: "http://127.0.0.1:1/c")) is BuiltinHTTPTransport)
        #expect(try RemoteTransports.make(RemoteEndpoint(baseURL: "https://127.0.0.1:1/c")) is CurlTransport)
        for token in ["", "a b", "line\r\nX-Injected: 1", "tök"] {
            #expect(throws: RemoteTransportError.self) {
                _ = try RemoteTransports.make(RemoteEndpoint(baseURL: "http://127.0.0.1:1/c", token: token))
            }
        }
        #expect(throws: RemoteTransportError.self) { _ = try RemoteTransports.make(RemoteEndpoint(baseURL: "http://u@h/")) }
    }
}
