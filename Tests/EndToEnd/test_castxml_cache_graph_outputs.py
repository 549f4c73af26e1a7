"""castxml-cache's outputs for a build graph (issue 15): --depfile-relative-to and --header-digest,
on a miss, a hit, a touched and an edited header, a bypass, and bad use."""
import hashlib
import os
import subprocess
import time
from pathlib import Path

from conftest import require, tool

CASTXML = "/usr/bin/castxml"


def setup(tmp_path: Path):
    require("castxml")
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "a.h").write_text("#pragma once\nnamespace n { struct A { int x; }; }\n")
    (tmp_path / "b" / "sub").mkdir(parents=True)
    (tmp_path / "b" / "sub" / "t.cxx").write_text('#include "a.h"\nnamespace _wrapping_ { typedef n::A A; }\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("SWIFTWRAP_") and k not in ("CPATH", "CPLUS_INCLUDE_PATH")}
    env["SWIFTWRAP_CACHE_DIR"] = str(tmp_path / "cache")
    env["SWIFTWRAP_CACHE_LOG"] = str(tmp_path / "log")
    return env


def run(tmp_path: Path, env, *extra: str) -> subprocess.CompletedProcess:
    cwd = tmp_path / "b" / "sub"
    return subprocess.run([tool("castxml-cache"), "--depfile", "t.xml.d", "--depfile-relative-to", str(tmp_path / "b"),
                           "--header-digest", "t.sha256", *extra, CASTXML, "-o", "t.xml", "--castxml-output=1",
                           "--castxml-cc-gnu", "(", "g++", "-std=c++17", "-fno-sized-deallocation", ")", "-w", "-c",
                           f"-I{tmp_path / 'inc'}", "-MD", "-MF", "t.list", "-MT", "t.xml", "t.cxx"],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=180)


def expected_digest(cwd: Path) -> str:
    listed = (cwd / "t.list").read_text().replace("\\\n", " ").split(":", 1)[1].split()
    return "".join(f"{hashlib.sha256((cwd / p).read_bytes()).hexdigest()} {p}\n" for p in listed)


def test_miss_hit_touch_edit_and_bypass_write_the_digest_and_the_ninja_depfile(tmp_path):
    env = setup(tmp_path)
    cwd = tmp_path / "b" / "sub"
    results = []
    for _ in range(2):
        r = run(tmp_path, env)
        assert r.returncode == 0, r.stderr
        results.append(((cwd / "t.sha256").read_text(), (cwd / "t.xml.d").read_text()))
    log = (tmp_path / "log").read_text()
    assert "result=miss" in log and "result=direct-hit" in log
    assert results[0] == results[1]
    digest, depfile = results[0]
    assert digest == expected_digest(cwd)
    assert f"{hashlib.sha256((tmp_path / 'inc' / 'a.h').read_bytes()).hexdigest()} {tmp_path / 'inc' / 'a.h'}\n" in digest
    # Ninja's form: the output and the source relative to the build root, the header absolute.
    assert depfile.startswith(f"sub/t.xml: \\\n  sub/t.cxx \\\n  {tmp_path / 'inc' / 'a.h'}"), depfile
    # The same bytes as CMake's transform of castxml's own depfile.
    subprocess.run(["cmake", "-E", "cmake_transform_depfile", "Ninja", "gccdepfile", str(tmp_path), str(tmp_path),
                    str(tmp_path / "b"), str(cwd), str(cwd / "t.list"), str(tmp_path / "cmake.d")], check=True)
    assert (tmp_path / "cmake.d").read_text() == depfile
    # A touched header: a hit that leaves the digest file alone.
    before = (cwd / "t.sha256").stat().st_mtime_ns
    time.sleep(0.01)
    (tmp_path / "inc" / "a.h").touch()
    assert run(tmp_path, env).returncode == 0
    assert (cwd / "t.sha256").stat().st_mtime_ns == before
    # An edited header: a miss and a new digest line.
    (tmp_path / "inc" / "a.h").write_text("#pragma once\nnamespace n { struct A { int x; int y; }; }\n")
    assert run(tmp_path, env).returncode == 0
    assert (cwd / "t.sha256").read_text() == expected_digest(cwd) != digest
    # Not served by the cache: castxml runs as a child and the same files are written.
    for name in ("t.sha256", "t.xml.d"):
        (cwd / name).unlink()
    r = run(tmp_path, env, "--no-cache")
    assert r.returncode == 0, r.stderr
    assert (cwd / "t.sha256").read_text() == expected_digest(cwd)
    assert (cwd / "t.xml.d").read_text() == depfile


def test_bad_use_and_an_unwritable_digest_fail_plainly(tmp_path):
    env = setup(tmp_path)
    cwd = tmp_path / "b" / "sub"
    r = subprocess.run([tool("castxml-cache"), "--depfile-relative-to", str(tmp_path), CASTXML, "-o", "x.xml", "t.cxx"],
                       cwd=cwd, env=env, capture_output=True, text=True)
    assert r.returncode == 64 and "--depfile-relative-to needs --depfile" in r.stderr, r.stderr
    (tmp_path / "afile").write_text("a regular file, not a directory\n")
    r = subprocess.run([tool("castxml-cache"), "--header-digest", str(tmp_path / "afile" / "t.sha256"), CASTXML,
                        "-o", "t.xml", "--castxml-output=1", "-w", "-c", f"-I{tmp_path / 'inc'}", "t.cxx"],
                       cwd=cwd, env=env, capture_output=True, text=True, timeout=180)
    assert r.returncode == 1, r.stderr
    assert "castxml-cache: error:" in r.stderr and str(tmp_path / "afile") in r.stderr, r.stderr
    assert not list(cwd.glob(".*tmp*")) and not list(cwd.glob("*.swiftwrap-*")), list(cwd.iterdir())
