"""The shared remote cache (issue 14) against a real nginx with WebDAV PUT on a loopback port.

Two simulated machines: two cache directories and two checkouts at different absolute paths (the
relocation anchors make their keys equal). castxml runs are counted by a wrapper script; outputs are
compared byte for byte with a fresh castxml run in the same tree; requests are read from nginx's
access log.
"""
import os
import re
import subprocess
import time
from pathlib import Path
from typing import List

import pytest

from castxml_cache_harness import Cache, Project, assert_ok, assert_same, output_path, read_bytes, run_cmd
from conftest import REPO, require
from nginx_support import Nginx, dead_port, nginx, nginx_factory, silent_server, tls_files  # noqa: F401 (fixtures)

TOKEN = "tok-3f9a1c77e2"
WRITE_TOKEN, READ_TOKEN = "w-91b2c3d4e5", "r-5a6b7c8d9e"
VARIANTS = ("2", "3", "4")  # one translation unit, three keys: -DPOINT_DIM=<n>


class Machine:
    """One machine: its own cache directory, castxml run log and checkout at its own path. Both
    machines run the same castxml (a wrapper at one path, as /usr/bin/castxml would be on two real
    machines) that logs its arguments to the file named by $REMOTE_TEST_CASTXML_RUNS."""

    def __init__(self, tmp: Path, name: str, depth: str):
        self.cache = Cache(tmp / name)
        self.runs_file = tmp / name / "castxml-runs.txt"
        wrapper = tmp / "bin" / "castxml"
        if not wrapper.exists():
            wrapper.parent.mkdir(parents=True, exist_ok=True)
            wrapper.write_text('#!/bin/sh\necho "$*" >> "$REMOTE_TEST_CASTXML_RUNS"\nexec /usr/bin/castxml "$@"\n')
            wrapper.chmod(0o755)
        self.cache.castxml = str(wrapper)
        self.project = Project(tmp / name / depth / "checkout")
        self.cwd = self.project.build

    def compiles(self) -> int:
        """castxml runs that parsed a translation unit (not the tool-identity probe)."""
        lines = self.runs_file.read_text().splitlines() if self.runs_file.exists() else []
        return sum(1 for line in lines if "--castxml-output" in line)

    def args(self, variant: str) -> List[str]:
        return self.project.args(out=f"probe{variant}.xml", extra=[f"-DPOINT_DIM={variant}"])

    def options(self) -> List[str]:
        return ["--source-dir", str(self.project.root), "--build-dir", str(self.project.build),
                "--depfile", "probe.xml.d"]

    def run(self, variant: str, env: dict, options: List[str] = ()) -> subprocess.CompletedProcess:
        out = output_path(self.args(variant), self.cwd)
        if out.exists():
            out.unlink()
        env = {**env, "REMOTE_TEST_CASTXML_RUNS": str(self.runs_file)}
        return self.cache.run(self.args(variant), self.cwd, env=env, options=[*self.options(), *options])

    def stats_json(self) -> dict:
        import json
        result = run_cmd([self.cache.tool, "--show-stats", "--json"], env=self.cache.env())
        assert_ok(result, "castxml-cache --show-stats --json")
        return json.loads(result.stdout)


def remote_env(url: str, **extra) -> dict:
    return {"SWIFTWRAP_CACHE_REMOTE": url, **extra}


def settle(server: Nginx, requests: int) -> None:
    """Waits until nginx has logged `requests` requests (it logs after answering)."""
    deadline = time.monotonic() + 2
    while len(server.requests()) < requests and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(server.requests()) == requests, server.requests()


def marker_files(machine: Machine) -> List[Path]:
    return machine.cache.files(containing="/remote-off/")


