"""The user's hooks of a submodule (issue 16): SWIG code before and after the declarations, extra SWIG
flags, out-parameters returned as tuples, SWIG directors and a stub fragment, with honest stubs.

One CMake project (Tests/Fixtures/cmake/hooks: a header-only library with a tinyxml2-shaped
QueryValue(name, int*) and an XMLVisitor-shaped Visitor) is built once for the module with the real
castxml, wrapgen, SWIG, g++, Python and stubgen. Python checks run in subprocesses (a crash fails the
test with the signal). The edit test runs last: it edits the fixture's hook files in place."""
import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from cmake_support import ALLOWLIST, FIXTURES, Workspace, python, stubs_expected
from conftest import tool


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return Workspace.create(tmp_path_factory.mktemp("hooks"))


@pytest.fixture(scope="module")
def built(ws):
    stubs_expected()
    source = ws.src / "hooks"
    shutil.copytree(FIXTURES / "hooks", source)
    build = ws.root / "build" / "hooks"
    ws.configure(source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}", "-DCMAKE_CXX_FLAGS=-O0")
    ws.ninja(build)
    return source, build


def run(ws, built, code: str) -> str:
    """Runs `code` in a fresh interpreter with the package on the path; it must exit 0."""
    _, build = built
    result = ws.run_python(["-X", "faulthandler", "-c", textwrap.dedent(code)], build / "python")
    assert result.returncode == 0, f"exit status {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_swig_code_before_and_after_and_swig_flags_reach_the_module(ws, built):
    _, build = built
    interface = (build / "swiftwrap" / "wrap" / "Elements.i").read_text()
    before, after = interface.index("hooks/element_ext.i"), interface.index("hooks/element_after.i")
    assert before < interface.index("class Element") < after, interface
    assert "element_ext" not in (build / "swiftwrap" / "wrap" / "Others.i").read_text()
    out = run(ws, built, """
        from hooked import Element, Tree, Visitor, total_of
        e = Element(3)
        assert e.Raw() == 30, e.Raw()            # %typemap(out) of the hook
        assert e.Doubled() == 6                  # %extend (C++ calls Raw() itself: 3 * 2)
        assert e.describe() == "Element(6)"      # %pythoncode inside %extend
        assert e.FlagSeen() == 5                 # SWIG_FLAGS -DHOOK_FLAG=5 reached SWIG's preprocessor
        class Deep(Visitor):
            def Depth(self): return 4
        assert total_of(Tree(), Deep()) == 7000  # module-level %pythoncode after the declarations
        print("ok")
        """)
    assert out.strip() == "ok"


def test_output_parameters_are_returned_the_way_swig_appends_them(ws, built):
    out = run(ws, built, """
        from hooked import Element
        e = Element(3)
        print(repr(e.QueryValue("value")), repr(e.GetSize()), repr(e.GetValue()), repr(e.QueryValue("other")))
        """)
    # non-void + one output: (result, output); void + two: (a, b); void + one: the value alone; an output
    # the function leaves unset is 0, not what the stack held.
    assert out.strip() == "(0, 3) (1.5, 6.0) 3 (1, 0)"


def test_a_python_subclass_overrides_virtual_methods_called_from_cpp(ws, built):
    out = run(ws, built, """
        import gc
        from hooked import Element, Tree, Visitor
        class Counter(Visitor):
            def __init__(self):
                super().__init__()
                self.calls = 0
            def VisitEnter(self, element):
                self.calls += 1
                return element.Doubled() > 2     # values 1, 2, 3: two accepted
            def Depth(self):
                return 100
        c = Counter()
        total = Tree().Accept(c)
        assert total == 102, total
        assert c.calls == 3, c.calls
        class Failing(Visitor):
            def Depth(self):
                raise ValueError("from Python")
        try:
            Tree().Accept(Failing())
        except ValueError as error:
            assert str(error) == "from Python"
        else:
            raise AssertionError("the exception of the override was lost")
        class Wrong(Visitor):
            def Depth(self):
                return "not an int"
        try:
            Tree().Accept(Wrong())
        except TypeError:
            pass
        else:
            raise AssertionError("a wrong return type was accepted")
        class Partial(Visitor):                  # VisitEnter not overridden: the C++ one runs
            def Depth(self): return 0
        assert Tree().Accept(Partial()) == 3
        try:
            Visitor()                            # abstract: only subclasses are constructed
        except RuntimeError:
            pass
        else:
            raise AssertionError("the abstract class was constructed")
        kept = Counter().__disown__()            # C++ owns it now; the proxy stays usable
        assert Tree().Accept(kept) == 102
        gc.collect()
        print("ok")
        """)
    assert out.strip() == "ok"


