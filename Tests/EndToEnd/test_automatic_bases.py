"""Automatic base classes (issue 12): the public base chain of a wrapped class is wrapped without being
listed, once per package, in the first module (in dependency order) that needs it; later modules reach
it through DEPENDS. Tests/Fixtures/cmake/bases: Widget (module A) and Gadget (module B, DEPENDS A) both
derive from chain::Holder<double, 2> -> chain::Root, neither listed (Gadget also has a protected and
a std:: base, neither wrapped); with WITH_SHARED, modules P and Q,
which do not depend on each other, both derive from the unlisted chain::Holder<int, 3>."""
import re
import subprocess

from cmake_support import FIXTURES, Workspace, python, run_mypy, stubs_expected
from conftest import REPO

SUFFIX_TABLE = REPO / "Tests" / "Fixtures" / "template-suffixes.txt"

USAGE = """\
from bases import Gadget, HolderD2, Inspector, Root, Widget

def base_of(holder: HolderD2) -> Root:
    return holder

gadget = Gadget()
value: int = gadget.RootValue()
first: float = gadget.First()
checked: int = Inspector().RootValueOf(base_of(gadget)) + Widget().Size()
"""


def configure(ws, tree, *extra):
    build = ws.root / "build" / tree
    ws.configure(FIXTURES / "bases", build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}", *extra)
    return build


def test_cmake_template_suffixes_follow_the_table_wrapgen_is_checked_against():
    # The same table drives Tests/SwiftWrapGenTests/TemplateNamesTests.swift: one rule, two languages.
    script = SUFFIX_TABLE.parent / "check-template-suffixes.cmake"
    result = subprocess.run(["cmake", f"-DSWIFTWRAP_MODULE_DIR={REPO / 'CMake'}", f"-DTABLE={SUFFIX_TABLE}", "-P", str(script)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [line for line in SUFFIX_TABLE.read_text().splitlines() if line and not line.startswith("#")]
    assert result.stderr.count("agrees:") == len(rows) >= 10, result.stderr


def test_a_base_chain_is_wrapped_once_in_the_first_module_and_reached_through_depends(tmp_path):
    ws = Workspace.create(tmp_path)
    stubs_expected()
    build = configure(ws, "bases")
    result = ws.ninja(build)
    wrap = build / "swiftwrap" / "wrap"
    # Wrapped once, in A, under swiftwrap_wrap_template's names; B only imports it.
    assert "{chain::Holder<double, 2>} {HolderD2} {ASub}" in (wrap / "ASub.idx").read_text()
    assert "{chain::Root} {Root} {ASub}" in (wrap / "ASub.idx").read_text()
    assert (wrap / "BSub.idx").read_text() == "{chain::Gadget} {Gadget} {BSub}\n"
    b_interface = (wrap / "BSub.i").read_text()
    assert '%import "ASub.i"' in b_interface and "class Gadget : public HolderD2 {" in b_interface, b_interface
    assert "class HolderD2" not in b_interface and "class Root" not in b_interface, b_interface

    # From Python: base methods on a B object, a B object where A's bases are expected.
    package = build / "python"
    call = ws.run_python(["-c", "from bases import Gadget, Inspector, Root, HolderD2\n"
                                "g = Gadget()\n"
                                "assert isinstance(g, HolderD2) and isinstance(g, Root)\n"
                                "print(g.RootValue(), g.First(), g.Size(), g.Kind())\n"
                                "print(Inspector().RootValueOf(g), Inspector().FirstOf(g))\n"], package)
    assert call.returncode == 0, call.stderr
    assert call.stdout.split() == ["7", "1.0", "2", "2", "72", "1.0"], call.stdout
    assert "leak" not in call.stderr, call.stderr

    # The stubs carry the bases: mypy --strict accepts base calls on B's class; stubtest is clean.
    assert "class Gadget(HolderD2):" in (package / "bases" / "BSub.pyi").read_text()
    run_mypy([package], ["bases"], ws.env)
    usage = tmp_path / "usage.py"
    usage.write_text(USAGE)
    checked = subprocess.run([python(), "-m", "mypy", "--strict", "--no-incremental", str(usage)],
                             env=dict(ws.env, MYPYPATH=str(package)), capture_output=True, text=True, timeout=600)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # Warnings: one line per type that is not wrapped, with its count and the call that would wrap it;
    # every use in <module>.warnings.txt.
    summary = [line for line in result.output.splitlines() if "chain::Opaque" in line]
    assert len(summary) == 1, result.output
    assert re.search(r"root\.h:\d+: warning: type 'chain::Opaque' is not wrapped \(3 uses in module A\); .*"
                     r"swiftwrap_add_submodule\(<submodule> HEADERS <its header> TYPES chain::Opaque\)", summary[0]), summary
    assert f"3 warning(s) in all, one per use: {wrap / 'A.warnings.txt'}" in result.output, result.output
    uses = (wrap / "A.warnings.txt").read_text().splitlines()
    assert len(uses) == 3 and all("type 'chain::Opaque' used by" in line for line in uses), uses
    # Not wrapped automatically: a protected base (silently: not part of the Python class) and a std:: base
    # (summarised like any type that is not wrapped, saying why).
    assert "Hidden" not in (wrap / "BSub.idx").read_text() + result.output, result.output
    std_base = [line for line in result.output.splitlines() if "std::pair<int, int>" in line]
    assert len(std_base) == 1 and "(1 use in module B)" in std_base[0] and "standard-library classes" in std_base[0], std_base
    assert "ninja: no work to do." in ws.ninja(build).output


def test_a_base_needed_by_two_modules_that_do_not_depend_on_each_other_is_wrapped_by_the_first_only(tmp_path):
    ws = Workspace.create(tmp_path)
    build = configure(ws, "shared", "-DWITH_SHARED=ON")
    # Building Q alone still runs P's wrapgen first (the package's wrapgen steps run in declaration
    # order), so the outcome does not depend on which of the two a parallel build starts first.
    result = ws.ninja(build, "-j", "2", "bases-Q", check=False)
    assert result.status != 0, result.output
    assert "wrapgen: module P" in result.output, result.output
    assert ("base class 'chain::Holder<int, 3>' of 'Valve' is wrapped by module P, which module Q does not depend on: "
            "add DEPENDS P to swiftwrap_add_module(Q), or wrap the base in a module both depend on: "
            "swiftwrap_wrap_template(<submodule> TEMPLATE chain::Holder ARGUMENTS \"int, 3\")") in result.output, result.output
    wrap = build / "swiftwrap" / "wrap"
    assert "{chain::Holder<int, 3>} {HolderI3} {PSub}" in (wrap / "PSub.idx").read_text()
    assert not (wrap / "Q.stamp").exists() and not (wrap / "QSub.idx").exists()
