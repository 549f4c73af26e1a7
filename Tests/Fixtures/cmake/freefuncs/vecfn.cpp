#include "vecfn.h"
namespace vf {
const Vector2<float> Origin(1.0f, 2.0f);
}
