import Testing
@testable import SwiftWrapCache

/// libcurl is optional: when it cannot be loaded the remote is unavailable with a message that says
/// what to install, never a crash or a link error (issue 14).
@Suite struct CurlLibraryTests {
    @Test func aMissingLibcurlIsUnavailableWithAClearMessage() {
        do {
            try CurlLibrary.load(["libswiftwrap-no-such-curl.so.4", "libswiftwrap-no-such-curl-gnutls.so.4"])
            Issue.record("a library that does not exist loaded")
        } catch {
            guard case .unavailable(let message) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(message.contains("libswiftwrap-no-such-curl.so.4"))
            #expect(message.contains("libswiftwrap-no-such-curl-gnutls.so.4"))
            #expect(message.contains("install libcurl4"))
            #expect(error.description.hasPrefix("remote cache unavailable: libcurl cannot be loaded"))
        }
    }

    @Test func aLibraryWithoutCurlIsRefused() {
        // libz is loadable but has no curl_easy_init: refused and not kept.
        do {
            try CurlLibrary.load(["libz.so.1"])
            Issue.record("libz was taken for libcurl")
        } catch {
            #expect(error.description.contains("has no symbol curl_"))
        }
    }
}
