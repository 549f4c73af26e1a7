// remote-transport-probe: a test-only driver of the remote cache's HTTP transport (issue 14), for
// Tests/EndToEnd/test_remote_transport.py and the transport measurements. Not installed, not a tool.
//
//   remote-transport-probe [--client auto|builtin|libcurl] [--ca-file F] [--connect-ms N]
//                          [--transfer-ms N] [--max-bytes N] [--repeat N] BASE-URL OP...
//   OP: get:PATH  get:PATH=OUTFILE  put:PATH=INFILE
//
// The bearer token comes from SWIFTWRAP_PROBE_TOKEN (never from the command line). Every request of
// one run goes through one transport (so keep-alive is visible to the server). One line per request:
//   GET v1/x status=200 bytes=12 ms=0.412
//   GET v1/x error=timeout ms=1001.2 message=...
import Glibc
import SwiftWrapCache
import SwiftWrapCore

func fail(_ message: String) -> Never {
    try? FileSystem.writeAll(fd: 2, Array("remote-transport-probe: \(message)\n".utf8), path: "<stderr>")
    exit(2)
}

func milliseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1_000_000
}

func kind(_ error: RemoteTransportError) -> String {
    switch error {
    case .badURL: return "badURL"
    case .connect: return "connect"
    case .timeout: return "timeout"
    case .malformedResponse: return "malformedResponse"
    case .unavailable: return "unavailable"
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
var endpoint = RemoteEndpoint(baseURL: "")
var client = RemoteClientKind.automatic
var repeats = 1
while let first = arguments.first, first.hasPrefix("--") {
    arguments.removeFirst()
    guard let value = arguments.first else { fail("\(first) needs a value") }
    arguments.removeFirst()
    switch first {
    case "--client":
        switch value {
        case "auto": client = .automatic
        case "builtin": client = .builtin
        case "libcurl": client = .libcurl
        default: fail("--client auto|builtin|libcurl")
        }
    case "--ca-file": endpoint.caFile = value
    case "--connect-ms": endpoint.connectTimeoutMilliseconds = Int(value) ?? 0
    case "--transfer-ms": endpoint.transferTimeoutMilliseconds = Int(value) ?? 0
    case "--max-bytes": endpoint.maxResponseBytes = Int(value) ?? 0
    case "--repeat": repeats = Int(value) ?? 1
    default: fail("unknown option \(first)")
    }
}
guard arguments.count >= 1 else { fail("usage: [options] BASE-URL OP...") }
endpoint.baseURL = arguments.removeFirst()
endpoint.token = Environment.value("SWIFTWRAP_PROBE_TOKEN")

let transport: any RemoteTransport
do {
    transport = try RemoteTransports.make(endpoint, client: client)
} catch {
    print("MAKE error=\(kind(error)) message=\(error)")
    exit(0)
}

for op in arguments {
    guard let colon = op.firstIndex(of: ":") else { fail("bad operation '\(op)'") }
    let verb = String(op[..<colon])
    let rest = op[op.index(after: colon)...]
    let parts = rest.split(separator: "=", maxSplits: 1).map(String.init)
    let path = parts[0]
    var body: [UInt8] = []
    if verb == "put" {
        guard parts.count == 2 else { fail("put:PATH=INFILE") }
        do { body = try FileSystem.read(parts[1]) } catch { fail("\(error)") }
    }
    for _ in 0..<repeats {
        let start = milliseconds()
        do {
            if verb == "get" {
                let response = try transport.get(path)
                let ms = milliseconds() - start
                print("GET \(path) status=\(response.status) bytes=\(response.body.count) ms=\(ms)")
                if parts.count == 2 {
                    do { try AtomicWriter.write(response.body, to: parts[1]) } catch { fail("\(error)") }
                }
            } else if verb == "put" {
                let status = try transport.put(path, body: body)
                print("PUT \(path) status=\(status) bytes=\(body.count) ms=\(milliseconds() - start)")
            } else {
                fail("unknown operation '\(verb)'")
            }
        } catch {
            print("\(verb.uppercased()) \(path) error=\(kind(error)) ms=\(milliseconds() - start) message=\(error)")
        }
    }
}
