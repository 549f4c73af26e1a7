#include "shape.h"
namespace _wrapping_ {
namespace wrappers {
typedef geo::Shape Shape;
typedef geo::Color Color;
typedef geo::Unit Unit;
}
void force_instantiate() { using namespace _wrapping_::wrappers; (void)sizeof(Shape); }
}
