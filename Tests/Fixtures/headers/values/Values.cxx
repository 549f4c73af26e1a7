#include "values.h"
namespace _wrapping_ {
namespace wrappers {
typedef vals::Tone Tone;
typedef vals::Item Item;
typedef vals::Store Store;
typedef vals::Pair Pair;
typedef vals::Vec<3> Vec3;
typedef vals::Shelf Shelf;
typedef vals::Names Names;
typedef vals::Raw Raw;
typedef vals::Counter Counter;
typedef vals::SubCounter SubCounter;
}
void force_instantiate() { using namespace _wrapping_::wrappers; (void)sizeof(Vec3); }
}
