// Test header set for wrapgen: a class template with overloads, defaults, operators, nested enums.
#pragma once
#include <vector>

namespace geo {

template <typename T>
class Point {
public:
  enum Axis { AxisX, AxisY };
  enum class Mode { Fast, Exact = 4 };

  Point() : m_X(0), m_Y(0) {}
  Point(T x, T y = 0) : m_X(x), m_Y(y) {}

  T X() const { return m_X; }
  T Y() const { return m_Y; }
  T Get(Axis a) const { return a == AxisX ? m_X : m_Y; }
  void Scale(T factor = 2) { m_X *= factor; m_Y *= factor; }
  void Scale(T fx, T fy) { m_X *= fx; m_Y *= fy; }
  std::vector<T> Coords() const { return {m_X, m_Y}; }
  static Point Origin() { return Point(); }
  unsigned long Size() const { return 2; }

  Point operator+(const Point & o) const { return Point(m_X + o.m_X, m_Y + o.m_Y); }
  bool operator==(const Point & o) const { return m_X == o.m_X && m_Y == o.m_Y; }
  Point & operator+=(const Point & o) { m_X += o.m_X; m_Y += o.m_Y; return *this; }

  // Not supported by wrapgen: a function-pointer argument. A public data member (wrapped since issue 16).
  void Visit(void (*callback)(T)) const { callback(m_X); }
  int m_Public = 7;

private:
  T m_X;
  T m_Y;
};

} // namespace geo