def test_stubs_show_the_hooks_and_pass_mypy_strict_and_stubtest(ws, built):
    _, build = built
    package = build / "python" / "hooked"
    stub = (package / "Elements.pyi").read_text()
    for line in ["def QueryValue(self, name: str) -> tuple[int, int]: ...",
                 "def GetSize(self) -> tuple[float, float]: ...",
                 "def GetValue(self) -> int: ...",
                 "def __disown__(self) -> Self: ...",
                 "    def Doubled(self) -> int: ...",
                 "def total_of(tree: Tree, visitor: Visitor) -> int: ...",
                 "from collections.abc import Sequence"]:
        assert line in stub, (line, stub)
    assert "__disown__" not in stub.split("class Visitor")[0], "only the director class gets __disown__"
    usage = package.parent / "hooks_usage.py"
    usage.write_text(textwrap.dedent("""
        from hooked import Element, Tree, Visitor, total_of

        class Counter(Visitor):
            def __init__(self) -> None:
                super().__init__()
                self.calls = 0

            def VisitEnter(self, element: Element) -> bool:
                self.calls += 1
                return element.Doubled() > 2

            def Depth(self) -> int:
                return 100

        status, value = Element(3).QueryValue("value")
        width, height = Element(3).GetSize()
        total: int = status + value + Element(3).GetValue() + Tree().Accept(Counter()) + total_of(Tree(), Counter())
        ratio: float = width / height
        name: str = Element(1).describe()
        kept: Counter = Counter().__disown__()
        """))
    # An abstract method a subclass forgets is a type error (C++ would call a pure virtual).
    lazy = package.parent / "hooks_lazy.py"
    lazy.write_text("from hooked import Visitor\n\nclass Lazy(Visitor): ...\n\nLazy()\n")
    env = dict(ws.env, MYPYPATH=str(package.parent), PYTHONPATH=str(package.parent))
    strict = subprocess.run([python(), "-m", "mypy", "--strict", "--no-incremental", "-p", "hooked", "-m", usage.stem,
                             "-m", lazy.stem], env=env, capture_output=True, text=True, cwd=package.parent)
    errors = [line for line in strict.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1 and errors[0].startswith("hooks_lazy.py:5: error: Cannot instantiate abstract class"), \
        strict.stdout + strict.stderr
    stubtest = subprocess.run([python(), "-m", "mypy.stubtest", "hooked", "--ignore-unused-allowlist",
                               "--allowlist", str(ALLOWLIST)], env=env, capture_output=True, text=True, cwd=package.parent)
    assert stubtest.returncode == 0, stubtest.stdout + stubtest.stderr


def wrapgen_arguments(build: Path, scratch: Path) -> list:
    """The module's wrapgen arguments (its response file) with a scratch database and output directory."""
    args = [json.loads(line) for line in (build / "swiftwrap" / "wrap" / "Hooked.wrapgen.rsp").read_text().splitlines()]
    for flag, value in (("--database-dir", scratch / "db"), ("--output-dir", scratch / "out"), ("--depfile", scratch / "d")):
        args[args.index(flag) + 1] = str(value)
    return args


@pytest.mark.parametrize("flag, value, message", [
    ("--output-parameter", "Elements=hk::Element::Missing(value)", "hk::Element has no wrapped method 'Missing'"),
    ("--output-parameter", "Elements=hk::Element::QueryValue(name)", "no overload of hk::Element::QueryValue has a parameter 'name'"),
    ("--output-parameter", "Elements=hk::Nowhere::QueryValue(value)", "'hk::Nowhere' is not a class this submodule wraps"),
    ("--director", "Elements=hk::Plain", "'hk::Plain' is not a class this submodule wraps; it wraps: hk::Element (Element)"),
])
def test_a_declaration_that_fits_nothing_fails_wrapgen_and_writes_nothing(built, tmp_path, flag, value, message):
    _, build = built
    result = subprocess.run([tool("wrapgen"), *wrapgen_arguments(build, tmp_path), flag, value],
                            capture_output=True, text=True, cwd=build)
    assert result.returncode == 1, result.stderr
    assert message in result.stderr, result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_missing_hook_file_fails_at_configure_naming_it(ws, tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "CMakeLists.txt").write_text(textwrap.dedent(f"""
        cmake_minimum_required(VERSION 3.20)
        project(bad LANGUAGES CXX)
        list(APPEND CMAKE_MODULE_PATH "{ws.src / 'CMake'}")
        include(SwiftWrapCache)
        swiftwrap_add_submodule(S HEADERS a.h TYPES a::A SWIG_CODE hooks/missing.i)
        """))
    result = ws.configure(source, tmp_path / "build", check=False)
    assert result.returncode != 0
    assert "swiftwrap_add_submodule(S SWIG_CODE): file 'hooks/missing.i' does not exist" in result.stderr, result.stderr
    assert str(source / "CMakeLists.txt") in result.stderr.replace("\n", ""), result.stderr


def test_editing_a_hook_reruns_only_that_submodules_swig_and_the_cache_keys_it(ws, built):
    source, build = built
    hook = source / "hooks" / "element_ext.i"
    original = hook.read_text()
    wrapper = build / "swiftwrap" / "swig" / "Elements_wrap.cxx"
    first = wrapper.read_bytes()
    assert "no work to do" in ws.ninja(build).output
    hook.write_text(original.replace("int Doubled() const", "int Tripled() const { return $self->Raw() * 3; }\n  int Doubled() const"))
    edited = ws.ninja(build)
    assert edited.steps("SWIG:") == ["SWIG: hooked.Elements"], edited.output
    assert not edited.steps("wrapgen"), edited.output
    assert not edited.steps("stubgen"), edited.output
    compiled = [s for s in edited.steps("Building CXX") if "_wrap.cxx" in s]
    assert len(compiled) == 1 and "Elements_wrap.cxx" in compiled[0], edited.output
    assert edited.swig_results() and all("miss" in r for r in edited.swig_results()), edited.cache_log
    assert run(ws, built, "from hooked import Element; print(Element(2).Tripled())").strip() == "6"
    assert "no work to do" in ws.ninja(build).output
    # Back to the original text: SWIG's entry of the first build is hit and the wrapper is the same bytes.
    hook.write_text(original)
    reverted = ws.ninja(build)
    assert reverted.steps("SWIG:") == ["SWIG: hooked.Elements"], reverted.output
    assert reverted.swig_results() and all("hit" in r for r in reverted.swig_results()), reverted.cache_log
    assert wrapper.read_bytes() == first
    # A stub fragment edit reruns stubgen only.
    fragment = source / "hooks" / "Elements.pyi"
    fragment.write_text(fragment.read_text().replace("def describe(self) -> str: ...",
                                                     "def describe(self) -> str: ...\n    def Tripled(self) -> int: ..."))
    stubbed = ws.ninja(build)
    assert stubbed.steps("stubgen") and not stubbed.steps("SWIG:") and not stubbed.steps("wrapgen"), stubbed.output
    assert "    def Tripled(self) -> int: ..." in (build / "python" / "hooked" / "Elements.pyi").read_text()
    assert "no work to do" in ws.ninja(build).output
