// geom: a circle (derives from Shape, takes Vector<double> arguments).
#pragma once
#include <string>
#include <vector>
#include "geom/shape.h"

namespace geom {

class Circle : public Shape {
public:
  explicit Circle(double radius = 1.0) : m_Radius(radius) {}
  Circle(const Vector<double> & center, double radius) : m_Radius(radius) { m_Origin = center; }
  double Area() const override { return Pi() * m_Radius * m_Radius; }
  double Perimeter() const override { return 2 * Pi() * m_Radius; }
  std::string Name() const override { return m_Label.empty() ? "circle" : m_Label; }
  double GetRadius() const { return m_Radius; }
  void SetRadius(double radius) { m_Radius = radius; }
  bool Contains(const Vector<double> & point) const { return (point - m_Origin).Length() <= m_Radius; }
  bool Contains(double x, double y) const { return Contains(Vector<double>(x, y)); }
  std::vector<double> Radii(const std::vector<int> & factors) const {
    std::vector<double> radii;
    for (int factor : factors) radii.push_back(factor * m_Radius);
    return radii;
  }
  void SetLabel(const std::string & label) { m_Label = label; }
  const std::string & GetLabel() const { return m_Label; }
  static double Pi() { return 3.14159265358979323846; }

private:
  double m_Radius;
  std::string m_Label;
};

} // namespace geom
