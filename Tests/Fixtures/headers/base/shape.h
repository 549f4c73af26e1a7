// Test header set for wrapgen: an abstract base class, enums, std::string.
#pragma once
#include <string>

namespace geo {

enum Color { Red, Green = 5, Blue };

enum class Unit : int { Meter = 1, Foot = 3 };

class Shape {
public:
  virtual ~Shape() = default;
  virtual double Area() const = 0;
  virtual std::string Name() const { return "shape"; }
  static int Count() { return 42; }
  Color GetColor() const { return m_Color; }
  void SetColor(Color c) { m_Color = c; }
  Unit GetUnit() const { return Unit::Foot; }
protected:
  Color m_Color = Green;
};

// Reference counted in the ITK way: protected constructor and destructor, a static factory.
class Registry {
public:
  static Registry * New() { return new Registry(); }
  int Size() const { return 3; }
  void Delete() { delete this; }
protected:
  Registry() = default;
  ~Registry() = default;
};

// Declared, never defined: a wrapper typedef to it is warned about, not wrapped.
struct Opaque;

// A typedef chain: the wrappers typedef names this alias, which names Shape.
using AnyShape = Shape;
typedef AnyShape ShapeAlias;

} // namespace geo
