"""The reliability suite (issue 11): concurrency, crashes, corruption, resources and fuzzing, run against
the release binaries like Tests/EndToEnd. SWIFTWRAP_RELIABILITY=long selects the long mode (`make
reliability`); anything else is the short mode that `make test` runs.

The end-to-end helpers (castxml_cache_harness, wrapgen_support, stubgen_support) are reused as they
are: they import `conftest` for `tool`/`require`/`run`, which this file re-exports from
Tests/EndToEnd/conftest.py."""
import importlib.util
import sys
from pathlib import Path

_E2E = Path(__file__).resolve().parents[1] / "EndToEnd"
_spec = importlib.util.spec_from_file_location("swiftwrap_e2e_conftest", _E2E / "conftest.py")
_e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_e2e)

REPO, BIN_DIR, tool, require, run = _e2e.REPO, _e2e.BIN_DIR, _e2e.tool, _e2e.require, _e2e.run

if str(_E2E) not in sys.path:
    sys.path.append(str(_E2E))


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _expected_failure(request):
    """Tells the results log (reliability_support.record) when the running scenario is marked xfail, so
    that docs/reliability.md's table can say which rows show a known defect."""
    import reliability_support
    marker = request.node.get_closest_marker("xfail")
    reliability_support.EXPECTED_FAILURE = marker.kwargs.get("reason") if marker else None
    yield
    reliability_support.EXPECTED_FAILURE = None
