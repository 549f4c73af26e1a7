#include "keywords.h"
namespace _wrapping_ {
namespace wrappers {
typedef kw::Flag Flag;
typedef kw::Mode Mode;
typedef kw::lambda lambda;
typedef kw::Holder Holder;
}
void force_instantiate() { using namespace _wrapping_::wrappers; (void)sizeof(Holder); (void)sizeof(lambda); }
}
