"""A private nginx (and a few misbehaving servers) for the remote-cache tests (issue 14).

Every server here lives on 127.0.0.1 on a free port, in a temporary directory of its own, and is
stopped by its fixture. Nothing touches the machine's nginx (/etc/nginx, /var/log/nginx, /run).

    from nginx_support import (nginx, nginx_factory, tls_files, silent_server, dead_port,
                               scripted_server_factory)

- `nginx` (fixture): plain-HTTP nginx with WebDAV PUT serving `nginx.root` at `nginx.url`
  (`http://127.0.0.1:<port>`, no prefix). `nginx_factory(prefix="/cache", tls=tls_files)` makes
  others (an HTTPS one with the `tls_files` CA, a location prefix). PUT bodies are written by nginx to
  a temporary file and renamed into place (atomic for readers), parent directories are created
  (`create_full_put_path`), bodies of any size are accepted (`client_max_body_size 0`).
- Access log: `nginx.requests()` parses it (method, path, status, body bytes, connection serial,
  request number on that connection, Authorization header); `nginx.count(method=..., under=...)`.
- `nginx.kill()` (SIGKILL, as a crash), `nginx.kill_after(n)` (kills once n requests are logged, from a
  thread: "nginx dies mid-build"), `nginx.start()` again on the same port, `nginx.stop()`.
- `nginx.stored(path)`, `nginx.damage(path)` (flips one byte of a stored file, same size),
  `nginx.files()` (every stored file, relative to the root).
- `nginx.settle()`: waits until nginx has no request in progress (every log reader calls it).
- From fake_servers.py (re-exported here): `silent_server` accepts connections and never answers
  (`.url`, `.connections`); `dead_port` is a port on 127.0.0.1 where nothing listens (connection
  refused, `.url`); `scripted_server_factory(replies, ipv6=False)` makes a tiny server (127.0.0.1 or
  ::1) that reads one request per connection, records it (`.requests`: raw head and body,
  `.header(i, name)`), and sends the next scripted `Reply` (bytes as is; `close_after=True` closes
  right after) — for truncated bodies, garbage, chunked answers, checking headers, a proxy.

nginx failing to start is a test failure (pytest.fail with its error log), never a skip.
"""
import os
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, List, Optional

import pytest

from conftest import require
from fake_servers import (DeadPort, Reply, ScriptedServer, SilentServer, dead_port,  # noqa: F401 (re-exported)
                          scripted_server_factory, silent_server)

NGINX = "/usr/sbin/nginx"
START_TIMEOUT = 10.0

LOG_FORMAT = ('$request_method $uri $status $body_bytes_sent $request_length '
              '$connection $connection_requests "$http_authorization"')


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# TLS: a throw-away CA and a server certificate for 127.0.0.1 / localhost, made with openssl.

@dataclass
class TlsFiles:
    ca_cert: Path       # the CA certificate (PEM): what the CA-file setting names
    server_cert: Path   # server certificate signed by the CA (subjectAltName IP:127.0.0.1, DNS:localhost)
    server_key: Path


