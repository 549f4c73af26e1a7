"""Fuzzing (issue 11): every libFuzzer target of Fuzz/ (scripts/fuzz.sh) runs for a while: 60 s each is
the goal of the short mode, which `make test` lowers (SHORT_SECONDS, see docs/reliability.md) to stay
within its time budget; the long mode runs each for 10 minutes. A crash fails the test and leaves its
input in build/fuzz/crashes/."""
import os
import re
import subprocess

import pytest

from conftest import REPO
from reliability_support import LONG, record

SHORT_SECONDS = 20
LONG_SECONDS = 600
SECONDS = int(os.environ.get("SWIFTWRAP_FUZZ_SECONDS", LONG_SECONDS if LONG else SHORT_SECONDS))
SCRIPT = REPO / "scripts" / "fuzz.sh"
TARGETS = subprocess.run(["bash", str(SCRIPT), "list"], capture_output=True, text=True, check=True).stdout.split()


@pytest.fixture(scope="module")
def built():
    result = subprocess.run(["bash", str(SCRIPT), "build"], capture_output=True, timeout=3600)
    assert result.returncode == 0, f"scripts/fuzz.sh build failed:\n{result.stderr.decode()[-4000:]}"


@pytest.mark.parametrize("target", TARGETS)
def test_fuzz_target(built, target):
    result = subprocess.run(["bash", str(SCRIPT), target, str(SECONDS)], capture_output=True,
                            timeout=SECONDS + 600)
    err = result.stderr.decode(errors="replace")
    executed = re.findall(r"stat::number_of_executed_units:\s*(\d+)", err)
    runs = sum(int(n) for n in executed)
    failures = [] if result.returncode == 0 else [err[-3000:]]
    record(f"fuzz: {target}, {SECONDS} s", runs, failures, 0, f"scripts/fuzz.sh {target} {SECONDS}")
    assert runs > 0, f"{target} executed no input:\n{err[-2000:]}"
