"""Lifetimes (issue 16) and the second real library, tinyxml2: a returned reference or pointer into an object keeps the object alive, factory
children keep their document alive, `*this` returned by reference keeps a temporary alive, and the
ownership moves declared with NEWOBJECT, DISOWN and INVALIDATES are safe; stubs type NULL returns and
null-default pointer parameters as `X | None`.

One CMake project (Tests/Fixtures/cmake/lifetimes: a header-only library whose classes keep their state
behind heap pointers, and Debian's tinyxml2 as package `tinyxml`) is built once with the real castxml, wrapgen, SWIG, g++ (-O0), Python and stubgen.
Every Python check runs in a subprocess under MALLOC_PERTURB_ (freed memory is overwritten, so a use
after free crashes or reads garbage instead of the old values) and must exit 0."""
import shutil
import subprocess
import textwrap

import pytest

from cmake_support import ALLOWLIST, FIXTURES, Workspace, python, stubs_expected

@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return Workspace.create(tmp_path_factory.mktemp("lifetimes"))


@pytest.fixture(scope="module")
def built(ws):
    stubs_expected()
    source = ws.src / "lifetimes"
    shutil.copytree(FIXTURES / "lifetimes", source)
    build = ws.root / "build" / "lifetimes"
    ws.configure(source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}", "-DCMAKE_CXX_FLAGS=-O0")
    result = ws.ninja(build)
    return build, result.output


def run(ws, built, code: str) -> str:
    """Runs `code` in a fresh interpreter with MALLOC_PERTURB_ set; it must exit 0 (no signal)."""
    build, _ = built
    ws.env["MALLOC_PERTURB_"] = "165"
    try:
        result = ws.run_python(["-X", "faulthandler", "-c", PRELUDE + textwrap.dedent(code)], build / "python")
    finally:
        del ws.env["MALLOC_PERTURB_"]
    assert result.returncode == 0, f"exit status {result.returncode}:\n{result.stdout}\n{result.stderr}"
    assert "memory leak" not in result.stdout + result.stderr, result.stderr
    return result.stdout


# Churn: allocations of the freed objects' sizes, so freed memory is reused as well as perturbed.
PRELUDE = """
from lifetimes import Container, Document, Item, Transform
import tinyxml
def churn():
    import gc
    gc.collect()
    for _ in range(50):
        Container(4); Document().NewNode("x" * 40); Transform()
        d = tinyxml.XMLDocument(); d.Parse("<junk a='" + "y" * 60 + "'><z/></junk>")
"""


def test_references_and_pointers_into_a_container_keep_it_alive(ws, built):
    out = run(ws, built, """
        # One handle per container: each kind of handle alone must keep its container alive.
        got = [Container(4).At(1), Container(4).ConstAt(2), Container(4).Find(30), Container(4).First(),
               Container(4)[1]]
        churn()
        print([(i.Value(), i.Label()) for i in got])
        assert Container(4).Find(7) is None and Item(1).Note() is None   # NULL pointer, NULL const char*
        assert Container(4).CountAbove(None) == 4                          # a null-default pointer takes None
        """)
    assert out.strip() == "[(10, 'item-10'), (20, 'item-20'), (30, 'item-30'), (0, 'item-0'), (10, 'item-10')]"


def test_factory_children_keep_their_document_alive(ws, built):
    out = run(ws, built, """
        def build():
            doc = Document()
            root = doc.InsertEndChild(doc.NewNode("root"))
            root.InsertEndChild(doc.NewNode("child"))
            return doc.Root()
        root = build()
        churn()
        child = root.FirstChild()
        del root
        churn()
        print(child.Text(), child.Parent().Text(), child.GetDocument().NodeCount())
        """)
    assert out.strip() == "child root 2"


def test_this_returned_by_reference_keeps_the_temporary_alive(ws, built):
    out = run(ws, built, """
        t = Transform().Translate(100, 0).Scale(2)
        churn()
        print(t.X(), t.Y(), Transform().Translate(1, 2).Y())
        """)
    assert out.strip() == "200.0 0.0 2.0"


def test_declared_ownership_moves(ws, built):
    """NEWOBJECT: the result owns its item (deleted with it, no leak); DISOWN: the container owns the
    adopted item (no double delete) and the item's proxy keeps the container alive; INVALIDATES: the
    destroyed item's proxy raises instead of reading freed memory."""
    out = run(ws, built, """
        c = Container(2)
        made = c.MakeItem(5)
        assert made.thisown, "a NEWOBJECT result owns its object"
        c.Adopt(made)
        assert not made.thisown, "DISOWN: the container owns the item now"
        del c
        churn()
        print(made.Value())
        other = Container(1)
        kept = other.MakeItem(6)
        other.Adopt(kept)
        other.Destroy(kept)
        churn()
        try:
            kept.Value()
        except TypeError:
            print("invalidated")
        print(other.AdoptedTotal())
        """)
    assert out.split() == ["5", "invalidated", "0"]


