"""The remote-cache test servers themselves (nginx_support.py), checked with Python's own HTTP client so
that a broken harness is told apart from a broken transport: WebDAV PUT then GET under a prefix, 404,
the access log, HTTPS with the test CA, kill and restart, damage, the silent server and the dead port."""
import http.client
import socket
import ssl
import time

import pytest

from nginx_support import (Reply, dead_port, nginx, nginx_factory, scripted_server_factory,  # noqa: F401
                           silent_server, tls_files)


def request(server, method, path, body=None, headers=None, context=None):
    if server.tls:
        conn = http.client.HTTPSConnection("127.0.0.1", server.port, timeout=5, context=context)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request(method, server.prefix + "/" + path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


def test_put_get_404_and_access_log(nginx_factory):
    server = nginx_factory(prefix="/team/cache")
    body = bytes(range(256)) * 1000
    status, _ = request(server, "PUT", "v1/cas/ab/cd", body=body, headers={"Authorization": "Bearer t0k"})
    assert status in (201, 204)
    assert server.stored("v1/cas/ab/cd").read_bytes() == body
    assert request(server, "GET", "v1/cas/ab/cd") == (200, body)
    assert request(server, "GET", "v1/ac/missing")[0] == 404
    log = server.requests()
    assert [(r.method, r.path, r.status) for r in log] == [
        ("PUT", "/team/cache/v1/cas/ab/cd", status), ("GET", "/team/cache/v1/cas/ab/cd", 200),
        ("GET", "/team/cache/v1/ac/missing", 404)]
    assert log[0].authorization == "Bearer t0k" and log[1].authorization == ""
    assert server.count(method="GET") == 2 and server.count(under="/team/cache/v1/ac/") == 1
    server.damage("v1/cas/ab/cd")
    damaged = server.stored("v1/cas/ab/cd").read_bytes()
    assert len(damaged) == len(body) and damaged != body
    assert server.files() == ["v1/cas/ab/cd"]


def test_https_needs_the_test_ca(nginx_factory, tls_files):
    server = nginx_factory(tls=tls_files)
    assert server.url.startswith("https://127.0.0.1:")
    trusted = ssl.create_default_context(cafile=str(tls_files.ca_cert))
    assert request(server, "PUT", "x", body=b"hello", context=trusted)[0] in (201, 204)
    assert request(server, "GET", "x", context=trusted) == (200, b"hello")
    with pytest.raises(ssl.SSLCertVerificationError):
        request(server, "GET", "x", context=ssl.create_default_context())


def test_kill_and_restart(nginx):
    assert request(nginx, "PUT", "a", body=b"1")[0] in (201, 204)
    nginx.kill()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", nginx.port), timeout=2)
    nginx.start()
    assert request(nginx, "GET", "a") == (200, b"1")
    thread = nginx.kill_after(3)
    request(nginx, "GET", "a")
    thread.join(timeout=10)
    assert not nginx.running()


def test_silent_server_and_dead_port(silent_server, dead_port):
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", dead_port.port), timeout=2)
    conn = http.client.HTTPConnection("127.0.0.1", silent_server.port, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        conn.request("GET", "/x")
        conn.getresponse()
    assert 0.25 < time.monotonic() - started < 2
    assert silent_server.connections == 1


def test_scripted_server_records_requests(scripted_server_factory):
    server = scripted_server_factory([Reply(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")])
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("PUT", "/p", body=b"abc", headers={"Authorization": "Bearer s"})
    assert conn.getresponse().read() == b"ok"
    assert server.header(0, "authorization") == "Bearer s"
    assert server.requests[0].endswith(b"\r\n\r\nabc")
