"""The stubs of the example modules (the test header set, built with the real castxml and SWIG)
pass mypy --strict and mypy.stubtest, and type-check real calls of each kind."""
import os
from pathlib import Path

import pytest

from conftest import REPO, run
from stubgen_support import STUBS, Tree, ok
from wrapgen_support import build_package, python_interpreter, run_castxml

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("stubs")
    tree = Tree(root, run_castxml(root / "xml")).wrap()
    build_package(tree.out, tree.pkg, python_interpreter())
    (tree.pkg / "__init__.py").write_text("".join(f"from .{s} import *\n" for s in ("Shapes", "Points", "Circles")))
    ok(tree.stubgen())
    return tree


def mypy(tree, *args):
    env = dict(os.environ, MYPY_CACHE_DIR=str(tree.root / ".mypy_cache"))
    return run([python_interpreter(), "-m", "mypy", *args], cwd=tree.pkg.parent, env=env)


def test_all_stub_files_are_written(built):
    assert sorted(p.name for p in built.pkg.glob("*.pyi")) == sorted(STUBS)
    assert (built.pkg / "py.typed").read_bytes() == b""
    assert (built.pkg / "__init__.pyi").read_text().splitlines()[-3:] == [
        "from .Shapes import *", "from .Points import *", "from .Circles import *"]


def test_stubs_pass_mypy_strict_on_their_own(built):
    result = mypy(built, "--strict", *[str(built.pkg / s) for s in STUBS])
    assert result.returncode == 0, result.stdout.decode()


def test_stubtest_against_the_compiled_modules(built):
    result = run([python_interpreter(), "-m", "mypy.stubtest", "example",
                  "--allowlist", str(REPO / "CMake" / "swiftwrap-stubtest-allowlist.txt")],
                 cwd=built.pkg.parent, env=dict(os.environ, MYPY_CACHE_DIR=str(built.root / ".mypy_cache")))
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()


def test_usage_type_checks_and_runs(built):
    usage = HERE / "stub_usage" / "good_usage.py"
    result = mypy(built, "--strict", str(usage))
    assert result.returncode == 0, result.stdout.decode()
    result = run([python_interpreter(), str(usage)], cwd=built.pkg.parent,
                 env=dict(os.environ, PYTHONPATH=str(built.pkg.parent)))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip() == "ok"


def test_wrong_argument_types_are_rejected(built):
    result = mypy(built, "--strict", str(HERE / "stub_usage" / "bad_usage.py"))
    output = result.stdout.decode()
    assert result.returncode == 1, output
    assert 'bad_usage.py:4: error: No overload variant of "PointD" matches argument types "str", "float"' in output
    assert 'bad_usage.py:6: error: Argument 1 to "SetLabel" of "Circle" has incompatible type "int"; expected "str"' in output


def test_exact_stub_text_for_a_cross_module_class(built):
    text = (built.pkg / "Circles.pyi").read_text()
    assert "from .Points import PointD\nfrom .Shapes import Shape\n" in text
    assert "class Circle(Shape):\n" in text
    assert "    @overload\n    def Add(self, a: int, /) -> int: ...\n" in text
    assert "    def SetLabel(self, label: str) -> None: ...\n" in text   # no *args at runtime: keywords work
    assert "    def Radii(self, factors: Sequence[int]) -> tuple[float, ...]: ...\n" in text
    assert "    def GetStyle(self, dashed: bool = ...) -> int: ...\n" in text    # SWIG: def GetStyle(self, dashed=True)
    assert "    def Tint(self, c: int = ..., /) -> int: ...\n" in text           # SWIG: def Tint(self, *args)
    shapes = (built.pkg / "Shapes.pyi").read_text()
    assert "    @abstractmethod\n    def Area(self) -> float: ...\n" in shapes
    assert "    @staticmethod\n    def Count() -> int: ...\n" in shapes
    assert "\nRed: int\nGreen: int\nBlue: int\nUnit_Meter: int\nUnit_Foot: int\n" in shapes
