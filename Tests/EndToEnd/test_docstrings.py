"""C++ doc comments as Python docstrings (issue 16): castxml records where each comment is, wrapgen
reads the text from the headers, the SWIG module gets `%feature("docstring")` and the stubs get
docstrings. wrapgen depends on the submodule's header digest, not on the headers.

One CMake project (Tests/Fixtures/cmake/docstrings) is built once for the module with the real
castxml (through castxml-cache), wrapgen, SWIG, g++, Python and stubgen; the build-graph test edits
its header afterwards, so it runs last."""
import ast
import json
import shutil
import sqlite3
import subprocess
import textwrap
from pathlib import Path

import pytest

from cmake_support import DB_FILE, Workspace, run_mypy, stubs_expected
from conftest import tool

HOSTILE = ('Hostile: "quotes", \'single\', """triple""" and """" four, a backslash \\ and two \\\\, \\n and \\t\n'
           'as text, a trailing backslash \\\n'
           '%d %s %} %{ %feature("docstring") $1 $self #define X # include, \'\'\' and """ again,\n'
           'a byte that is not UTF-8: \ufffd, and a tab:\t(there).')


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return Workspace.create(tmp_path_factory.mktemp("docstrings"))


@pytest.fixture(scope="module")
def built(ws):
    stubs_expected()
    source = ws.src / "docstrings"
    shutil.copytree(Path(__file__).parents[1] / "Fixtures" / "cmake" / "docstrings", source)
    header = source / "include" / "doclib.h"
    header.write_bytes(header.read_bytes().replace(b"<FF>", b"\xff"))
    build = ws.root / "build" / "docstrings"
    ws.configure(source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}", "-DCMAKE_CXX_FLAGS=-O0")
    result = ws.ninja(build)
    assert "doc comment" not in result.output, result.output
    return source, build


def docs(ws, build: Path, *expressions: str, raw: bool = False) -> list:
    """inspect.getdoc of each expression (with raw, its __doc__ as it is), evaluated in a fresh
    interpreter with the package imported."""
    get = "(lambda o: o.__doc__)" if raw else "inspect.getdoc"
    code = textwrap.dedent(f"""
        import inspect, json, doclib
        from doclib import *
        print(json.dumps([{get}(eval(e)) for e in {list(expressions)!r}]))
        """)
    result = ws.run_python(["-c", code], build / "python")
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def undent(text: str) -> str:
    """Without the 4 spaces of indentation SWIG and stubgen put before each line of a class docstring
    (inspect.cleandoc would also expand the hostile comment's tab)."""
    return "\n".join(line[4:] if line.startswith("    ") else line for line in text.split("\n"))


def test_classes_and_methods_have_their_comments_at_run_time(ws, built):
    _, build = built
    widget, init, resize, width, set_, add, widest, plain, value = docs(
        ws, build, "Widget", "Widget.__init__", "Widget.resize", "Widget.width", "Widget.set", "Widget.__add__",
        "Widget.widest", "Plain", "Plain.value")
    # /** */ with a * column; \class and \ingroup lines dropped, \brief removed.
    assert widget == "A widget with a size.\n\nWidgets are made with a width and can grow."
    # //! with \p; SWIG's autodoc signature comes first.
    assert init.endswith("Makes a widget width units wide."), init
    assert init.startswith("__init__(Widget self, int width=1) -> Widget"), init
    # /// lines with @param and @return as reStructuredText fields.
    assert resize.endswith("Resize the widget.\n\n:param width: the new width, in units\n:returns: the old width"), resize
    assert width.endswith("The width in units."), width  # /*! */
    # SWIG gives overloads one docstring: both comments, in declaration order.
    assert set_.endswith("Set from an integer.\n\nSet from a real number (rounded down)."), set_
    assert add.endswith("Two widgets side by side."), add
    assert widest.endswith("The widest widget there can be."), widest
    assert plain == "Doc-less methods below: only the class has a comment."
    (twice,) = docs(ws, build, "doclib.Docs.twice")
    assert twice.endswith("Twice x (a free function: swiftwrap_add_submodule(… FUNCTIONS))."), twice
    assert "Doc-less" not in (value or ""), value


def test_template_instantiations_get_the_comments_above_their_declarations(ws, built):
    _, build = built
    box, init, get, put, undocumented = docs(ws, build, "BoxD", "BoxD.__init__", "BoxD.get", "BoxD.put",
                                             "BoxD.undocumented")
    assert box == ("A box holding one value (castxml records no comments for template\n"
                   "instantiations: wrapgen finds them above the declarations).")
    assert init.endswith("Makes a box holding value."), init
    assert get.endswith("The value."), get          # over the return type on its own line
    assert put.endswith("Puts a value in."), put    # a trailing ///<
    assert undocumented == "undocumented(BoxD self) -> int", undocumented
    with sqlite3.connect(build / DB_FILE) as connection:
        (mode,) = connection.execute("SELECT json_extract(data, '$.doc') FROM records WHERE key = 'Mode.Docs'").fetchone()
    assert mode == "Processing modes."  # enumerations: in the record only (SWIG makes their values ints)


