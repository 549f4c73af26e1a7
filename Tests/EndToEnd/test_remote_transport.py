"""The remote cache's HTTP transport (issue 14) against real servers: the built-in HTTP/1.1 client and
libcurl (dlopen) talking to a private nginx with WebDAV PUT, HTTPS with a test CA, a server that never
answers, a dead port, and scripted servers that cut answers short, chunk them, or act as a proxy.
Driven through the test-only `remote-transport-probe` (Tests/RemoteTransportProbe), one transport
per run, one output line per request."""
import os
import re
import subprocess
import time
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from conftest import require, run, tool
from nginx_support import (Reply, dead_port, nginx, nginx_factory, scripted_server_factory,  # noqa: F401
                           silent_server, tls_files)

CLIENTS = ("builtin", "libcurl")
LINE = re.compile(r"^(GET|PUT|MAKE) (?:(\S+) )?(?:status=(\d+) bytes=(\d+)|error=(\w+))(?: ms=([\d.]+))?(?: message=(.*))?$")


class Result:
    def __init__(self, line: str):
        match = LINE.match(line)
        assert match, f"unexpected probe output: {line!r}"
        self.method, self.path = match.group(1), match.group(2) or ""
        self.status = int(match.group(3)) if match.group(3) else None
        self.bytes = int(match.group(4)) if match.group(4) else None
        self.error = match.group(5)
        self.ms = float(match.group(6) or 0)
        self.message = match.group(7) or ""

    def __repr__(self):
        return f"{self.method} {self.path} status={self.status} error={self.error} {self.message}"


