"""Helpers for the CMake scenario tests: a copy of the source checkout's CMake/ and examples/ in a
temporary root, configured and built with the real cmake, ninja, castxml (through castxml-cache),
wrapgen, SWIG, g++ (through ccache) and stubgen, each in a build tree below <root>/build."""
import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from conftest import BIN_DIR, REPO, require, tool
from wrapgen_support import python_interpreter

FIXTURES = REPO / "Tests" / "Fixtures" / "cmake"
ALLOWLIST = REPO / "CMake" / "swiftwrap-stubtest-allowlist.txt"  # SWIG's own machinery only (installed)
DB_FILE = Path("swiftwrap-records") / "records-v2.db"
TIMEOUT = 900


def tools_dir() -> str:
    for name in ("castxml-cache", "wrapgen", "stubgen"):
        tool(name)
    return str(BIN_DIR)


def python() -> str:
    return python_interpreter()


@dataclass
class Workspace:
    """<root>/src (CMake/ and examples/ copied), <root>/cache, <root>/ccache, <root>/build/<tree>."""
    root: Path
    env: Dict[str, str] = field(default_factory=dict)

    @property
    def src(self) -> Path:
        return self.root / "src"

    @property
    def cache_log(self) -> Path:
        return self.root / "castxml-cache.log"

    @classmethod
    def create(cls, root: Path) -> "Workspace":
        for program in ("cmake", "ninja", "castxml", "swig", "g++", "ccache"):
            require(program)
        (root / "src").mkdir(parents=True)
        shutil.copytree(REPO / "CMake", root / "src" / "CMake")
        shutil.copytree(REPO / "examples", root / "src" / "examples")
        env = dict(os.environ)
        for name in ("SWIFTWRAP_CACHE_DIR", "SWIFTWRAP_CACHE_BASE_DIR", "SWIFTWRAP_CACHE_DISABLE", "SWIFTWRAP_CACHE_MODE",
                     "CPATH", "CPLUS_INCLUDE_PATH", "PYTHONPATH", "MAKEFLAGS"):
            env.pop(name, None)
        env.update(CCACHE_DIR=str(root / "ccache"), CCACHE_BASEDIR=str(root), CCACHE_NOHASHDIR="1",
                   SWIFTWRAP_CACHE_LOG=str(root / "castxml-cache.log"))
        return cls(root, env)

    def configure(self, source: Path, build: Path, *extra: str, check: bool = True) -> subprocess.CompletedProcess:
        args = ["cmake", "-S", str(source), "-B", str(build), "-G", "Ninja",
                f"-DSWIFTWRAP_TOOLS_DIR={tools_dir()}", f"-DPython3_EXECUTABLE={python()}",
                f"-DSWIFTWRAP_CACHE_DIR={self.root / 'cache'}", "-DCMAKE_CXX_COMPILER_LAUNCHER=ccache",
                "-DSWIFTWRAP_CASTXML_JOBS=2", *extra]
        result = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=TIMEOUT)
        if check:
            assert result.returncode == 0, f"configure failed:\n{result.stdout}\n{result.stderr}"
        return result

    def ninja(self, build: Path, *args: str, check: bool = True) -> "Build":
        start = self.cache_log.stat().st_size if self.cache_log.exists() else 0
        result = subprocess.run(["ninja", "-C", str(build), *args], env=self.env, capture_output=True, text=True,
                                timeout=TIMEOUT)
        if check:
            assert result.returncode == 0, f"ninja {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        log = ""
        if self.cache_log.exists():
            with open(self.cache_log, "rb") as handle:
                handle.seek(start)
                log = handle.read().decode(errors="replace")
        return Build(result.returncode, result.stdout + result.stderr, log)

    def counting_swig(self) -> Path:
        """A SWIG that appends one line per wrapper-generating run to swig-runs.txt, then runs the real swig
        (for -DSWIG_EXECUTABLE=…: the number of SWIG processes a build started)."""
        script = self.root / "bin" / "swig"
        if not script.exists():
            script.parent.mkdir(exist_ok=True)
            script.write_text(f'#!/bin/sh\ncase "$*" in *_wrap.cxx*) echo "$*" >> "{self.root / "swig-runs.txt"}";; esac\n'
                              f'exec {require("swig")} "$@"\n')
            script.chmod(0o755)
        return script

    def swig_runs(self) -> List[str]:
        """The SWIG processes started so far through counting_swig(), by submodule."""
        runs = self.root / "swig-runs.txt"
        lines = runs.read_text().splitlines() if runs.exists() else []
        return [re.search(r"/(\w+)_wrap\.cxx", line).group(1) for line in lines]

    def ccache_stats(self) -> Dict[str, int]:
        out = subprocess.run(["ccache", "--print-stats"], env=self.env, capture_output=True, text=True).stdout
        return {k: int(v) for k, v in (line.split("\t") for line in out.splitlines() if "\t" in line)}

    def run_python(self, code_or_file: List[str], *python_dirs: Path) -> subprocess.CompletedProcess:
        env = dict(self.env, PYTHONPATH=os.pathsep.join(str(d) for d in python_dirs))
        return subprocess.run([python(), *code_or_file], env=env, capture_output=True, text=True, timeout=TIMEOUT)


