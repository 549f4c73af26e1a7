#include "circle.h"
namespace _wrapping_ {
namespace wrappers {
typedef fig::Circle Circle;
}
void force_instantiate() { using namespace _wrapping_::wrappers; (void)sizeof(Circle); }
}