def probe(url: str, *ops: str, client: str = "auto", token: Optional[str] = None,
          extra_env: Optional[Dict[str, str]] = None, options: List[str] = ()) -> List[Result]:
    env = {k: v for k, v in os.environ.items()
           if k.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")}
    if token is not None:
        env["SWIFTWRAP_PROBE_TOKEN"] = token
    env.update(extra_env or {})
    result = run([tool("remote-transport-probe"), "--client", client, *options, url, *ops], env=env, timeout=60)
    out = result.stdout.decode()
    assert result.returncode == 0, (out, result.stderr.decode())
    return [Result(line) for line in out.splitlines()]


@pytest.mark.parametrize("client", CLIENTS)
def test_put_then_get_is_byte_identical_404_keep_alive_and_token(nginx_factory, tmp_path, client):
    server = nginx_factory(prefix="/team/cache")
    blob = tmp_path / "blob"
    blob.write_bytes(os.urandom(300_000))
    small = tmp_path / "small"
    small.write_bytes(b"entry")
    out = tmp_path / "out"
    results = probe(server.url, f"put:v1/cas/aa={blob}", f"put:v1/ac/bb={small}", f"get:v1/cas/aa={out}",
                    "get:v1/ac/missing", "get:v1/ac/bb", client=client, token="s3cr3t-t0ken")
    assert [(r.method, r.status) for r in results] == [("PUT", 201), ("PUT", 201), ("GET", 200), ("GET", 404),
                                                       ("GET", 200)], results
    assert out.read_bytes() == blob.read_bytes()
    assert server.stored("v1/cas/aa").read_bytes() == blob.read_bytes()
    assert results[4].bytes == 5
    logged = server.requests()
    assert [(r.method, r.path) for r in logged] == [
        ("PUT", "/team/cache/v1/cas/aa"), ("PUT", "/team/cache/v1/ac/bb"), ("GET", "/team/cache/v1/cas/aa"),
        ("GET", "/team/cache/v1/ac/missing"), ("GET", "/team/cache/v1/ac/bb")]
    assert all(r.authorization == "Bearer s3cr3t-t0ken" for r in logged)
    # Keep-alive: one connection carried all five requests.
    assert len({r.connection for r in logged}) == 1 and [r.connection_request for r in logged] == [1, 2, 3, 4, 5]

    server.clear_log()
    assert [r.status for r in probe(server.url, "get:v1/ac/bb", client=client)] == [200]
    assert server.requests()[0].authorization == ""


@pytest.mark.parametrize("client", CLIENTS)
def test_empty_body(nginx, tmp_path, client):
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    out.write_bytes(b"stale")
    results = probe(nginx.url, f"put:v1/ac/e={empty}", f"get:v1/ac/e={out}", client=client)
    assert [(r.status, r.bytes) for r in results] == [(201, 0), (200, 0)], results
    assert out.read_bytes() == b"" and nginx.stored("v1/ac/e").read_bytes() == b""


@pytest.mark.parametrize("client", CLIENTS)
def test_silent_server_costs_the_transfer_timeout(silent_server, tmp_path, client):
    body = tmp_path / "body"
    body.write_bytes(b"entry")
    started = time.monotonic()
    results = probe(silent_server.url, "get:v1/ac/x", f"put:v1/ac/y={body}", client=client,
                    options=["--connect-ms", "300", "--transfer-ms", "600"])
    elapsed = time.monotonic() - started
    assert [r.error for r in results] == ["timeout", "timeout"], results
    for r in results:
        assert 550 <= r.ms <= 600 + 300 + 400, results
    assert elapsed < 2 * (0.9 + 0.4) + 1.0
    assert silent_server.connections >= 1


@pytest.mark.parametrize("client", CLIENTS)
def test_a_trickling_server_costs_one_transfer_timeout(scripted_server_factory, client):
    # A byte every 50 ms never lets a single read wait long: only one deadline for the whole
    # request bounds it.
    server = scripted_server_factory([Reply(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b"x" * 1000,
                                            trickle=0.05)])
    results = probe(server.url, "get:v1/cas/x", client=client, options=["--connect-ms", "300", "--transfer-ms", "600"])
    assert [r.error for r in results] == ["timeout"], results
    assert 550 <= results[0].ms <= 600 + 300 + 400, results


@pytest.mark.parametrize("client", CLIENTS)
def test_dead_port_fails_fast_with_connect(dead_port, client):
    results = probe(dead_port.url, "get:v1/ac/x", client=client, options=["--connect-ms", "500"])
    assert [r.error for r in results] == ["connect"], results
    assert results[0].ms < 300, results
    assert str(dead_port.port) in results[0].message


def test_unroutable_address_costs_the_connect_timeout():
    # 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never routed; the SYN goes unanswered (or the network
    # is unreachable at once, which is as good: bounded either way).
    results = probe("http://192.0.2.1:81", "get:v1/ac/x", client="builtin", options=["--connect-ms", "300"])
    assert results[0].error in ("timeout", "connect"), results
    assert results[0].ms < 300 + 400, results


@pytest.mark.parametrize("client", CLIENTS)
def test_server_closing_mid_body_is_malformed(scripted_server_factory, client):
    server = scripted_server_factory([Reply(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b"x" * 10)])
    results = probe(server.url, "get:v1/cas/x", client=client)
    assert [r.error for r in results] == ["malformedResponse"], results
    assert len(server.requests) == 1


@pytest.mark.parametrize("client", CLIENTS)
def test_garbage_answer_is_malformed(scripted_server_factory, client):
    server = scripted_server_factory([Reply(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\r\nProtocol mismatch.\n")])
    results = probe(server.url, "get:v1/cas/x", client=client)
    assert [r.error for r in results] == ["malformedResponse"], results


@pytest.mark.parametrize("client", CLIENTS)
def test_chunked_answer_and_size_limit(scripted_server_factory, nginx, tmp_path, client):
    chunked = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
               b"4\r\nabcd\r\n3;x=y\r\nefg\r\n0\r\n\r\n")
    server = scripted_server_factory([Reply(chunked)])
    out = tmp_path / "out"
    results = probe(server.url, f"get:v1/cas/x={out}", client=client)
    assert [(r.status, r.bytes) for r in results] == [(200, 7)], results
    assert out.read_bytes() == b"abcdefg"

    blob = tmp_path / "blob"
    blob.write_bytes(b"z" * 5000)
    results = probe(nginx.url, f"put:big={blob}", "get:big", client=client, options=["--max-bytes", "4096"])
    assert results[0].status == 201
    assert results[1].error == "malformedResponse" and "4096" in results[1].message, results


@pytest.mark.parametrize("client", CLIENTS)
def test_host_names_and_ipv6_literals(scripted_server_factory, nginx, client):
    server = scripted_server_factory([Reply(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nv6")], ipv6=True)
    results = probe(server.url + "/p", "get:v1/ac/k", client=client)
    assert [(r.status, r.bytes) for r in results] == [(200, 2)], results
    assert server.requests[0].startswith(b"GET /p/v1/ac/k HTTP/1.1\r\n")
    assert server.header(0, "host") == f"[::1]:{server.port}"
    # A name, resolved with getaddrinfo (/etc/hosts); every address is tried in turn.
    results = probe(f"http://localhost:{nginx.port}", "get:none", client=client)
    assert [r.status for r in results] == [404], results
    assert [(r.method, r.path) for r in nginx.requests()] == [("GET", "/none")]


def test_kept_alive_connection_closed_by_the_server_is_replaced(scripted_server_factory):
    # The first answer does not say "Connection: close", but the server closes anyway (as an idle
    # timeout would): the second request must go out on a new connection and succeed.
    server = scripted_server_factory([Reply(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
                                      Reply(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo")])
    results = probe(server.url, "get:a", "get:b", client="builtin")
    assert [(r.status, r.bytes) for r in results] == [(200, 2), (200, 3)], results
    assert len(server.requests) == 2


def test_https_with_the_ca_file_and_without(nginx_factory, tls_files, tmp_path):
    server = nginx_factory(prefix="/c", tls=tls_files)
    blob = tmp_path / "blob"
    blob.write_bytes(os.urandom(2000))
    out = tmp_path / "out"
    results = probe(server.url, f"put:v1/cas/k={blob}", f"get:v1/cas/k={out}", "get:v1/cas/none",
                    token="tls-token", options=["--ca-file", str(tls_files.ca_cert)])
    assert [r.status for r in results] == [201, 200, 404], results
    assert out.read_bytes() == blob.read_bytes()
    assert [r.authorization for r in server.requests()] == ["Bearer tls-token"] * 3

    server.clear_log()
    results = probe(server.url, "get:v1/cas/k")
    assert results[0].error == "connect" and "certificate" in results[0].message, results
    assert server.count() == 0
    results = probe(server.url, "get:v1/cas/k", client="builtin")
    assert results[0].error == "unavailable", results


def test_proxy_variables_are_honoured(scripted_server_factory):
    proxy = scripted_server_factory([Reply(b"HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nproxied")])
    url = "http://cache.invalid:8080/c"
    results = probe(url, "get:v1/ac/k", extra_env={"http_proxy": proxy.url})
    assert [(r.status, r.bytes) for r in results] == [(200, 7)], results
    assert proxy.requests[0].startswith(b"GET http://cache.invalid:8080/c/v1/ac/k HTTP/1.1\r\n")
    # no_proxy names the host: straight to it (a name that does not resolve), not to the proxy.
    results = probe(url, "get:v1/ac/k", extra_env={"http_proxy": proxy.url, "no_proxy": "localhost,.invalid"})
    assert results[0].error == "connect" and "cache.invalid" in results[0].message, results
    assert len(proxy.requests) == 1


@pytest.mark.parametrize("variable", ["https_proxy", "HTTPS_PROXY"])
def test_https_goes_through_the_https_proxy(scripted_server_factory, variable):
    # The proxy refuses the tunnel: what matters is that libcurl asked it for one.
    proxy = scripted_server_factory([Reply(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")])
    results = probe("https://cache.invalid:8443/c", "get:v1/ac/k", extra_env={variable: proxy.url})
    assert results[0].error is not None, results
    assert proxy.requests and proxy.requests[0].startswith(b"CONNECT cache.invalid:8443 HTTP/1.1\r\n")


def test_user_information_is_refused_without_echoing_it():
    result = run([tool("remote-transport-probe"), "http://bob:hunter2@127.0.0.1:1/c", "get:x"], timeout=30)
    out = result.stdout.decode()
    assert "error=badURL" in out and "user information" in out and "hunter2" not in out and "bob" not in out


def test_castxml_cache_carries_the_libcurl_bridge_but_does_not_link_libcurl():
    # The local-hit path must not pay for libcurl: it is loaded with dlopen at the first request that
    # needs it, never by the dynamic linker at start-up.
    symbols = run([require("nm"), "--defined-only", tool("castxml-cache")])
    assert symbols.returncode == 0 and b"swc_curl_load" in symbols.stdout
    result = run([require("ldd"), tool("castxml-cache")])
    assert result.returncode == 0
    libraries = result.stdout.decode()
    for unwanted in ("libcurl", "libssl", "libcrypto", "libnghttp2", "libgnutls", "libdl."):
        assert unwanted not in libraries, libraries
