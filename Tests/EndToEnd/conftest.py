"""Shared fixtures for the end-to-end tests: they run the release binaries of this package
(SWIFTWRAP_BIN_DIR, set by the Makefile) against the real castxml, cmake, ninja, swig and Python."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN_DIR = Path(os.environ.get("SWIFTWRAP_BIN_DIR", REPO / ".build" / "release"))


def tool(name: str) -> str:
    path = BIN_DIR / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run 'make build' (or 'make test', which builds it)")
    return str(path)


def require(program: str) -> str:
    """The path of a real tool; tests fail (never skip) when setup did not install it."""
    found = shutil.which(program)
    if found is None:
        pytest.fail(f"{program} is not installed: run 'make setup' (scripts/setup.sh installs it)")
    return found


def run(args, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("capture_output", True)
    return subprocess.run([str(a) for a in args], **kwargs)