def test_second_machine_is_all_remote_hits_then_all_local(tmp_path, nginx_factory):
    server = nginx_factory(prefix="/swiftwrap")
    env = remote_env(server.url, SWIFTWRAP_CACHE_REMOTE_TOKEN=TOKEN)
    one, two = Machine(tmp_path, "m1", "a"), Machine(tmp_path, "m2", "b/c")
    # Machine 1 names the server the way the CMake module does: a --remote-config file.
    conf = tmp_path / "castxml-cache-remote.conf"
    conf.write_text(f"# as CMake writes it\nremote = {server.url}\n")
    for v in VARIANTS:
        assert_ok(one.run(v, {"SWIFTWRAP_CACHE_REMOTE_TOKEN": TOKEN}, options=["--remote-config", str(conf)]))
    assert one.cache.results() == ["miss"] * 3
    settle(server, 12)  # per call: GET index (404), GET index again before the upload, PUT object, PUT index
    assert server.count("PUT", under="/swiftwrap/v2/cas/") == 3
    assert server.count("PUT", under="/swiftwrap/v2/ac/") == 3
    assert all(r.authorization == f"Bearer {TOKEN}" for r in server.requests()), "the token was not sent"

    server.clear_log()
    for v in VARIANTS:
        result = two.run(v, env)
        assert_ok(result)
        assert TOKEN.encode() not in result.stdout + result.stderr
    assert two.compiles() == 0, "castxml ran on the second machine"
    assert two.cache.results() == ["remote-hit"] * 3, two.cache.log_lines()
    settle(server, 6)  # per call: GET index, GET object
    assert server.count("PUT") == 0, "a remote hit uploaded"
    for v in VARIANTS:
        out = output_path(two.args(v), two.cwd)
        assert_same(read_bytes(out), two.cache.reference(two.args(v), two.cwd), f"remote hit probe{v}.xml")
    depfile = (two.cwd / "probe.xml.d").read_text()
    assert "../include/shapes/base.h" in depfile and depfile == (one.cwd / "probe.xml.d").read_text(), depfile
    stats = two.stats_json()
    assert (stats["remote_hits"], stats["remote_misses"], stats["remote_errors"]) == (3, 0, 0), stats
    assert stats["remote_bytes_down"] > 0 and stats["remote_bytes_up"] == 0, stats
    assert stats["entries"] == 3 and stats["objects"] == 3, "the remote hits did not fill the primary root"
    assert one.stats_json()["remote_bytes_up"] > 0

    # Next run of machine 2: local hits only, not one request.
    server.clear_log()
    for v in VARIANTS:
        assert_ok(two.run(v, env))
    assert two.cache.results()[-3:] == ["direct-hit"] * 3
    assert server.requests() == [], "a local hit asked the remote"
    assert two.compiles() == 0

    # The token is never in logs or in --show-config.
    for log in (one.cache.log, two.cache.log):
        assert TOKEN not in log.read_text()
    config = run_cmd([two.cache.tool, "--show-config"], env=two.cache.env(env))
    assert_ok(config)
    assert TOKEN.encode() not in config.stdout and b"(set)" in config.stdout


def test_https_with_the_ca_file_setting(tmp_path, nginx_factory, tls_files):
    server = nginx_factory(prefix="/c", tls=tls_files)
    env = remote_env(server.url, SWIFTWRAP_CACHE_REMOTE_CA_FILE=str(tls_files.ca_cert))
    one, two = Machine(tmp_path, "m1", "a"), Machine(tmp_path, "m2", "b")
    assert_ok(one.run("2", env))
    assert_ok(two.run("2", env))
    assert two.cache.results() == ["remote-hit"] and two.compiles() == 0, two.cache.log_lines()
    # Without the CA the server is not trusted: a counted error, castxml runs, the build goes on.
    three = Machine(tmp_path, "m3", "c")
    assert_ok(three.run("2", remote_env(server.url)))
    assert three.cache.results() == ["miss"] and three.stats_json()["remote_errors"] == 1


def test_readonly_uploads_nothing_and_damaged_objects_are_never_served(tmp_path, nginx):
    one, two = Machine(tmp_path, "m1", "a"), Machine(tmp_path, "m2", "b")
    assert_ok(one.run("2", remote_env(nginx.url, SWIFTWRAP_CACHE_REMOTE_READONLY="1")))
    assert one.cache.last_result() == "miss"
    settle(nginx, 1)
    assert nginx.count("GET") == 1 and nginx.count("PUT") == 0, nginx.requests()
    assert nginx.files() == []

    assert_ok(one.run("3", remote_env(nginx.url)))  # uploads
    objects = [f for f in nginx.files() if f.startswith("v2/cas/")]
    assert len(objects) == 1, nginx.files()
    nginx.damage(objects[0])
    result = two.run("3", remote_env(nginx.url))
    assert_ok(result)
    assert two.cache.last_result() == "miss" and two.compiles() == 1, "a damaged object was served"
    assert_same(read_bytes(output_path(two.args("3"), two.cwd)), two.cache.reference(two.args("3"), two.cwd))
    stats = two.stats_json()
    assert stats["remote_errors"] == 1 and stats["remote_hits"] == 0, stats
    assert "damaged" in two.cache.log.read_text()