def test_enumerations_are_warned_and_typed_as_the_runtime_gives_them(ws, built):
    """An unwrapped enumeration passes as int (warned once per type on the terminal); through a pointer
    it is an opaque SWIG object (typed Any, warned per use) with no leak message."""
    _, output = built
    assert "warning: type 'lt::Mode' is not wrapped (2 uses in module Lifetimes); Python passes it as int" in output, output
    assert ("warning: 'Container::ModePointer' returns enumeration 'lt::Mode' through a pointer or non-const reference; "
            "Python sees an opaque pointer (typed Any)") in output, output
    assert "warning: type 'tinyxml2::Whitespace' is not wrapped (2 uses in module TinyXML2); Python passes it as int" in output
    out = run(ws, built, """
        c = Container(1)
        c.SetMode(2)
        pointer = c.ModePointer()
        print(c.GetMode(), type(c.GetMode()).__name__, isinstance(pointer, int))
        """)
    assert out.split() == ["2", "int", "False"]


def test_stubs_type_null_returns_and_null_defaults_and_pass_mypy_and_stubtest(ws, built):
    """One mypy --strict run over two usage files (and the stubs they import): the one with None checks
    type-checks, the one without is rejected exactly where it uses a nullable return; then stubtest."""
    build, _ = built
    stub = (build / "python" / "lifetimes" / "Lifetimes.pyi").read_text()
    for line in ("def Find(self, value: int) -> Item | None: ...", "def First(self) -> Item | None: ...",
                 "def Note(self) -> str | None: ...", "def CountAbove(self, filter: Item | None = ...) -> int: ...",
                 "def At(self, index: int) -> Item: ...", "def Adopt(self, item: Item) -> None: ...",
                 "def Root(self) -> Node | None: ..."):
        # Without " ...": a method with a C++ doc comment has its docstring as the body (test_docstrings.py).
        assert line.removesuffix(" ...") in stub, stub
    xml_stub = (build / "python" / "tinyxml" / "XML.pyi").read_text()
    for line in ("def RootElement(self) -> XMLElement | None: ...", "def GetText(self) -> str | None: ...",
                 "def Attribute(self, name: str, value: str | None = ...) -> str | None: ...",
                 "def FirstChildElement(self, name: str | None = ...) -> XMLElement | None: ..."):
        assert line.removesuffix(" ...") in xml_stub, xml_stub
    assert "def ModePointer(self) -> Any:" in stub and "def GetMode(self) -> int:" in stub, stub
    good = ws.root / "usage" / "good_usage.py"
    good.parent.mkdir()
    good.write_text(textwrap.dedent("""
        from lifetimes import Container, Item
        c = Container(3)
        found = c.Find(10)
        if found is not None:
            print(found.Value())
        note = Item(1).Note()
        print(note.upper() if note is not None else "-")
        print(c.CountAbove(None), c.CountAbove(c.At(0)), c.CountAbove())
        from tinyxml import XMLDocument, XMLElement
        doc = XMLDocument()
        doc.Parse("<a x='1'><b>text</b></a>")
        root = doc.RootElement()
        if root is not None:
            child: XMLElement | None = root.FirstChildElement("b")
            while child is not None:
                text = child.GetText()
                print(child.Name(), text.strip() if text is not None else "", child.IntAttribute("x", 0))
                child = child.NextSiblingElement()
            made = doc.NewElement("c")
            if made is not None:
                made.SetAttribute("k", "v")
                root.InsertEndChild(made)
        """))
    bad = ws.root / "usage" / "bad_usage.py"
    bad.write_text(textwrap.dedent("""
        from lifetimes import Container, Item
        print(Container(3).Find(10).Value())
        print(Item(1).Note().upper())
        from tinyxml import XMLDocument
        print(XMLDocument().RootElement().Name())
        """))
    env = dict(ws.env, MYPYPATH=str(build / "python"), PYTHONPATH=str(build / "python"))
    checked = subprocess.run([python(), "-m", "mypy", "--strict", "--no-incremental", str(good), str(bad)],
                             env=env, capture_output=True, text=True, timeout=600)
    errors = [line for line in checked.stdout.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[0].rsplit("/", 1)[-1] for line in errors] == ["bad_usage.py:3", "bad_usage.py:4", "bad_usage.py:6"], checked.stdout
    assert 'Item "None" of "Item | None" has no attribute "Value"' in errors[0], checked.stdout
    assert 'Item "None" of "str | None" has no attribute "upper"' in errors[1], checked.stdout
    assert 'Item "None" of "XMLElement | None" has no attribute "Name"' in errors[2], checked.stdout
    stubtest = subprocess.run([python(), "-m", "mypy.stubtest", "lifetimes", "tinyxml", "--ignore-unused-allowlist",
                               "--allowlist", str(ALLOWLIST)], env=env, capture_output=True, text=True, timeout=600)
    assert stubtest.returncode == 0, stubtest.stdout + stubtest.stderr


