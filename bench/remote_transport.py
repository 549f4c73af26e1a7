"""The remote cache's two HTTP clients on loopback (issue 14): the built-in HTTP/1.1 client and libcurl
(dlopen), against a private nginx, through the test-only remote-transport-probe.

    build/venv/bin/python bench/remote_transport.py .build/release [runs]

For each client and body (~200 KB, ~2 MB, a 404) it reports:
- first: the first request of a fresh process (what one castxml-cache call pays: connecting, and for
  libcurl loading and initialising it), median over `runs` processes, wall ms, and the process's CPU ms;
- next: a request on the kept-alive connection of the same process (median over 30).
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "EndToEnd"))
from nginx_support import Nginx  # noqa: E402


def probe(binary, url, client, op, repeat=1):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([binary, "--client", client, "--repeat", str(repeat), url, op],
                         capture_output=True, text=True, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    ms = [float(line.split(" ms=")[1].split()[0]) for line in out.splitlines()]
    if "error=" in out:
        raise SystemExit(f"probe failed: {out}")
    return ms, cpu


def main():
    bin_dir = Path(sys.argv[1] if len(sys.argv) > 1 else ".build/release").resolve()
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    binary = str(bin_dir / "remote-transport-probe")
    with tempfile.TemporaryDirectory() as tmp:
        server = Nginx(Path(tmp) / "nginx", prefix="/cache")
        server.start()
        try:
            for name, size in (("200k", 200_000), ("2m", 2_000_000)):
                server.stored(f"v1/cas/{name}").parent.mkdir(parents=True, exist_ok=True)
                server.stored(f"v1/cas/{name}").write_bytes(os.urandom(size))
            print(f"load {os.getloadavg()[0]:.1f}; {runs} processes per 'first' figure; medians")
            print(f"{'client':8} {'request':8} {'first ms':>9} {'process CPU ms':>15} {'next ms':>8}")
            for client in ("builtin", "libcurl"):
                for label, path in (("200 KB", "v1/cas/200k"), ("2 MB", "v1/cas/2m"), ("404", "v1/ac/none")):
                    first, cpu = [], []
                    for _ in range(runs):
                        ms, c = probe(binary, server.url, client, f"get:{path}")
                        first.append(ms[0])
                        cpu.append(c)
                    steady, _ = probe(binary, server.url, client, f"get:{path}", repeat=31)
                    print(f"{client:8} {label:8} {statistics.median(first):9.2f} {statistics.median(cpu):15.1f} "
                          f"{statistics.median(steady[1:]):8.2f}")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