@dataclass
class Build:
    status: int
    output: str
    cache_log: str

    def steps(self, prefix: str) -> List[str]:
        """Descriptions of the steps that ran, e.g. steps("CastXML:")."""
        return [m.group(1) for m in re.finditer(r"^\[\d+/\d+\] (.*)$", self.output, re.MULTILINE)
                if m.group(1).startswith(prefix)]

    def castxml_results(self) -> List[str]:
        """Results of the castxml calls of castxml-cache (its log also has the SWIG calls, marked note="swig")."""
        return [m for line in self.cache_log.splitlines() if 'note="swig"' not in line
                for m in re.findall(r"result=(\S+)", line)]

    def swig_results(self) -> List[str]:
        """Results of the cached SWIG calls (castxml-cache --swig)."""
        return [m for line in self.cache_log.splitlines() if 'note="swig"' in line
                for m in re.findall(r"result=(\S+)", line)]


def snapshot(build: Path, patterns=("swiftwrap/castxml/*.xml", "swiftwrap/wrap/*.i", "python/*/*.pyi",
                                    "swiftwrap/swig/*_wrap.cxx", "python/*/*.py")) -> Dict[str, bytes]:
    files = {}
    for pattern in patterns:
        for path in sorted(build.glob(pattern)):
            files[str(path.relative_to(build))] = path.read_bytes()
    return files


def mtimes(build: Path, pattern: str) -> Dict[str, int]:
    return {str(p.relative_to(build)): p.stat().st_mtime_ns for p in sorted(build.glob(pattern))}


def owners_and_modules(database: Path) -> Dict[str, set]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT owner, module FROM records").fetchall()
    result: Dict[str, set] = {}
    for owner, module in rows:
        result.setdefault(owner, set()).add(module)
    return result


def record_keys(database: Path, owner: str) -> List[str]:
    with sqlite3.connect(database) as connection:
        return sorted(k for (k,) in connection.execute("SELECT key FROM records WHERE owner = ?", (owner,)))


def run_mypy(stub_dirs: List[Path], packages: List[str], env: Dict[str, str]) -> None:
    """mypy --strict on the stubs and mypy.stubtest against the compiled modules."""
    path = os.pathsep.join(str(d) for d in stub_dirs)
    env = dict(env, MYPYPATH=path, PYTHONPATH=path)
    for package in packages:
        strict = subprocess.run([python(), "-m", "mypy", "--strict", "--no-incremental", "-p", package],
                                env=env, capture_output=True, text=True, timeout=TIMEOUT)
        assert strict.returncode == 0, f"mypy --strict {package}:\n{strict.stdout}\n{strict.stderr}"
        stubtest = subprocess.run([python(), "-m", "mypy.stubtest", package, "--ignore-unused-allowlist",
                                   "--allowlist", str(ALLOWLIST)], env=env, capture_output=True, text=True,
                                  timeout=TIMEOUT)
        assert stubtest.returncode == 0, f"stubtest {package}:\n{stubtest.stdout}\n{stubtest.stderr}"


def stubs_expected() -> bool:
    """Stubs are part of every scenario; a stubgen that cannot write them fails the test (never skips)."""
    help_text = subprocess.run([tool("stubgen"), "--help"], capture_output=True, text=True).stdout
    if "--manifest-list" not in help_text:
        pytest.fail("stubgen does not support --manifest-list: the stub steps cannot run (merge branch stubgen)")
    return True
