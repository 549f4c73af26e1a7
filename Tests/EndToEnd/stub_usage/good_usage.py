"""Calls of each kind, type-checked with mypy --strict against the generated stubs, then run."""
from collections.abc import Sequence

import example
from example import Circles, Points, Shapes


def lengths(values: Sequence[float]) -> float:
    return sum(values)


p: Points.PointD = Points.PointD(1.0, 2.0)         # overloaded constructor
p.Scale()                                           # overload with a default argument
p.Scale(2.0, 3.0)                                   # second overload
x: float = p.X()                                    # const method
origin: Points.PointD = Points.PointD.Origin()       # static method
total: Points.PointD = p + p                        # operator
same: bool = p == p
coords: float = lengths(p.Coords())                 # std::vector result is a tuple
axis: int = Points.PointD.AxisY                     # nested enum value
value: float = p.Get(Points.PointD.AxisY)
i: int = Points.PointI(3).X()                       # the other instantiation

c = Circles.Circle(2.0)
shape: Shapes.Shape = c                             # base class from another module
area: float = c.Area()
count: int = Circles.Circle.Count()                 # inherited static method
unit: int = c.GetUnit()                             # inherited method, scoped enum result
c.SetColor(Shapes.Red)                              # unscoped enum argument
c.SetLabel("hello")                                 # std::string
label: str = c.GetLabel()
n: int = c.Add(1)                                   # overloads by type: int -> int
f: float = c.Add(1.5, 2.0)                          # ... and (float, float) -> float
radii: tuple[float, ...] = c.Radii([1, 2])          # std::vector argument from a list
center: Points.PointD = Circles.Circle(Points.PointD(3.0, 4.0), 1.0).Center()
tint: int = c.Tint(example.Green)                   # names re-exported by the package's __init__
meters: int = example.Unit_Meter
style: int = c.GetStyle(dashed=False)                # a default SWIG spells in Python: keywords work
dashed: int = Circles.Circle.Style_Dashed           # nested scoped enum value
registry = Shapes.Registry.New()                    # static factory of a class without public constructor:
assert registry is not None                         # a returned pointer may be NULL (Registry | None)
size: int = registry.Size()

assert (p.X(), label, n, f, radii, center.Y()) == (4.0, "hello", 2, 3.5, (2.0, 4.0), 4.0)
assert (area, count, unit, tint, meters) == (12.0, 42, 3, 5, 1)
assert (style, dashed, size) == (Circles.Circle.Style_Solid, 2, 3)
print("ok")
