"""wrapgen on XML from the real castxml: records, and SWIG modules that build and work in Python."""
import json
import sqlite3
import subprocess

import pytest

from conftest import REPO, run
from wrapgen_support import (DB_NAME, build_package, generate_all, python_interpreter, rows, run_castxml,
                             wrapgen, module_args)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("swig")
    xml = run_castxml(root / "xml")
    out, db = root / "out", root / "db"
    results = generate_all(xml, out, db)
    return root, xml, out, db, results


def record(db, key):
    with sqlite3.connect(db / DB_NAME) as connection:
        (data,) = connection.execute("SELECT data FROM records WHERE key = ?", (key,)).fetchone()
    return json.loads(data)


def test_manifests_and_alias_indexes(generated):
    _, _, out, _, _ = generated
    assert (out / "Points.index.txt").read_text() == "PointD.Points\nPointI.Points\n"
    assert (out / "Shapes.index.txt").read_text() == "Color.Shapes\nRegistry.Shapes\nShape.Shapes\nUnit.Shapes\n"
    assert (out / "Circles.index.txt").read_text() == "Circle.Circles\n"
    assert (out / "Points.idx").read_text() == "{geo::Point<double>} {PointD} {Points}\n{geo::Point<int>} {PointI} {Points}\n"


def test_record_contents(generated):
    _, _, _, db, _ = generated
    point = record(db, "PointD.Points")
    assert point["cppType"] == "geo::Point<double>"
    assert point["templateName"] == "geo::Point" and point["templateArguments"] == ["double"]
    assert point["owner"] == "example" and point["module"] == "Base" and point["submodule"] == "Points"
    assert point["file"].endswith("point.h") and point["line"] == 8
    methods = {m["name"]: m for m in point["methods"]}
    assert len(methods["Scale"]["overloads"]) == 2
    scale = methods["Scale"]["overloads"][0]
    assert scale["arguments"][0] == {"name": "factor", "type": {"cpp": "double", "python": "float"},
                                     "cppDefault": "2", "pythonDefault": "2"}
    assert methods["Origin"]["overloads"][0]["isStatic"]
    assert methods["X"]["overloads"][0]["isConst"]
    assert methods["Size"]["overloads"][0]["returns"]["cpp"] == "unsigned long"
    assert methods["Coords"]["overloads"][0]["returns"]["python"] == "tuple[float, ...]"
    assert "Visit" not in methods  # function-pointer argument: warned, not wrapped
    operators = {o["name"]: o["pythonName"] for o in point["operators"]}
    assert operators == {"operator+": "__add__", "operator+=": "__iadd__", "operator==": "__eq__"}
    axis = [e for e in point["enums"] if e["name"] == "Axis"][0]
    assert axis["values"] == [{"name": "AxisX", "pythonName": "AxisX", "value": 0},
                              {"name": "AxisY", "pythonName": "AxisY", "value": 1}]
    assert [len(c["arguments"]) for c in point["constructors"]] == [0, 2]

    shape = record(db, "Shape.Shapes")  # wrapped through a typedef chain
    assert shape["isAbstract"] and shape["cppType"] == "geo::Shape" and shape.get("templateName") is None
    area = [m for m in shape["methods"] if m["name"] == "Area"][0]["overloads"][0]
    assert area["isPure"] and area["isVirtual"] and area["isConst"]
    unit = record(db, "Unit.Shapes")
    assert unit["kind"] == "enum" and unit["enums"][0]["isScoped"]
    assert [v["pythonName"] for v in unit["enums"][0]["values"]] == ["Unit_Meter", "Unit_Foot"]

    registry = record(db, "Registry.Shapes")
    assert registry["constructors"] == []

    circle = record(db, "Circle.Circles")
    assert circle["module"] == "Figures"
    assert circle["enums"] == [{"cppType": "fig::Circle::Style", "isScoped": True, "name": "Style", "values": [
        {"name": "Solid", "pythonName": "Style_Solid", "value": 0}, {"name": "Dashed", "pythonName": "Style_Dashed", "value": 2}]}]
    style = [m for m in circle["methods"] if m["name"] == "GetStyle"][0]["overloads"][0]
    assert style["returns"] == {"cpp": "fig::Circle::Style", "python": "int", "wrapped": "Circle.Circles"}
    assert style["arguments"][0]["pythonDefault"] == "True"
    assert "GetUnit" not in [m["name"] for m in circle["methods"]]  # made protected by a using-declaration
    assert circle["bases"] == [{"access": "public", "cppType": "geo::Shape", "isVirtual": False,
                                "pythonName": "Shape", "submodule": "Shapes"}]
    center = [c for c in circle["constructors"] if len(c["arguments"]) == 2][0]
    assert center["arguments"][0]["type"] == {"cpp": "geo::Point<double> const &", "python": "PointD",
                                              "wrapped": "PointD.Points"}
    label = [m for m in circle["methods"] if m["name"] == "SetLabel"][0]["overloads"][0]
    assert label["arguments"][0]["type"]["python"] == "str"
    radii = [m for m in circle["methods"] if m["name"] == "Radii"][0]["overloads"][0]
    assert radii["arguments"][0]["type"]["python"] == "Sequence[int]"