def test_nginx_killed_mid_build_costs_a_bounded_delay(tmp_path, nginx):
    one = Machine(tmp_path, "m1", "a")
    env = remote_env(nginx.url)
    killer = nginx.kill_after(3)  # GET ac, PUT cas, PUT ac of the first call
    times = []
    for v in VARIANTS:
        start = time.monotonic()
        assert_ok(one.run(v, env))
        times.append(time.monotonic() - start)
        killer.join(timeout=5)
    assert not nginx.running()
    assert one.cache.results() == ["miss"] * 3 and one.compiles() == 3
    for v in VARIANTS:
        assert read_bytes(output_path(one.args(v), one.cwd))
    assert marker_files(one), "no marker after the server died"
    # A refused connection is immediate: the calls after the kill cost no more than the first one.
    assert max(times[1:]) < times[0] + 1.0, times
    assert one.stats_json()["remote_errors"] == 1, "the marker did not stop later calls from trying"


def test_silent_server_costs_about_a_second_then_the_marker_skips_it(tmp_path, silent_server, dead_port):
    one = Machine(tmp_path, "m1", "a")
    local = Machine(tmp_path, "m0", "a")
    start = time.monotonic()
    assert_ok(local.run("2", {}))
    castxml_seconds = time.monotonic() - start

    start = time.monotonic()
    assert_ok(one.run("2", remote_env(silent_server.url)))
    first = time.monotonic() - start
    assert first < castxml_seconds + 1.6, (first, castxml_seconds)
    assert first > 0.9, "the silent server was not asked"
    assert len(marker_files(one)) == 1
    connections = silent_server.connections
    start = time.monotonic()
    assert_ok(one.run("3", remote_env(silent_server.url)))
    assert time.monotonic() - start < castxml_seconds + 0.5
    assert silent_server.connections == connections, "the marker did not keep the next call away"
    assert "remote cache skipped" in one.cache.log.read_text()

    # A dead port: refused at once, never a failed call.
    two = Machine(tmp_path, "m2", "a")
    start = time.monotonic()
    assert_ok(two.run("2", remote_env(dead_port.url)))
    assert time.monotonic() - start < castxml_seconds + 0.5
    assert two.cache.last_result() == "miss" and len(marker_files(two)) == 1


def test_user_information_is_refused_and_explain_asks_read_only(tmp_path, nginx):
    one = Machine(tmp_path, "m1", "a")
    result = one.run("2", remote_env("http://ci:hunter2@127.0.0.1:1/x"))
    assert result.returncode == 64, result
    assert b"without user information" in result.stderr and b"hunter2" not in result.stderr
    assert one.compiles() == 0

    assert_ok(one.run("2", remote_env(nginx.url)))
    settle(nginx, 4)
    two = Machine(tmp_path, "m2", "b")
    nginx.clear_log()
    explain = run_cmd([two.cache.tool, "--explain", *two.options(), two.cache.castxml, *two.args("2")],
                      cwd=two.cwd, env=two.cache.env(remote_env(nginx.url, REMOTE_TEST_CASTXML_RUNS=str(two.runs_file))))
    assert_ok(explain)
    text = explain.stdout.decode()
    assert text.startswith("miss:") and "remote: would hit" in text, text
    assert nginx.count("PUT") == 0 and nginx.count("GET") == 2
    assert two.cache.files(containing="/objects/") == [], "--explain kept a download"


