"""Uses the wrapped geom package: templates, an abstract base, overloads, default arguments,
static methods, operators, enums, std::string and std::vector, across two modules.
Run with the package directory (build/example/python) on PYTHONPATH."""
import geom

v = geom.VectorD(3.0, 4.0)
assert v.Length() == 5.0
v.Scale()                      # default argument: factor = 2
assert (v.X(), v.Y()) == (6.0, 8.0)
v.Scale(0.5, 0.25)             # overload
assert v.Coordinates() == (3.0, 2.0)
assert (v + geom.VectorD(1.0, 1.0)) == geom.VectorD(4.0, 3.0)
assert geom.VectorI.Zero().X() == 0 and geom.VectorF(1.5).Get(geom.AxisX) == 1.5

circle = geom.Circle(geom.VectorD(1.0, 1.0), 2.0)   # Figures' class, Core's argument type
assert isinstance(circle, geom.Shape)                # Core's abstract base
circle.SetLabel("wheel")
assert circle.Name() == "wheel" and circle.Contains(1.5, 1.5) and not circle.Contains(geom.VectorD(9.0, 9.0))
assert circle.Radii([1, 2, 3]) == (2.0, 4.0, 6.0)
circle.SetUnit(geom.Unit_Meter)
assert circle.GetUnit() == geom.Unit_Meter
square = geom.Polygon.Square(2.0)
assert square.Area() == 4.0 and square.GetNumberOfCorners() == 4
assert geom.Shape.Dimension() == 2

for shape in (circle, square, geom.Circle()):
    print(f"{shape.Describe(3)}; perimeter {shape.Perimeter():.2f}")
print("geom works:", geom.__file__)