def test_unsupported_members_warn_and_do_not_crash(generated):
    _, _, _, _, results = generated
    stderr = results[0].stderr.decode()
    assert "point.h:30: warning: 'PointD::Visit' has an argument type wrapgen does not support" in stderr
    assert "m_Public" not in stderr  # a public data member is wrapped since issue 16 (test_data_members.py)
    assert "Shapes.cxx:8: warning: 'OpaqueT' names an incomplete class (geo::Opaque)" in stderr
    assert "Shapes.cxx:9: warning: typedef 'ShapePointer' names geo::Shape *, not a class or enumeration" in stderr
    lines = stderr.splitlines()
    assert lines == sorted(set(lines)), "warnings must be sorted and de-duplicated"


def test_interface_imports_other_submodules_never_itself(generated):
    _, _, out, _, _ = generated
    circles = (out / "Circles.i").read_text()
    assert '%module(package="example"' in circles
    assert '%import "Points.i"' in circles and '%import "Shapes.i"' in circles
    assert '%import "Circles.i"' not in circles
    assert "class Circle : public Shape {" in circles
    assert '%import' not in (out / "Points.i").read_text()


def test_swig_builds_modules_that_work_in_python(generated):
    root, _, out, _, _ = generated
    python = python_interpreter()
    build_package(out, root / "pkg" / "example", python)
    script = r'''
from example import Shapes, Points, Circles
p = Points.PointD(1.0, 2.0)
assert (p.X(), p.Y()) == (1.0, 2.0)                     # const method, constructor with arguments
p.Scale(); assert p.X() == 2.0                          # default argument
p.Scale(2.0, 3.0); assert p.Y() == 12.0                 # overload
assert Points.PointD.Origin().X() == 0.0                # static method
assert (p + p).X() == 8.0 and p == p                    # operators
assert p.Coords() == (4.0, 12.0)                        # std::vector return
assert p.Get(Points.PointD.AxisY) == 12.0               # nested unscoped enum
assert p.Size() == 2
assert Points.PointI(3).X() == 3                        # second template instantiation
c = Circles.Circle(2.0)
assert isinstance(c, Shapes.Shape)                      # base class from another module
assert c.Area() == 12.0 and Shapes.Shape.Count() == 42  # virtual override, inherited static
c.SetLabel("hello"); assert c.GetLabel() == "hello" and c.Name() == "hello"   # std::string
assert c.Add(1) == 2 and c.Add(1.5, 2.0) == 3.5         # overloads by type
assert c.Radii([1, 2]) == (2.0, 4.0)                    # std::vector argument from a list
assert Circles.Circle(Points.PointD(3.0, 4.0), 1.0).Center().Y() == 4.0   # wrapped class across modules
assert c.Tint() == Shapes.Blue == 6 and Shapes.Green == 5                 # unscoped enum, default
assert c.GetUnit() == Shapes.Unit_Foot == 3                               # scoped enum, inherited
assert c.GetStyle() == Circles.Circle.Style_Dashed == 2                     # nested scoped enum
r = Shapes.Registry.New(); assert r.Size() == 3; r.Delete()               # protected constructor/destructor
try:
    Shapes.Registry()
except AttributeError:
    pass
else:
    raise AssertionError("a class without public constructors must not be constructible")
try:
    Shapes.Shape()
except AttributeError:
    pass
else:
    raise AssertionError("abstract class must not be constructible")
assert "Submodule Points" in Points.__doc__
print("ok")
'''
    result = run([python, "-c", script], cwd=root / "pkg")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip() == "ok"


def test_castxml_wheel_output_is_read_the_same(generated, tmp_path):
    """The castxml wheel from PyPI (0.4.x, format 1.2) gives the same records as Debian's 0.5.1 (1.3)."""
    root, _, out, db, _ = generated
    wheel = REPO / "build" / "venv" / "bin" / "castxml"
    if not wheel.exists():
        pytest.fail(f"{wheel} is missing: run 'make setup' (requirements-dev.txt installs the castxml wheel)")
    xml = run_castxml(tmp_path / "xml", castxml=str(wheel))
    assert '<CastXML format="1.2' in (tmp_path / "xml" / "Points.xml").read_text()[:100]
    generate_all(xml, tmp_path / "out", tmp_path / "db")
    assert rows(tmp_path / "db") == rows(db)
    for name in ("Shapes.i", "Points.i", "Circles.i", "Shapes.idx", "Points.idx", "Circles.idx"):
        assert (tmp_path / "out" / name).read_bytes() == (generated[2] / name).read_bytes(), name
