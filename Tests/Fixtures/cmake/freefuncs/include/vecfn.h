// Free functions, free operators and namespace constants (Tests/EndToEnd/test_free_functions.py).
#pragma once
#include <ostream>
#include <string>

namespace vf {

// A value template whose arithmetic and comparison are free operator templates (SFML's Vector2 shape).
template <typename T>
class Vector2 {
public:
  Vector2() : m_X(0), m_Y(0) {}
  Vector2(T x, T y) : m_X(x), m_Y(y) {}
  T GetX() const { return m_X; }
  T GetY() const { return m_Y; }
private:
  T m_X, m_Y;
};

template <typename T> Vector2<T> operator+(const Vector2<T>& a, const Vector2<T>& b) { return Vector2<T>(a.GetX() + b.GetX(), a.GetY() + b.GetY()); }
template <typename T> Vector2<T> operator-(const Vector2<T>& a) { return Vector2<T>(-a.GetX(), -a.GetY()); }
template <typename T> Vector2<T> operator*(const Vector2<T>& a, T s) { return Vector2<T>(a.GetX() * s, a.GetY() * s); }
template <typename T> Vector2<T> operator*(T s, const Vector2<T>& a) { return Vector2<T>(s * a.GetX(), s * a.GetY()); }
template <typename T> Vector2<T>& operator+=(Vector2<T>& a, const Vector2<T>& b) { a = a + b; return a; }
template <typename T> bool operator==(const Vector2<T>& a, const Vector2<T>& b) { return a.GetX() == b.GetX() && a.GetY() == b.GetY(); }
template <typename T> bool operator!=(const Vector2<T>& a, const Vector2<T>& b) { return !(a == b); }
template <typename T> bool operator<(T bound, const Vector2<T>& a) { return bound < a.GetX(); }

// A class without operator==: Python's default (identity) comparison, documented.
class Tag {
public:
  explicit Tag(int id = 0) : m_Id(id) {}
  int GetId() const { return m_Id; }
  Tag& operator++() { ++m_Id; return *this; }  // no Python equivalent: a warning
private:
  int m_Id;
};
// Its left operand is not a wrapped class and Python has no reflected <<: a warning.
inline std::ostream& operator<<(std::ostream& out, const Tag& tag) { return out << tag.GetId(); }

// Free functions: overloads and default arguments.
inline float Length(const Vector2<float>& v, bool squared = false) {
  float s = v.GetX() * v.GetX() + v.GetY() * v.GetY();
  return squared ? s : (s == 25.0f ? 5.0f : -1.0f);
}
inline float Length(float x, float y) { return Length(Vector2<float>(x, y)); }
inline int Scale(int value, int factor = 2) { return value * factor; }
inline std::string Describe(const Tag& tag, const std::string& prefix = "tag") { return prefix + "#" + std::to_string(tag.GetId()); }

// Namespace constants: a wrapped class, numbers and a string.
extern const Vector2<float> Origin;
const int Answer = 42;
constexpr double Pi = 3.5;
const char* const Greeting = "hello";

}  // namespace vf
