#include "shape.h"
namespace _wrapping_ {
namespace wrappers {
typedef geo::ShapeAlias Shape;
typedef geo::Color Color;
typedef geo::Unit Unit;
typedef geo::Registry Registry;
typedef geo::Opaque OpaqueT;
typedef geo::Shape * ShapePointer;
}
void force_instantiate() { using namespace _wrapping_::wrappers; (void)sizeof(Shape); }
}
