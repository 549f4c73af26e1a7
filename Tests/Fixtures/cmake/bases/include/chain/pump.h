#pragma once
#include "chain/root.h"
namespace chain {
// Modules P and Q depend on A but not on each other; both derive from Holder<int, 3>, which A does not wrap.
class Pump : public Holder<int, 3> {};
class Valve : public Holder<int, 3> {};
}
