"""Free functions, namespace constants and free operators (issue 16): swiftwrap_add_submodule's
FUNCTIONS and CONSTANTS, and the free operators of a class template (SFML's Vector2 shape) wrapped
with the class, reflected forms included.

One CMake project (Tests/Fixtures/cmake/freefuncs) is built once with the real castxml, wrapgen, SWIG,
g++ (-O0), Python and stubgen; its package `vecbad` holds the bad uses, whose steps fail (`ninja -k 0`
builds the rest). Python checks run in a subprocess."""
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from cmake_support import ALLOWLIST, FIXTURES, Workspace, python, stubs_expected


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return Workspace.create(tmp_path_factory.mktemp("free-functions"))


@pytest.fixture(scope="module")
def built(ws):
    stubs_expected()
    source = ws.src / "freefuncs"
    shutil.copytree(FIXTURES / "freefuncs", source)
    build = ws.root / "build" / "freefuncs"
    ws.configure(source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}", "-DCMAKE_CXX_FLAGS=-O0")
    result = ws.ninja(build, "-k", "0", check=False)
    package = build / "python" / "vecfn"
    if not list(package.glob("_Vectors.*.so")) or not (package / "Vectors.pyi").exists():
        pytest.fail(f"package vecfn did not build:\n{result.output[-6000:]}")
    return package, result.output


def run(ws, package: Path, code: str) -> str:
    result = ws.run_python(["-X", "faulthandler", "-c", textwrap.dedent(code)], package.parent)
    assert result.returncode == 0, f"exit status {result.returncode}:\n{result.stdout}\n{result.stderr}"
    assert "memory leak" not in result.stdout + result.stderr
    return result.stdout


def test_free_operators_of_the_template_work_with_reflected_forms(ws, built):
    package, _ = built
    run(ws, package, """
        from vecfn import Vector2f, Tag
        a = Vector2f(1, 2)
        assert a == Vector2f(1, 2) and not (a != Vector2f(1, 2)), "operator== / != are free templates"
        assert a != Vector2f(1, 3) and not (a == Vector2f(1, 3))
        assert not (a == "text") and a != "text"        # NotImplemented, never an exception
        s = a + Vector2f(10, 20)
        assert (s.GetX(), s.GetY()) == (11, 22)
        r = 2.0 * a                                      # operator*(T, const Vector2<T>&): __rmul__
        m = a * 3.0
        assert (r.GetX(), r.GetY(), m.GetX(), m.GetY()) == (2, 4, 3, 6)
        n = -a
        assert (n.GetX(), n.GetY()) == (-1, -2)
        assert 0.5 < a and not (3.0 < a)                 # operator<(T, const Vector2<T>&): reflected as __gt__
        b = Vector2f(1, 1)
        b += a                                           # free operator+=
        assert (b.GetX(), b.GetY()) == (2, 3)
        try:
            a * a
        except TypeError:
            pass
        else:
            raise AssertionError("Vector2f * Vector2f has no C++ operator")
        assert Vector2f.__hash__ is None                 # Python's rule for a class with __eq__
        t = Tag(1)
        assert t == t and not (Tag(1) == Tag(1))         # no operator==: Python's default, identity
        """)


def test_functions_with_overloads_and_defaults_and_constants(ws, built):
    package, _ = built
    out = run(ws, package, """
        from vecfn import Vector2f, Tag, Length, Scale, Describe, Origin, Answer, Pi, Greeting
        assert Length(Vector2f(3, 4)) == 5.0 and Length(Vector2f(3, 4), True) == 25.0 and Length(3.0, 4.0) == 5.0
        assert Scale(3) == 6 and Scale(3, 4) == 12 and Scale(value=2, factor=5) == 10
        assert Describe(Tag(3)) == "tag#3" and Describe(Tag(3), "x") == "x#3"
        assert isinstance(Origin, Vector2f) and (Origin.GetX(), Origin.GetY()) == (1.0, 2.0)
        print(Answer, Pi, Greeting)
        """)
    assert out.split() == ["42", "3.5", "hello"]


def test_stubs_pass_mypy_strict_and_stubtest(ws, built):
    package, _ = built
    stub = (package / "Vectors.pyi").read_text()
    for line in ["Origin: Vector2f", "Answer: int", "Pi: float", "Greeting: str",
                 "def Scale(value: int, factor: int = ...) -> int: ...",
                 "def Length(v: Vector2f, squared: bool = ..., /) -> float: ...",
                 "    def __rmul__(self, other: float, /) -> Vector2f: ...",
                 "    def __add__(self, other: Vector2f, /) -> Vector2f: ...",
                 "    def __eq__(self, other: object, /) -> bool: ...",
                 "    __hash__: ClassVar[None]  # type: ignore[assignment]"]:
        assert line in stub, (line, stub)
    tag = stub[stub.index("class Tag"):stub.index("class Vector2f")]
    assert "__eq__" not in tag and "__hash__" not in tag
    usage = package.parent / "vecfn_usage.py"
    usage.write_text(textwrap.dedent("""
        from vecfn import Vector2f, Length, Scale, Origin, Answer

        v: Vector2f = Vector2f(1, 2) + Origin
        w: Vector2f = 2.0 * v
        same: bool = v == w
        size: float = Length(w, True) + Length(1.0, 2.0)
        count: int = Scale(3) + Answer
        """))
    env = dict(ws.env, MYPYPATH=str(package.parent), PYTHONPATH=str(package.parent))
    strict = subprocess.run([python(), "-m", "mypy", "--strict", "--no-incremental", "-p", "vecfn", "-m", usage.stem],
                            env=env, capture_output=True, text=True, cwd=package.parent)
    assert strict.returncode == 0, strict.stdout + strict.stderr
    stubtest = subprocess.run([python(), "-m", "mypy.stubtest", "vecfn", "--ignore-unused-allowlist", "--allowlist", str(ALLOWLIST)],
                              env=env, capture_output=True, text=True, cwd=package.parent)
    assert stubtest.returncode == 0, stubtest.stdout + stubtest.stderr


def test_skipped_operators_are_warned(ws, built):
    _, output = built
    assert re.search(r"vecfn\.h:\d+: warning: operator\+\+ of 'Tag' has no Python equivalent; not wrapped", output), output
    assert re.search(r"vecfn\.h:\d+: warning: free operator<<\(std::basic_ostream<char> &, vf::Tag const &\) is not "
                     r"wrapped: its left operand is not a wrapped class and Python has no reflected form of it", output), output


def test_bad_names_are_errors_naming_the_call(ws, built):
    _, output = built
    # A name that does not exist: clang's error on the translation unit's line, which names the call and file.
    assert re.search(r"no member named 'NoSuchFunction' in namespace 'vf'", output), output
    assert "namespace module_level_F0 { using ::vf::NoSuchFunction; } // swiftwrap_add_submodule(Missing FUNCTIONS) in CMakeLists.txt" in output
    assert re.search(r"swiftwrap_add_submodule\(WrongKind FUNCTIONS\) names 'vf::Answer', which castxml reports as no "
                     r"function \(it is a variable: list it in CONSTANTS\)", output), output
    assert re.search(r"swiftwrap_add_submodule\(WrongKind CONSTANTS\) names 'vf::Scale', which castxml reports as no "
                     r"namespace-level variable \(it is a function: list it in FUNCTIONS\)", output), output
    assert re.search(r"clash\.h:\d+: Python name 'Tag' of module Clash is taken twice: by class vf::Tag \(.*vecfn\.h:\d+, "
                     r"submodule Clash\) and by function other::Tag", output), output
