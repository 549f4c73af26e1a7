"""Lifetimes (issue 16) and the second real library, tinyxml2: a returned reference or pointer into an object keeps the object alive, factory
children keep their document alive, `*this` returned by reference keeps a temporary alive, and the
ownership moves declared with NEWOBJECT, DISOWN and INVALIDATES are safe; stubs type NULL returns and
null-default pointer parameters as `X | None`.

One CMake project (Tests/Fixtures/cmake/lifetimes: a header-only library whose classes keep their state
behind heap pointers, and Debian's tinyxml2 as package `tinyxml`) is built once with the real castxml, wrapgen, SWIG, g++ (-O0), Python and stubgen.
Every Python check runs in a subprocess under MALLOC_PERTURB_ (freed memory is overwritten, so a use
after free crashes or reads garbage instead of the old values) and must exit 0."""
import re
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


def test_a_reference_returned_with_an_out_parameter_keeps_its_container_alive(ws, built):
    """Container::Last returns a reference (keep-alive) and an OUTPUT_PARAMETERS index: both want the
    method's one pythonappend; the result is a tuple and its item keeps the container alive."""
    out = run(ws, built, """
        got = Container(4).Last()
        churn()
        item, index = got
        print(type(got).__name__, item.Value(), item.Label(), index)
        """)
    assert out.split() == ["tuple", "30", "item-30", "3"]


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
                 "def Root(self) -> Node | None: ...", "def Last(self) -> tuple[Item, int]: ..."):
        # Without " ...": a method with a C++ doc comment has its docstring as the body (test_docstrings.py).
        assert line.removesuffix(" ...") in stub, stub
    xml_stub = (build / "python" / "tinyxml" / "XML.pyi").read_text()
    for line in ("def RootElement(self) -> XMLElement | None: ...", "def GetText(self) -> str | None: ...",
                 "def Attribute(self, name: str, value: str | None = ...) -> str | None: ...",
                 "def FirstChildElement(self, name: str | None = ...) -> XMLElement | None: ...",
                 # OUTPUT_PARAMETERS: (XMLError, value); XMLError is a wrapped enumeration, an int at run time.
                 "def QueryIntAttribute(self, name: str) -> tuple[int, int]: ...",
                 "def QueryUnsignedAttribute(self, name: str) -> tuple[int, int]: ...",
                 "def QueryBoolAttribute(self, name: str) -> tuple[int, bool]: ...",
                 "def QueryDoubleAttribute(self, name: str) -> tuple[int, float]: ...",
                 "def QueryIntText(self) -> tuple[int, int]: ...", "def QueryDoubleText(self) -> tuple[int, float]: ...",
                 "def QueryIntValue(self) -> tuple[int, int]: ...",
                 # DIRECTORS: the overloads an override must accept.
                 # C++ passes NULL (None) for an element without attributes.
                 "    @overload\n    def VisitEnter(self, arg2: XMLElement, arg3: XMLAttribute | None, /) -> bool: ...",
                 "    @overload\n    def Visit(self, arg2: XMLDeclaration, /) -> bool: ...",
                 "    def __disown__(self) -> Self: ..."):
        assert line.removesuffix(" ...") in xml_stub, xml_stub
    # DIRECTORS: a constructor for subclasses (after the class's docstring, when it has one).
    assert re.search(r'class XMLVisitor:\n(    """(.|\n)*?"""\n)?    def __init__\(self\) -> None:', xml_stub), xml_stub
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
            status, x = root.QueryIntAttribute("x")
            if status == XML_SUCCESS:
                print(x + 1)
            ok: tuple[int, bool] = root.QueryBoolAttribute("flag")
            print(ok, root.QueryDoubleText()[1] * 2.0)

        from typing import Any, overload
        from tinyxml import XML_SUCCESS, XMLAttribute, XMLVisitor

        class Names(XMLVisitor):
            # VisitEnter is overloaded (a document; an element and its first attribute, None when it
            # has none): the override takes both, as @overload items over one *args implementation.
            def __init__(self) -> None:
                super().__init__()
                self.names: list[str] = []

            @overload
            def VisitEnter(self, document: XMLDocument, /) -> bool: ...
            @overload
            def VisitEnter(self, element: XMLElement, first: XMLAttribute | None, /) -> bool: ...
            def VisitEnter(self, *args: Any) -> bool:
                name = args[0].Name() if isinstance(args[0], XMLElement) else None
                if name is not None:
                    self.names.append(name)
                return True

            def Visit(self, *args: Any) -> bool:   # every Visit overload at once
                return True

        names = Names()
        doc.Accept(names)
        print(names.names)
        """))
    bad = ws.root / "usage" / "bad_usage.py"
    bad.write_text(textwrap.dedent("""
        from lifetimes import Container, Item
        print(Container(3).Find(10).Value())
        print(Item(1).Note().upper())
        from tinyxml import XMLDocument
        print(XMLDocument().RootElement().Name())
        from tinyxml import XMLElement, XMLVisitor
        class OneArgument(XMLVisitor):
            def VisitEnter(self, element: XMLElement) -> bool:   # C++ calls it with (element, attribute) too
                return True
        """))
    env = dict(ws.env, MYPYPATH=str(build / "python"), PYTHONPATH=str(build / "python"))
    checked = subprocess.run([python(), "-m", "mypy", "--strict", "--no-incremental", str(good), str(bad)],
                             env=env, capture_output=True, text=True, timeout=600)
    errors = [line for line in checked.stdout.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[0].rsplit("/", 1)[-1] for line in errors] == [
        "bad_usage.py:3", "bad_usage.py:4", "bad_usage.py:6", "bad_usage.py:9"], checked.stdout
    assert 'Item "None" of "Item | None" has no attribute "Value"' in errors[0], checked.stdout
    assert 'Item "None" of "str | None" has no attribute "upper"' in errors[1], checked.stdout
    assert 'Item "None" of "XMLElement | None" has no attribute "Name"' in errors[2], checked.stdout
    assert 'Signature of "VisitEnter" incompatible with supertype "tinyxml.XML.XMLVisitor"' in errors[3], checked.stdout
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


def test_tinyxml2_query_methods_return_their_out_parameters(ws, built):
    """OUTPUT_PARAMETERS: QueryIntAttribute(name) returns (XMLError, value) as a tuple; a missing
    attribute or text that is no number gives the error and 0 (the value tinyxml2 leaves unset)."""
    out = run(ws, built, f"""
        from tinyxml import XMLDocument, XML_SUCCESS, XML_NO_ATTRIBUTE, XML_WRONG_ATTRIBUTE_TYPE, XML_CAN_NOT_CONVERT_TEXT, XML_NO_TEXT_NODE
        doc = XMLDocument()
        doc.Parse("<r n='5' u='7' f='2.5' b='true' s='word'><i>12</i><d>0.25</d><t>true</t><e/></r>")
        r = doc.RootElement()
        names = {{XML_SUCCESS: "ok", XML_NO_ATTRIBUTE: "none", XML_WRONG_ATTRIBUTE_TYPE: "wrong",
                  XML_CAN_NOT_CONVERT_TEXT: "noconv", XML_NO_TEXT_NODE: "notext"}}
        def show(result):
            assert type(result) is tuple, result
            return names[result[0]] + "=" + repr(result[1])
        print(*[show(x) for x in (r.QueryIntAttribute("n"), r.QueryIntAttribute("missing"), r.QueryIntAttribute("s"),
                                  r.QueryUnsignedAttribute("u"), r.QueryDoubleAttribute("f"), r.QueryFloatAttribute("f"),
                                  r.QueryBoolAttribute("b"), r.QueryBoolAttribute("n"))])
        print(*[show(x) for x in (r.FirstChildElement("i").QueryIntText(), r.FirstChildElement("i").QueryUnsignedText(),
                                  r.FirstChildElement("d").QueryDoubleText(), r.FirstChildElement("t").QueryBoolText(),
                                  r.FirstChildElement("t").QueryIntText(), r.FirstChildElement("e").QueryIntText())])
        a = r.FirstAttribute()
        print(*[show(x) for x in (a.QueryIntValue(), a.QueryDoubleValue(), a.QueryBoolValue())])
        """)
    assert out.splitlines() == [
        "ok=5 none=0 wrong=0 ok=7 ok=2.5 ok=2.5 ok=True ok=True",
        "ok=12 ok=12 ok=0.25 ok=True noconv=0 notext=0",
        "ok=5 ok=5.0 ok=True",
    ]


def test_tinyxml2_visitor_subclass_is_called_by_accept(ws, built):
    """DIRECTORS tinyxml2::XMLVisitor: XMLNode::Accept calls the Python overrides (VisitEnter for the
    document and each element with its first attribute or None, VisitExit, Visit for text and
    comments); False from VisitEnter skips the element's children; a method not overridden runs
    tinyxml2's; an exception raised in an override reaches the caller of Accept."""
    out = run(ws, built, f"""
        from tinyxml import XMLDocument, XMLElement, XMLText, XMLVisitor
        class Log(XMLVisitor):
            def __init__(self, skip=""):
                super().__init__()
                self.skip, self.log = skip, []
            def VisitEnter(self, *args):
                if len(args) == 1:
                    self.log.append("enter-doc " + str(args[0].RootElement().Name()))
                    return True
                element, first = args
                self.log.append("enter " + element.Name() + " " + (first.Name() if first is not None else "-"))
                return element.Name() != self.skip
            def VisitExit(self, *args):
                self.log.append("exit " + (args[0].Name() if isinstance(args[0], XMLElement) else "doc"))
                return True
            def Visit(self, node):
                self.log.append(type(node).__name__ + " " + node.Value())
                return True
        doc = XMLDocument()
        doc.Parse({CATALOG!r} + "<!-- note -->")
        visitor = Log(skip="book")
        print(doc.Accept(visitor))
        print("|".join(visitor.log))
        class ExitsOnly(XMLVisitor):
            def __init__(self):
                super().__init__()
                self.count = 0
            def VisitExit(self, *args):
                self.count += 1
                return True
        exits = ExitsOnly()
        doc.RootElement().Accept(exits)
        print(exits.count)
        class Fails(XMLVisitor):
            def Visit(self, node):
                raise KeyError("from the override")
        try:
            doc.Accept(Fails())
        except KeyError as error:
            print("raised", error)
        """)
    assert out.splitlines() == [
        "True",
        "enter-doc catalog|XMLDeclaration xml version=\"1.0\"|enter catalog owner|enter book id|exit book|enter book id|exit book|"
        "enter magazine id|XMLText Weekly|exit magazine|exit catalog|XMLComment  note |exit doc",
        "6",   # title, book, title, book, magazine, catalog
        "raised 'from the override'",
    ]
