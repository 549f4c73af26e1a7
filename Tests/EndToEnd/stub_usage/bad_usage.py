"""Must fail type-checking: wrong argument types for a wrapped constructor and method."""
from example import Circles, Points

p = Points.PointD("one", 2.0)
c = Circles.Circle(2.0)
c.SetLabel(42)
