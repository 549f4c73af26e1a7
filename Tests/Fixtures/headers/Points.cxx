#include "point.h"
namespace _wrapping_ {
namespace wrappers {
typedef geo::Point<double> PointD;
typedef geo::Point<int> PointI;
}
void force_instantiate() { using namespace _wrapping_::wrappers; (void)sizeof(PointD); (void)sizeof(PointI); }
}
