"""`make install PREFIX=… DESTDIR=…`: builds without running the setup, installs the three tools, which
run with the Swift toolchain's runtime directory hidden, and the CMake package with the stubtest allowlist."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, require, run

PREFIX = "/opt/swiftwrap"
TOOLS = ["castxml-cache", "wrapgen", "stubgen"]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    destdir = tmp_path_factory.mktemp("destdir")
    result = subprocess.run(["make", "--no-print-directory", "install", f"PREFIX={PREFIX}", f"DESTDIR={destdir}"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return destdir / PREFIX.lstrip("/")


def toolchain_runtime_dir() -> Path:
    """Where a dynamically linked Swift program finds libswiftCore.so: <toolchain>/usr/lib/swift/linux."""
    swiftc = Path(require("swiftc")).resolve()
    directory = swiftc.parent.parent / "lib" / "swift" / "linux"
    assert (directory / "libswiftCore.so").is_file(), f"no libswiftCore.so in {directory}"
    return directory


def test_make_install_puts_runnable_tools_under_the_prefix(installed):
    for name in TOOLS:
        path = installed / "bin" / name
        assert path.is_file(), f"{path} was not installed"
        version = run([path, "--version"])
        assert version.returncode == 0 and b"0." in version.stdout, version.stderr


def test_make_install_runs_no_setup():
    """Installing needs only what building needs: no apt-get, no venv, no pip (make -n lists every command)."""
    dry = subprocess.run(["make", "-n", "--no-print-directory", "install", "PREFIX=/nowhere"], cwd=REPO,
                         capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert "swift build -c release" in dry.stdout
    for word in ("setup.sh", "apt-get", "venv", "pip"):
        assert word not in dry.stdout, f"make install would run {word}:\n{dry.stdout}"


def test_installed_tools_need_no_swift_toolchain(installed, tmp_path):
    runtime = toolchain_runtime_dir()
    for name in TOOLS:
        path = installed / "bin" / name
        dynamic = run(["readelf", "-d", path], text=True).stdout
        runpaths = re.findall(r"\((?:RUNPATH|RPATH)\)\s+Library r(?:un)?path: \[([^\]]*)\]", dynamic)
        assert all(part == "$ORIGIN" for entry in runpaths for part in entry.split(":")), (name, runpaths)
        libraries = run(["ldd", path], text=True).stdout
        assert not re.search(r"libswift|libFoundation|libdispatch|libBlocksRuntime", libraries), (name, libraries)
        assert str(runtime) not in libraries, (name, libraries)
    # In a private mount namespace, an empty directory hides the toolchain's runtime libraries.
    empty = tmp_path / "empty"
    empty.mkdir()
    commands = [f"mount --bind {empty} {runtime}", f"test -z \"$(ls -A {runtime})\""]
    commands += [f"{installed / 'bin' / name} --version" for name in TOOLS]
    commands.append(f"{installed / 'bin' / 'stubgen'} --help >/dev/null")
    hidden = subprocess.run(["unshare", "-m", "sh", "-ec", " && ".join(commands)], capture_output=True, text=True)
    assert hidden.returncode == 0, hidden.stdout + hidden.stderr
    version = re.search(r'string = "([^"]+)"', (REPO / "Sources/SwiftWrapCore/Version.swift").read_text()).group(1)
    assert [line.split()[-1] for line in hidden.stdout.splitlines()] == [version] * 3, hidden.stdout


def test_the_stubtest_allowlist_is_installed_with_the_cmake_package(installed):
    allowlist = installed / "lib" / "cmake" / "SwiftWrapCache" / "swiftwrap-stubtest-allowlist.txt"
    assert allowlist.read_text() == (REPO / "CMake" / "swiftwrap-stubtest-allowlist.txt").read_text()
    assert ".*\\.thisown" in allowlist.read_text().splitlines()
