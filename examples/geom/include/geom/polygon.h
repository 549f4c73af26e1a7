// geom: a polygon of Vector<double> corners (derives from Shape).
#pragma once
#include <cmath>
#include <string>
#include <vector>
#include "geom/shape.h"

namespace geom {

class Polygon : public Shape {
public:
  Polygon() = default;
  void AddCorner(const Vector<double> & corner) { m_Corners.push_back(corner); }
  void AddCorner(double x, double y) { m_Corners.emplace_back(x, y); }
  unsigned long GetNumberOfCorners() const { return m_Corners.size(); }
  Vector<double> GetCorner(unsigned long index) const { return m_Corners.at(index); }
  std::vector<double> GetXs() const {
    std::vector<double> xs;
    for (const auto & corner : m_Corners) xs.push_back(corner.X());
    return xs;
  }
  double Area() const override {
    double twice = 0;
    for (unsigned long i = 0; i < m_Corners.size(); ++i) {
      const auto & a = m_Corners[i];
      const auto & b = m_Corners[(i + 1) % m_Corners.size()];
      twice += a.X() * b.Y() - b.X() * a.Y();
    }
    return std::fabs(twice) / 2;
  }
  double Perimeter() const override {
    double sum = 0;
    for (unsigned long i = 0; i < m_Corners.size(); ++i)
      sum += (m_Corners[(i + 1) % m_Corners.size()] - m_Corners[i]).Length();
    return sum;
  }
  std::string Name() const override { return "polygon"; }
  static Polygon Square(double side = 1.0) {
    Polygon square;
    square.AddCorner(0, 0); square.AddCorner(side, 0); square.AddCorner(side, side); square.AddCorner(0, side);
    return square;
  }

private:
  std::vector<Vector<double>> m_Corners;
};

} // namespace geom
