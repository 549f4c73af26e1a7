"""Harness for the castxml-cache end-to-end tests (design.md §3).

Every test builds a tiny C++ project in a temporary tree, runs `castxml-cache` in front of a counting
`castxml` wrapper script (each line in the counter file is one castxml process), and compares every
output byte for byte with a fresh, uncached run of the real /usr/bin/castxml with the same arguments.
(Named castxml_cache_harness rather than cachetools so that the PyPI package of that name can never
shadow it.)
"""
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

import pytest

from conftest import require, tool

CASTXML = "/usr/bin/castxml"
TIMEOUT = 180

# Environment variables that change castxml's (or the cache's) behaviour: never inherited.
_SCRUBBED = ("CPATH", "CPLUS_INCLUDE_PATH", "C_INCLUDE_PATH", "OBJCPLUS_INCLUDE_PATH", "SDKROOT", "TMPDIR")

STATS_RE = re.compile(r"^(direct hits|preprocessed hits|misses|bypasses|errors)\s+(\d+)$", re.MULTILINE)
STAT_LABELS = ("direct hits", "preprocessed hits", "misses", "bypasses", "errors")
HIT_RESULTS = ("direct-hit", "preprocessed-hit")
ALL_RESULTS = ("direct-hit", "preprocessed-hit", "remote-hit", "miss", "bypass", "error")


def castxml_args(cc: Sequence[str] = ("g++",), std: str = "-std=c++17", warnings: bool = False,
                 output: str = "--castxml-output=1", start: Optional[str] = "_wrapping_") -> List[str]:
    """ITK's castxml command line, minus -o, -I/-D, response files and the source."""
    args = [output]
    if start is not None:
        args += ["--castxml-start", start]
    args += ["--castxml-cc-gnu", "(", *cc, std, "-fno-sized-deallocation", ")"]
    if not warnings:
        args.append("-w")
    args.append("-c")
    return args


# ---------------------------------------------------------------------------------------------
# The small project: classes in a namespace, a template, a header included by a header, and an
# ITK-like `namespace _wrapping_ { namespace wrappers { typedef ... } }` block in the .cxx.

DEEP_H = """#pragma once
namespace geo { namespace detail {
/** Included by base.h only. */
struct Deep { int value; };
} }
"""

BASE_H = """#pragma once
#include "shapes/detail/deep.h"
namespace geo {
/** A shape. */
class Shape {
public:
  virtual ~Shape();
  virtual double area() const = 0;
  detail::Deep deep;
};
}
"""

POINT_H = """#pragma once
namespace geo {
template <typename T, unsigned D>
class Point {
public:
  T get(unsigned i) const { return coords[i]; }
private:
  T coords[D];
};
#ifndef FOO
#define FOO 1
#endif
typedef int FooArray[FOO];
#if __cplusplus >= 201703L
typedef long CxxLevelT;
#else
typedef short CxxLevelT;
#endif
}
"""

PROBE_CXX = """#include "shapes/base.h"
#include "shapes/point.h"
#ifndef POINT_DIM
#define POINT_DIM 2
#endif
namespace _wrapping_ {
const char* const group = "probe";
namespace wrappers {
typedef geo::Point<float, POINT_DIM> PointF;
typedef geo::Point<double, 3> PointD3;
typedef geo::Shape Shape;
typedef geo::FooArray FooArray;
typedef geo::CxxLevelT CxxLevel;
}
void force_instantiate() { using namespace _wrapping_::wrappers; (void)sizeof(PointF); (void)sizeof(PointD3); }
}
"""

HEADERS = {
    "shapes/detail/deep.h": DEEP_H,
    "shapes/base.h": BASE_H,
    "shapes/point.h": POINT_H,
}


class Project:
    """A checkout: <root>/include, <root>/src/probe.cxx and an empty <root>/build."""

    def __init__(self, root: Path, write_files: bool = True):
        self.root = root
        self.include = root / "include"
        self.src = root / "src"
        self.build = root / "build"
        self.tu = self.src / "probe.cxx"
        if not write_files:  # an existing checkout (a copy)
            return
        for rel, text in HEADERS.items():
            write(self.include / rel, text)
        write(self.tu, PROBE_CXX)
        self.build.mkdir(parents=True, exist_ok=True)

    def header(self, rel: str) -> Path:
        return self.include / rel

    def headers(self) -> List[Path]:
        return [self.include / rel for rel in HEADERS]

    def args(self, out: str = "probe.xml", relative: bool = True, tu: Optional[Path] = None,
             extra: Sequence[str] = (), **flags) -> List[str]:
        """A full castxml command line to run in self.build (relative) or anywhere (absolute)."""
        tu = tu or self.tu
        if relative:
            include, source = os.path.relpath(self.include, self.build), os.path.relpath(tu, self.build)
        else:
            include, source = str(self.include), str(tu)
        return ["-o", out, *castxml_args(**flags), "-I", include, *extra, source]


