// geom: the abstract base of every figure.
#pragma once
#include <cstdio>
#include <string>
#include "geom/vector.h"

namespace geom {

/// Units of length (a scoped enum).
enum class Unit : int { Millimeter = 1, Meter = 1000 };

/// An abstract shape: pure virtual and virtual methods, a default argument, a static method.
class Shape {
public:
  virtual ~Shape() = default;
  virtual double Area() const = 0;
  virtual double Perimeter() const = 0;
  virtual std::string Name() const { return "shape"; }
  std::string Describe(int precision = 2) const {
    char text[128];
    std::snprintf(text, sizeof text, "%s with area %.*f", Name().c_str(), precision, Area());
    return text;
  }
  void Move(const Vector<double> & offset) { m_Origin += offset; }
  Vector<double> GetOrigin() const { return m_Origin; }
  Unit GetUnit() const { return m_Unit; }
  void SetUnit(Unit unit) { m_Unit = unit; }
  static int Dimension() { return 2; }

protected:
  Vector<double> m_Origin;
  Unit m_Unit = Unit::Millimeter;
};

} // namespace geom