def test_cmake_never_writes_the_remote_into_build_ninja(tmp_path):
    """Configure only: the URL reaches castxml-cache through a file in the build tree."""
    from cmake_support import Workspace
    ws = Workspace.create(tmp_path / "ws")
    build = ws.root / "build" / "remote"
    url = "http://cache.internal.example:8080/swiftwrap"
    ws.env.update(SWIFTWRAP_CACHE_REMOTE=url, SWIFTWRAP_CACHE_REMOTE_READONLY="1", SWIFTWRAP_CACHE_REMOTE_TOKEN=TOKEN)
    ws.configure(REPO / "Tests" / "Fixtures" / "cmake" / "bases", build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}")
    env = ws.env
    cmake = require("cmake")
    def castxml_commands() -> List[str]:
        return [line for line in (build / "build.ninja").read_text().splitlines() if "castxml-cache" in line]
    ninja_text = (build / "build.ninja").read_text()
    assert "--remote-config" in ninja_text
    assert url not in ninja_text and "cache.internal.example" not in ninja_text
    assert TOKEN not in ninja_text and TOKEN not in (build / "CMakeCache.txt").read_text()
    conf = (build / "swiftwrap" / "castxml-cache-remote.conf").read_text()
    assert f"remote = {url}" in conf and "remote_readonly = 1" in conf and TOKEN not in conf
    # Another URL: the file changes, the commands do not.
    assert_ok(run_cmd([cmake, f"-DSWIFTWRAP_CACHE_REMOTE=http://other:1/x", build], env=env))
    assert castxml_commands() and castxml_commands() == [line for line in ninja_text.splitlines() if "castxml-cache" in line]
    assert "other:1" not in (build / "build.ninja").read_text()
    assert "remote = http://other:1/x" in (build / "swiftwrap" / "castxml-cache-remote.conf").read_text()
    bad = run_cmd([cmake, "-DSWIFTWRAP_CACHE_REMOTE=http://u:pw@h/x", build], env=env)
    assert bad.returncode != 0 and b"must not hold user information" in bad.stderr


class DocumentedNginx(Nginx):
    """nginx running the configuration of docs/remote-cache.md (port, directories and tokens substituted)."""

    def _config(self) -> str:
        doc = (REPO / "docs" / "remote-cache.md").read_text()
        block = re.search(r"```nginx\n(.*?)```", doc, re.S).group(1)
        for old, new in (("listen 8080;", f"listen 127.0.0.1:{self.port};"),
                         ("/srv/swiftwrap-cache-tmp", str(self.dir / "tmp" / "body")),
                         ("/srv/swiftwrap-cache/", f"{self.root}/"),
                         ("REPLACE-WITH-THE-WRITE-TOKEN", WRITE_TOKEN), ("REPLACE-WITH-THE-READ-TOKEN", READ_TOKEN)):
            assert old in block, f"docs/remote-cache.md's nginx configuration lost {old!r}"
            block = block.replace(old, new)
        base = super()._config()
        return base[:base.rindex("    server {")] + block + "}\n"  # keeps the harness status server


def test_documented_nginx_configuration_with_tokens(tmp_path):
    server = DocumentedNginx(tmp_path / "nginx", prefix="/swiftwrap").start()
    try:
        writer, reader = Machine(tmp_path, "m1", "a"), Machine(tmp_path, "m2", "b")
        assert_ok(writer.run("2", remote_env(server.url, SWIFTWRAP_CACHE_REMOTE_TOKEN=WRITE_TOKEN)))
        settle(server, 4)
        assert server.count("PUT", status=201) == 2, server.requests()

        token_file = tmp_path / "read-token"
        token_file.write_text(READ_TOKEN + "\n")
        pull_request = remote_env(server.url, SWIFTWRAP_CACHE_REMOTE_TOKEN_FILE=str(token_file),
                                  SWIFTWRAP_CACHE_REMOTE_READONLY="1")
        assert_ok(reader.run("2", pull_request))
        assert reader.cache.last_result() == "remote-hit" and reader.compiles() == 0
        # The read token cannot write: the PUT is refused (403), counted, and the build goes on.
        assert_ok(reader.run("3", remote_env(server.url, SWIFTWRAP_CACHE_REMOTE_TOKEN_FILE=str(token_file))))
        settle(server, 9)  # GET index (404) twice, PUT object refused
        assert server.count("PUT", status=403) == 1
        # No token: 401, counted, castxml runs.
        assert_ok(reader.run("4", remote_env(server.url)))
        settle(server, 11)  # GET index refused (401) by the lookup and by the upload, no PUT
        assert server.count("GET", status=401) == 2
        stats = reader.stats_json()
        assert (stats["remote_hits"], stats["remote_errors"]) == (1, 2), stats
        assert reader.cache.results() == ["remote-hit", "miss", "miss"]
        assert not marker_files(reader), "an HTTP error status turned the remote off"
    finally:
        server.stop()