def make_tls_files(directory: Path) -> TlsFiles:
    openssl = require("openssl")
    directory.mkdir(parents=True, exist_ok=True)
    ca_key, ca_cert = directory / "ca.key", directory / "ca.pem"
    key, csr, cert = directory / "server.key", directory / "server.csr", directory / "server.pem"
    ext = directory / "server.ext"
    ext.write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                   "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    steps = [
        [openssl, "req", "-x509", *ec, "-keyout", ca_key, "-out", ca_cert, "-days", "3",
         "-subj", "/CN=SwiftWrapCache test CA", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        [openssl, "req", "-new", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=localhost"],
        [openssl, "x509", "-req", "-in", csr, "-CA", ca_cert, "-CAkey", ca_key, "-CAcreateserial",
         "-days", "3", "-out", cert, "-extfile", ext],
    ]
    for args in steps:
        result = subprocess.run([str(a) for a in args], capture_output=True, text=True)
        if result.returncode != 0:
            pytest.fail(f"openssl failed ({' '.join(map(str, args))}):\n{result.stderr}")
    return TlsFiles(ca_cert=ca_cert, server_cert=cert, server_key=key)


# ---------------------------------------------------------------------------------------------
# nginx

@dataclass
class LoggedRequest:
    method: str
    path: str
    status: int
    body_bytes: int        # response body bytes sent
    request_length: int    # request line + headers + body received
    connection: int        # nginx's connection serial number
    connection_request: int  # 1 for the first request on a connection, 2 for the next, ...
    authorization: str     # the Authorization header ("" when absent)


class Nginx:
    def __init__(self, directory: Path, prefix: str = "", tls: Optional[TlsFiles] = None,
                 port: Optional[int] = None):
        self.dir = directory
        self.root = directory / "root"
        self.prefix = prefix.rstrip("/")
        if self.prefix and not self.prefix.startswith("/"):
            raise ValueError(f"prefix must start with '/': {prefix!r}")
        self.tls = tls
        self.port = port or free_port()
        self.status_port = free_port()  # plain-HTTP stub_status, not in the access log
        self.conf = directory / "nginx.conf"
        self.access_log = directory / "access.log"
        self.error_log = directory / "error.log"
        self.process: Optional[subprocess.Popen] = None
        self._killer: Optional[threading.Thread] = None
        for d in (self.root, directory / "tmp" / "body", directory / "logs"):
            d.mkdir(parents=True, exist_ok=True)

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    @property
    def url(self) -> str:
        """The base URL (what SWIFTWRAP_CACHE_REMOTE names), without a trailing slash."""
        return f"{self.scheme}://127.0.0.1:{self.port}{self.prefix}"

    def _config(self) -> str:
        tmp = self.dir / "tmp"
        listen = f"127.0.0.1:{self.port}" + (" ssl" if self.tls else "")
        tls = ""
        if self.tls:
            tls = (f"        ssl_certificate {self.tls.server_cert};\n"
                   f"        ssl_certificate_key {self.tls.server_key};\n")
        if self.prefix:
            location = f"location {self.prefix}/ {{\n            alias {self.root}/;\n"
        else:
            location = f"location / {{\n            root {self.root};\n"
        user = "user root root;\n" if os.geteuid() == 0 else ""
        return f"""# generated by Tests/EndToEnd/nginx_support.py
{user}daemon off;
master_process on;
worker_processes 1;
pid {self.dir}/nginx.pid;
error_log {self.error_log} info;
events {{ worker_connections 256; }}
http {{
    log_format swiftwrap '{LOG_FORMAT}';
    access_log {self.access_log} swiftwrap;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    default_type application/octet-stream;
    keepalive_timeout 30s;
    server {{
        listen 127.0.0.1:{self.status_port};
        access_log off;
        location = /status {{ stub_status; }}
    }}
    server {{
        listen {listen};
        server_name localhost;
{tls}        {location}            dav_methods PUT;
            create_full_put_path on;
            dav_access user:rw group:r all:r;
            client_max_body_size 0;
            log_not_found off;
        }}
    }}
}}
"""

    def start(self) -> "Nginx":
        """Starts nginx in the foreground (its own process group) and waits until it accepts
        connections; fails the test with its error log when it cannot."""
        if not Path(NGINX).exists():
            pytest.fail(f"{NGINX} is missing: run 'make setup' (scripts/setup.sh installs nginx-light)")
        if self.running():
            return self
        self.conf.write_text(self._config())
        self.process = subprocess.Popen(
            [NGINX, "-p", str(self.dir), "-e", str(self.error_log), "-c", str(self.conf)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                stderr = self.process.stderr.read().decode(errors="replace")
                self.process = None
                pytest.fail(f"nginx did not start (port {self.port}):\n{stderr}\n{self._error_log_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.02)
        self.kill()
        pytest.fail(f"nginx did not accept connections on port {self.port} within {START_TIMEOUT} s:\n"
                    f"{self._error_log_text()}")

    def _error_log_text(self) -> str:
        try:
            return self.error_log.read_text(errors="replace")
        except OSError:
            return "(no error log)"

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL to nginx's whole process group (master and worker): a crash, no goodbye."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)
        self.process.stderr.close()
        self.process = None
        self._wait_until_closed()

    def _wait_until_closed(self) -> None:
        """The worker dies a moment after the master: wait until the port refuses connections."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    pass
            except OSError:
                return
            time.sleep(0.005)
        pytest.fail(f"nginx on port {self.port} still accepts connections after being killed")

    def stop(self) -> None:
        if self._killer is not None:
            self._killer.join(timeout=0)
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=5)
            self.process.stderr.close()
            self.process = None
            self._wait_until_closed()
        except (ProcessLookupError, subprocess.TimeoutExpired):
            self.kill()

    def kill_after(self, requests: int, timeout: float = 120.0, method: Optional[str] = None) -> threading.Thread:
        """Kills nginx (SIGKILL) from a background thread once `requests` requests (of `method`, if
        given) are in the access log. Returns the thread (join it to know it has happened)."""
        def watch():
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and self.running():
                if self._count_unsettled(method) >= requests:
                    self.kill()
                    return
                time.sleep(0.005)
        self._killer = threading.Thread(target=watch, daemon=True)
        self._killer.start()
        return self._killer

    # -- what the server saw ---------------------------------------------------------------------

    def settle(self, timeout: float = 10.0) -> None:
        """Waits until nginx has no request in progress. nginx writes a request's access-log line
        after sending its answer, so a client may see the answer before the line exists: every
        reader of the log calls this first."""
        if not self.running():
            return
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.status_port), timeout=2) as s:
                    s.sendall(b"GET /status HTTP/1.0\r\nHost: localhost\r\n\r\n")
                    text = b"".join(iter(lambda: s.recv(4096), b"")).decode(errors="replace")
            except OSError:
                if not self.running():
                    return
                text = ""
            # "Reading: 0 Writing: 1 Waiting: N": the only request being written is this one.
            fields = text.split()
            if "Reading:" in fields and "Writing:" in fields:
                reading = int(fields[fields.index("Reading:") + 1])
                writing = int(fields[fields.index("Writing:") + 1])
                if reading == 0 and writing <= 1:
                    return
            time.sleep(0.005)
        pytest.fail(f"nginx on port {self.port} still busy after {timeout} s: {text!r}")

    def requests(self) -> List[LoggedRequest]:
        self.settle()
        if not self.access_log.exists():
            return []
        out = []
        for line in self.access_log.read_text(errors="replace").splitlines():
            head, _, auth = line.partition(' "')
            parts = head.split()
            if len(parts) != 7:
                continue
            method, path, status, sent, length, conn, conn_req = parts
            auth = auth[:-1] if auth.endswith('"') else auth
            out.append(LoggedRequest(method, path, int(status), int(sent), int(length), int(conn),
                                     int(conn_req), "" if auth == "-" else auth))
        return out

    def _count_unsettled(self, method: Optional[str]) -> int:
        try:
            lines = self.access_log.read_text(errors="replace").splitlines()
        except OSError:
            return 0
        return sum(1 for line in lines if method is None or line.startswith(method + " "))

    def count(self, method: Optional[str] = None, under: Optional[str] = None,
              status: Optional[int] = None) -> int:
        """Requests in the access log, optionally only of one method, under one path prefix (as the
        server saw it, e.g. f"{prefix}/v1/cas/"), with one status."""
        return sum(1 for r in self.requests()
                   if (method is None or r.method == method)
                   and (under is None or r.path.startswith(under))
                   and (status is None or r.status == status))

    def clear_log(self) -> None:
        """Empties the access log (nginx keeps appending to the same file)."""
        self.settle()
        if self.access_log.exists():
            with open(self.access_log, "r+") as f:
                f.truncate(0)

    # -- what the server stores ------------------------------------------------------------------

    def stored(self, path: str) -> Path:
        """The file that holds `path` (relative to the base URL, e.g. "v1/ac/ab..")."""
        return self.root / path.lstrip("/")

    def files(self) -> List[str]:
        return sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*") if p.is_file())

    def damage(self, path: str, offset: Optional[int] = None) -> None:
        """Flips one byte of a stored file (in the middle unless `offset`), keeping its size."""
        file = self.stored(path)
        data = bytearray(file.read_bytes())
        if not data:
            pytest.fail(f"cannot damage the empty stored file {file}")
        i = len(data) // 2 if offset is None else offset
        data[i] ^= 0x5A
        file.write_bytes(bytes(data))


# ---------------------------------------------------------------------------------------------
# Fixtures (import them into a test module by name).

@pytest.fixture(scope="session")
def tls_files(tmp_path_factory) -> TlsFiles:
    return make_tls_files(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def nginx_factory(tmp_path) -> Callable[..., Nginx]:
    """nginx_factory(prefix="", tls=None) -> a started Nginx; all are stopped after the test."""
    started: List[Nginx] = []

    def make(prefix: str = "", tls: Optional[TlsFiles] = None) -> Nginx:
        for attempt in range(3):
            server = Nginx(tmp_path / f"nginx{len(started)}-{attempt}", prefix=prefix, tls=tls)
            server.conf.write_text(server._config())
            started.append(server)
            try:
                return server.start()
            except pytest.fail.Exception:
                # Another process may have taken the free port in between: retry on a new one.
                if "Address already in use" not in server._error_log_text() or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    yield make
    for server in started:
        server.stop()


@pytest.fixture
def nginx(nginx_factory) -> Nginx:
    return nginx_factory()
