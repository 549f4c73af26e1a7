"""Servers that misbehave, for the remote-cache tests (issue 14): one that accepts connections and
never answers, a port where nothing listens, and a scripted one that records each request and sends
prepared bytes back (truncated bodies, garbage, chunked answers, a proxy). nginx_support.py re-exports
all of it, so tests import everything from there."""
import socket
import threading
import time
from dataclasses import dataclass
from typing import List, Optional, Sequence

import pytest


class SilentServer:
    """Accepts TCP connections on 127.0.0.1 and never sends a byte (holds them open)."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections = 0
        self._held: List[socket.socket] = []
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        self.sock.settimeout(0.1)
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            self.connections += 1
            self._held.append(conn)

    def close(self):
        self._stop = True
        self._thread.join(timeout=2)
        for c in self._held:
            c.close()
        self.sock.close()


class DeadPort:
    """A loopback port nobody listens on: the socket is bound (so no one else gets the port) but not
    listening, so connecting is refused at once."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def close(self):
        self.sock.close()


@dataclass
class Reply:
    data: bytes
    close_after: bool = True  # close the connection after sending (else read the next request)
    trickle: float = 0.0      # > 0: send the bytes after the head one at a time, this many seconds apart


class ScriptedServer:
    """Reads a request (head, then a Content-Length body), records it, answers with the next reply."""

    def __init__(self, replies: Sequence[Reply], ipv6: bool = False):
        self.replies = list(replies)
        self.requests: List[bytes] = []
        self.sock = socket.socket(socket.AF_INET6 if ipv6 else socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("::1" if ipv6 else "127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://[::1]:{self.port}" if ipv6 else f"http://127.0.0.1:{self.port}"
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @staticmethod
    def _read_request(conn: socket.socket) -> Optional[bytes]:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return None
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                break
            body += chunk
        return head + b"\r\n\r\n" + body

    def _serve(self):
        self.sock.settimeout(0.1)
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            conn.settimeout(5)
            try:
                while self.replies:
                    request = self._read_request(conn)
                    if request is None:
                        break
                    self.requests.append(request)
                    reply = self.replies.pop(0)
                    self._send(conn, reply)
                    if reply.close_after:
                        break
            except OSError:
                pass
            finally:
                conn.close()

    def _send(self, conn: socket.socket, reply: Reply) -> None:
        if reply.trickle <= 0:
            conn.sendall(reply.data)
            return
        head, _, body = reply.data.partition(b"\r\n\r\n")
        conn.sendall(head + b"\r\n\r\n")
        for i in range(len(body)):
            if self._stop:
                return
            time.sleep(reply.trickle)
            conn.sendall(body[i:i + 1])

    def header(self, index: int, name: str) -> Optional[str]:
        """The value of header `name` in request `index` (None when absent)."""
        head = self.requests[index].split(b"\r\n\r\n")[0].decode("latin-1")
        for line in head.split("\r\n")[1:]:
            key, _, value = line.partition(":")
            if key.strip().lower() == name.lower():
                return value.strip()
        return None

    def close(self):
        self._stop = True
        self._thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def silent_server():
    server = SilentServer()
    yield server
    server.close()


@pytest.fixture
def dead_port():
    port = DeadPort()
    yield port
    port.close()


@pytest.fixture
def scripted_server_factory():
    servers: List[ScriptedServer] = []

    def make(replies: Sequence[Reply], ipv6: bool = False) -> ScriptedServer:
        server = ScriptedServer(replies, ipv6=ipv6)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()