def test_a_hostile_comment_reaches_python_intact(ws, built):
    _, build = built
    quoted, raw = docs(ws, build, "Hostile.quoted", "Hostile.raw")
    # __doc__ as SWIG made it (inspect.getdoc would expand the tab): the text, each line indented by 4.
    (hostile,) = docs(ws, build, "Hostile", raw=True)
    hostile = undent(hostile).strip("\n")
    # SWIG writes docstrings as r\"\"\"…\"\"\": the one change wrapgen makes for it is ''' for \"\"\".
    assert hostile == HOSTILE.replace('"""', "'''"), hostile
    assert quoted.endswith('Ends with a quote "'), quoted
    assert raw.endswith("r'''raw''' and \\'''escaped\\''' endings \\\\ end"), raw


def test_stubs_carry_the_docstrings_and_type_check(ws, built):
    _, build = built
    package = build / "python" / "doclib"
    text = (package / "Docs.pyi").read_text()
    tree = ast.parse(text)
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    # Exact (the stub escapes, never rewrites), once the stub's indentation is taken off.
    assert undent(ast.get_docstring(classes["Hostile"], clean=False)).rstrip("\n") == HOSTILE
    methods = {(c, f.name, i): f for c, node in classes.items()
               for i, f in enumerate(n for n in node.body if isinstance(n, ast.FunctionDef))}
    documented = {key[:2]: ast.get_docstring(f) for key, f in methods.items() if ast.get_docstring(f)}
    assert documented[("Widget", "resize")] == ("Resize the widget.\n\n:param width: the new width, in units\n"
                                                ":returns: the old width")
    assert documented[("Hostile", "raw")] == 'r"""raw""" and \\"""escaped\\""" endings \\\\ end'
    # Each overload has its own comment in the stub.
    overloads = [ast.get_docstring(f) for (c, name, _), f in methods.items() if (c, name) == ("Widget", "set")]
    assert overloads == ["Set from an integer.", "Set from a real number (rounded down)."], overloads
    assert ast.get_docstring(classes["Plain"]) == "Doc-less methods below: only the class has a comment."
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert ast.get_docstring(functions["twice"]) == "Twice x (a free function: swiftwrap_add_submodule(… FUNCTIONS))."
    run_mypy([build / "python"], ["doclib"], ws.env)


def test_touch_reruns_castxml_only_and_a_comment_edit_reruns_wrapgen(ws, built):
    source, build = built
    header = source / "include" / "doclib.h"
    xml = build / "swiftwrap" / "castxml" / "Docs.xml"
    before = xml.read_bytes()
    header.touch()
    touched = ws.ninja(build, "-d", "explain")
    assert touched.steps("CastXML:"), touched.output
    # castxml (a cache hit) left the XML and the digest as they were: nothing after it runs.
    assert [step.split(":")[0] for step in touched.steps("")] == ["CastXML"], touched.output
    # The same number of bytes: castxml's XML (offsets, lines) stays the same, only the digest changes.
    header.write_bytes(header.read_bytes().replace(b"Resize the widget.", b"Expand the widget."))
    edited = ws.ninja(build)
    assert xml.read_bytes() == before, "the edit was meant to leave castxml's output alone"
    assert edited.steps("wrapgen:") and edited.steps("SWIG:"), edited.output
    (resize,) = docs(ws, build, "Widget.resize")
    assert "Expand the widget." in resize, resize
    assert "Expand the widget." in (build / "python" / "doclib" / "Docs.pyi").read_text()
    assert not ws.ninja(build).steps(""), "a second build must do nothing"


def test_a_header_changed_after_castxml_ran_gives_warnings_never_garbage(ws, built, tmp_path):
    """wrapgen run by hand on the build's XML after the header changed (a line inserted at the top:
    every recorded offset and line is off by one), then with the header gone: exit 0, a warning per
    comment or per header, no docstring at all in the .i, never text from the wrong place."""
    source, build = built
    header = source / "include" / "doclib.h"
    original = header.read_bytes()
    xml = build / "swiftwrap" / "castxml" / "Docs.xml"

    def wrapgen(name: str):
        out = tmp_path / name
        result = subprocess.run([tool("wrapgen"), "--module", "Docs", "--owner", "t", "--database-dir", str(out / "db"),
                                 "--output-dir", str(out), "--submodule", f"Docs={xml}", "--include", "Docs=doclib.h"],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stderr, (out / "Docs.i").read_text()

    try:
        header.write_bytes(b"// A line inserted after castxml ran.\n" + original)
        warnings, interface = wrapgen("shifted")
        # One per comment castxml recorded for a wrapped declaration (13 in doclib.h: twice is not in this run).
        assert warnings.count("the header changed after castxml ran") == 13, warnings
        assert "the doc comment of 'Widget::resize' is no longer at bytes" in warnings, warnings
        # The template's members are looked up by line: their lines no longer name them.
        assert "%feature(\"docstring\")" not in interface, interface
        header.unlink()
        warnings, interface = wrapgen("missing")
        assert warnings.count("cannot read the header for its doc comments") == 1, warnings
        assert "%feature(\"docstring\")" not in interface, interface
    finally:
        header.write_bytes(original)
