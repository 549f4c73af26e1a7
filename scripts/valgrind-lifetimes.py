"""The lifetime scenarios of Tests/EndToEnd/test_lifetimes.py in one process, for valgrind
(scripts/valgrind-lifetimes.sh, `make valgrind-lifetimes`): each one read freed memory before issue 16."""
import gc

import tinyxml
from lifetimes import Container, Document, Transform


def first_book(text):
    doc = tinyxml.XMLDocument()
    doc.Parse(text)
    return doc.RootElement().FirstChildElement("book")


def items():
    c = Container(4)
    return [c.At(1), c.ConstAt(2), c.Find(30), c.First(), c[1]]


def node():
    doc = Document()
    root = doc.InsertEndChild(doc.NewNode("root"))
    root.InsertEndChild(doc.NewNode("child"))
    return doc.Root().FirstChild()


book = first_book("<catalog><book id='1'><title>Dune</title></book></catalog>")
held = items()
child = node()
moved = Transform().Translate(100, 0).Scale(2)
last, last_index = Container(4).Last()   # a reference and an out-parameter: the tuple's item keeps the container
owner = Container(1)
made = owner.MakeItem(5)
owner.Adopt(made)
del owner
xml = tinyxml.XMLDocument()
xml.Parse("<root><a/></root>")
deleted = xml.RootElement().FirstChildElement("a")
xml.DeleteNode(deleted)
gc.collect()
try:
    deleted.Name()
    raise SystemExit("a deleted tinyxml2 node was still usable")
except TypeError:
    pass
result = (book.FirstChildElement("title").GetText(), book.IntAttribute("id"), [i.Value() for i in held],
          child.Text(), child.Parent().Text(), moved.X(), made.Value(), last.Value(), last_index,
          book.QueryIntAttribute("id"))
expected = ("Dune", 1, [10, 20, 30, 0, 10], "child", "root", 200.0, 5, 30, 3, (tinyxml.XML_SUCCESS, 1))
if result != expected:
    raise SystemExit(f"wrong values: {result} != {expected}")
print("valgrind-lifetimes: all scenarios read live memory")
