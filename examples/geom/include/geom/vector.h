// geom: a small 2-D geometry library, the example that SwiftWrapCache wraps for Python.
// A class template (instantiated for several types), overloads, default arguments, static
// methods, operators, an unscoped and a scoped enum, std::vector.
#pragma once
#include <cmath>
#include <vector>

namespace geom {

/// The axes of the plane (an unscoped enum).
enum Axis { AxisX, AxisY };

/// A 2-D vector of T.
template <typename T>
class Vector {
public:
  Vector() : m_X(0), m_Y(0) {}
  Vector(T x, T y = 0) : m_X(x), m_Y(y) {}

  T X() const { return m_X; }
  T Y() const { return m_Y; }
  T Get(Axis axis) const { return axis == AxisX ? m_X : m_Y; }
  void Scale(T factor = 2) { m_X *= factor; m_Y *= factor; }
  void Scale(T fx, T fy) { m_X *= fx; m_Y *= fy; }
  double Length() const { return std::sqrt(double(m_X) * m_X + double(m_Y) * m_Y); }
  std::vector<T> Coordinates() const { return {m_X, m_Y}; }
  static Vector Zero() { return Vector(); }

  Vector operator+(const Vector & other) const { return Vector(m_X + other.m_X, m_Y + other.m_Y); }
  Vector operator-(const Vector & other) const { return Vector(m_X - other.m_X, m_Y - other.m_Y); }
  bool operator==(const Vector & other) const { return m_X == other.m_X && m_Y == other.m_Y; }
  Vector & operator+=(const Vector & other) { m_X += other.m_X; m_Y += other.m_Y; return *this; }

private:
  T m_X;
  T m_Y;
};

} // namespace geom
