// Test header set for wrapgen: a class derived from a class wrapped by another module.
#pragma once
#include <string>
#include <vector>
#include "shape.h"
#include "point.h"

namespace fig {

class Circle : public geo::Shape {
public:
  enum class Style { Solid, Dashed = 2 };
  explicit Circle(double radius = 1.0) : m_Radius(radius) {}
  Circle(const geo::Point<double> & center, double radius) : m_Center(center), m_Radius(radius) {}
  double Area() const override { return 3.0 * m_Radius * m_Radius; }
  std::string Name() const override { return m_Label.empty() ? "circle" : m_Label; }
  void SetLabel(const std::string & label) { m_Label = label; }
  const std::string & GetLabel() const { return m_Label; }
  int Add(int a) const { return a + 1; }
  double Add(double a, double b) const { return a + b; }
  std::vector<double> Radii(const std::vector<int> & factors) const {
    std::vector<double> out;
    for (int f : factors) out.push_back(f * m_Radius);
    return out;
  }
  geo::Point<double> Center() const { return m_Center; }
  geo::Color Tint(geo::Color c = geo::Blue) const { return c; }
  Style GetStyle(bool dashed = true) const { return dashed ? Style::Dashed : Style::Solid; }
protected:
  // Listed among Circle's members by CastXML with Shape's (public) access: must not be wrapped here.
  using geo::Shape::GetUnit;
private:
  geo::Point<double> m_Center;
  double m_Radius;
  std::string m_Label;
};

} // namespace fig