def write(path: Path, text: str, mode: Optional[int] = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    if mode is not None:
        path.chmod(mode)
    return path


def write_script(path: Path, body: str) -> Path:
    return write(path, "#!/bin/sh\n" + body, 0o755)


def counting_wrapper(path: Path, counter: Path, target: str = CASTXML) -> Path:
    """A `castxml` script that logs one line per process to `counter`, then execs the real castxml."""
    return write_script(path, f'echo "$$" >> "{counter}"\nexec "{target}" "$@"\n')


def base_env(extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SWIFTWRAP_CACHE_") and k not in _SCRUBBED}
    env.update(extra or {})
    return env


def run_cmd(args, cwd=None, env=None, timeout=TIMEOUT, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, timeout=timeout, **kwargs)


def output_path(args: Sequence[str], cwd: Path) -> Path:
    i = list(args).index("-o")
    return Path(cwd, args[i + 1])


def replace_option(args: Sequence[str], option: str, value: str) -> List[str]:
    args = list(args)
    i = args.index(option)
    args[i + 1] = value
    return args


def read_bytes(path: Path) -> bytes:
    assert path.exists(), f"{path} was not written"
    return path.read_bytes()


def first_difference(actual: bytes, expected: bytes) -> str:
    a, e = actual.splitlines(), expected.splitlines()
    for n, (x, y) in enumerate(zip(a, e), 1):
        if x != y:
            return f"line {n}:\n  got:      {x[:300]!r}\n  expected: {y[:300]!r}"
    return f"{len(a)} lines vs {len(e)} expected ({len(actual)} vs {len(expected)} bytes)"


def assert_same(actual, expected: bytes, what: str = "output") -> None:
    data = read_bytes(actual) if isinstance(actual, Path) else actual
    assert data == expected, f"{what} differs from a fresh castxml run: {first_difference(data, expected)}"


def assert_ok(result: subprocess.CompletedProcess, what: str = "castxml-cache") -> None:
    assert result.returncode == 0, (f"{what} exited {result.returncode}\nstdout: {result.stdout.decode()[-2000:]}"
                                    f"\nstderr: {result.stderr.decode()[-4000:]}")


def parse_depfile(path: Path) -> Dict[str, List[str]]:
    """Make-style depfile -> {target: [dependencies]} (continuations, escaped spaces, several rules)."""
    assert path.exists(), f"depfile {path} was not written"
    text = path.read_text().replace("\\\r\n", " ").replace("\\\n", " ")
    rules: Dict[str, List[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        tokens = [t.replace("\x00", " ").replace("$$", "$") for t in line.replace("\\ ", "\x00").split()]
        colon = next((i for i, t in enumerate(tokens) if t.endswith(":")), None)
        assert colon is not None, f"malformed depfile line in {path}: {line!r}"
        targets = [t.rstrip(":") for t in tokens[:colon + 1] if t.rstrip(":")]
        for target in targets:
            rules.setdefault(target, []).extend(tokens[colon + 1:])
    return rules


def depfile_deps(path: Path, cwd: Path) -> set:
    """Every dependency of every rule, as a normalised absolute path (relative ones resolved from cwd)."""
    return {os.path.normpath(os.path.join(cwd, d)) for deps in parse_depfile(path).values() for d in deps}


# ---------------------------------------------------------------------------------------------


class Cache:
    """One test's cache: its own SWIFTWRAP_CACHE_DIR, log file and counting castxml wrapper."""

    def __init__(self, tmp: Path):
        require("castxml")
        require("g++")
        self.tool = tool("castxml-cache")
        self.tmp = tmp
        self.dir = tmp / "cache"
        self.log = tmp / "cache.log"
        self.counter = tmp / "castxml.count"
        self.castxml = str(counting_wrapper(tmp / "wrapper-bin" / "castxml", self.counter))
        self._refs = 0
        self.last_reference: Optional[Path] = None  # the -o of the latest reference run (-MF: .d beside it)

    def env(self, extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
        return base_env({"SWIFTWRAP_CACHE_DIR": str(self.dir), "SWIFTWRAP_CACHE_LOG": str(self.log),
                         **(extra or {})})

    def command(self, args: Sequence[str], options: Sequence[str] = (), castxml: Optional[str] = None) -> List[str]:
        return [self.tool, *options, castxml or self.castxml, *args]

    def run(self, args: Sequence[str], cwd: Path, env: Optional[Dict[str, str]] = None,
            options: Sequence[str] = (), castxml: Optional[str] = None) -> subprocess.CompletedProcess:
        return run_cmd(self.command(args, options, castxml), cwd=cwd, env=self.env(env))

    def popen(self, args: Sequence[str], cwd: Path, env: Optional[Dict[str, str]] = None) -> subprocess.Popen:
        return subprocess.Popen([str(a) for a in self.command(args)], cwd=cwd, env=self.env(env),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def ok(self, args: Sequence[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
        result = self.run(args, cwd, **kwargs)
        assert_ok(result)
        return result

    def reference(self, args: Sequence[str], cwd: Path, env: Optional[Dict[str, str]] = None,
                  castxml: str = CASTXML) -> bytes:
        """What a fresh, uncached castxml writes now for these arguments (to another -o path)."""
        self._refs += 1
        ref = self.tmp / "references" / f"ref{self._refs}.xml"
        ref.parent.mkdir(exist_ok=True)
        self.last_reference = ref
        args = replace_option(args, "-o", str(ref))
        if "-MF" in args:
            args = replace_option(args, "-MF", str(ref.with_suffix(".d")))
        result = run_cmd([castxml, *args], cwd=cwd, env=base_env(env))
        assert_ok(result, f"reference castxml run {args}")
        return read_bytes(ref)

    def processes(self) -> int:
        return len(self.counter.read_text().splitlines()) if self.counter.exists() else 0

    def results(self) -> List[str]:
        """The result= of every log line so far."""
        if not self.log.exists():
            return []
        found = []
        for line in self.log.read_text().splitlines():
            match = re.search(r"result=([a-z-]+)", line)
            if match:
                found.append(match.group(1))
        return found

    def log_lines(self) -> List[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []

    def last_result(self) -> str:
        results = self.results()
        assert results, f"castxml-cache wrote no result= line to SWIFTWRAP_CACHE_LOG={self.log}"
        assert results[-1] in ALL_RESULTS, f"unknown result in {self.log_lines()[-1]!r}"
        return results[-1]

    def stats(self, options: Sequence[str] = ()) -> Dict[str, int]:
        result = run_cmd([self.tool, *options, "--show-stats"], env=self.env())
        assert_ok(result, "castxml-cache --show-stats")
        found = {label: int(n) for label, n in STATS_RE.findall(result.stdout.decode())}
        missing = [label for label in STAT_LABELS if label not in found]
        assert not missing, f"--show-stats lacks {missing}:\n{result.stdout.decode()}"
        return found

    def zero_stats(self, options: Sequence[str] = ()) -> None:
        assert_ok(run_cmd([self.tool, *options, "--zero-stats"], env=self.env()), "castxml-cache --zero-stats")

    def files(self, containing: str = "") -> List[Path]:
        return sorted(p for p in self.dir.rglob("*") if p.is_file() and not p.is_symlink()
                      and containing in str(p))

    def expect_direct_hit(self, args: Sequence[str], cwd: Path, expected: bytes,
                          **kwargs) -> subprocess.CompletedProcess:
        """Deletes the output, reruns: the cache must answer without starting castxml."""
        out = output_path(args, cwd)
        if out.exists():
            out.unlink()
        before = self.processes()
        result = self.ok(args, cwd, **kwargs)
        assert self.processes() == before, "a direct hit must not start castxml"
        assert self.last_result() == "direct-hit"
        assert_same(out, expected)
        return result

    def expect_fresh(self, args: Sequence[str], cwd: Path, env: Optional[Dict[str, str]] = None,
                     options: Sequence[str] = (), castxml: Optional[str] = None, ref_castxml: str = CASTXML,
                     differs_from: Optional[bytes] = None) -> bytes:
        """Deletes the output, reruns through the cache, compares with a fresh run of ref_castxml."""
        out = output_path(args, cwd)
        if out.exists():
            out.unlink()
        assert_ok(self.run(args, cwd, env=env, options=options, castxml=castxml))
        assert self.last_result() not in ("bypass", "error"), f"unexpected {self.log_lines()[-1]!r}"
        fresh = self.reference(args, cwd, env=env, castxml=ref_castxml)
        if differs_from is not None:
            assert fresh != differs_from, "test setup: the change must alter castxml's output"
        assert_same(out, fresh)
        return fresh


def wait_all(procs: Iterable[subprocess.Popen], timeout: float = TIMEOUT) -> List[tuple]:
    """(returncode, stdout, stderr) of each process; kills the ones still running at the deadline."""
    procs = list(procs)
    outcomes = []
    try:
        for p in procs:
            out, err = p.communicate(timeout=timeout)
            outcomes.append((p.returncode, out, err))
    except subprocess.TimeoutExpired:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.communicate()
        pytest.fail(f"concurrent castxml-cache runs did not finish within {timeout} s")
    return outcomes


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, symlinks=True)