# tinyxml2 (Debian's libtinyxml2-dev) as its users write it.
CATALOG = """<?xml version="1.0"?>
<catalog owner="lib">
  <book id="1" year="1999"><title>Dune</title></book>
  <book id="2"><title/></book>
  <magazine id="3">Weekly</magazine>
</catalog>"""


def test_tinyxml2_parse_walk_attributes_text_and_create(ws, built):
    out = run(ws, built, f"""
        from tinyxml import XMLDocument, XML_SUCCESS
        doc = XMLDocument()
        assert doc.Parse({CATALOG!r}) == XML_SUCCESS, doc.ErrorStr()
        root = doc.RootElement()
        print(root.Name(), root.Attribute("owner"), root.Attribute("missing"), root.Attribute("owner", "other"))
        element = root.FirstChildElement()
        while element is not None:
            title = element.FirstChildElement("title")
            print(element.Name(), element.IntAttribute("id"), element.IntAttribute("year", -1),
                  None if title is None else title.GetText(), element.GetText())
            element = element.NextSiblingElement()
        attribute = root.FirstChildElement("book").FirstAttribute()
        while attribute is not None:
            print(attribute.Name(), attribute.Value())
            attribute = attribute.Next()
        made = doc.NewElement("note")
        made.SetAttribute("lang", "en")
        made.SetText("made in Python")
        root.InsertEndChild(made)
        last = root.LastChildElement()
        print(last.Name(), last.Attribute("lang"), last.GetText(), last.GetDocument().RootElement().Name())
        broken = XMLDocument()
        print(broken.Parse("<a><b></a>") != XML_SUCCESS, broken.Error(), broken.RootElement())
        """)
    assert out.splitlines() == [
        "catalog lib None None",
        "book 1 1999 Dune None",
        "book 2 -1 None None",
        "magazine 3 -1 None Weekly",
        "id 1", "year 1999",
        "note en made in Python catalog",
        "True True None",
    ]


def test_tinyxml2_element_outlives_the_function_that_parsed_its_document(ws, built):
    """The issue's case: a document local to a function is gone when the function returns, and with it
    every node (a segfault under MALLOC_PERTURB_ before issue 16). The element keeps it alive now."""
    out = run(ws, built, f"""
        from tinyxml import XMLDocument
        def first_book(text):
            doc = XMLDocument()
            doc.Parse(text)
            return doc.RootElement().FirstChildElement("book")
        book = first_book({CATALOG!r})
        churn()
        title = book.FirstChildElement("title")
        del book
        churn()
        print(title.GetText(), title.Parent().ToElement().Attribute("id"))
        def made():
            return XMLDocument().NewElement("fresh")
        element = made()
        churn()
        element.SetAttribute("k", 7)
        print(element.Name(), element.IntAttribute("k"))
        """)
    assert out.split() == ["Dune", "1", "fresh", "7"]


def test_tinyxml2_delete_node_invalidates_the_deleted_element(ws, built):
    """XMLDocument::DeleteNode and XMLNode::DeleteChild are declared INVALIDATES: the proxy passed in
    raises TypeError afterwards instead of aliasing the next node made from the document's pool."""
    out = run(ws, built, """
        from tinyxml import XMLDocument
        doc = XMLDocument()
        doc.Parse("<root><a/><b/></root>")
        root = doc.RootElement()
        a = root.FirstChildElement("a")
        doc.DeleteNode(a)
        newer = doc.NewElement("newer")
        for call in (lambda: a.Name(), lambda: a.SetAttribute("x", 1)):
            try:
                call()
            except TypeError:
                print("invalidated")
        b = root.FirstChildElement("b")
        root.DeleteChild(b)
        try:
            b.Name()
        except TypeError:
            print("invalidated")
        print(newer.Name(), root.FirstChildElement() is None)
        """)
    assert out.split() == ["invalidated"] * 3 + ["newer", "True"]
