// An extension of the geom example: a class derived from geom's wrapped Circle.
#pragma once
#include "geom/circle.h"

namespace geomext {

class Ring : public geom::Circle {
public:
  Ring(double outer, double inner) : geom::Circle(outer), m_Inner(inner) {}
  double Area() const override { return geom::Circle::Area() - Pi() * m_Inner * m_Inner; }
  std::string Name() const override { return "ring"; }
  double Width() const { return GetRadius() - m_Inner; }
  bool Encloses(const geom::Circle & other) const { return other.GetRadius() <= m_Inner; }

private:
  double m_Inner;
};

} // namespace geomext
