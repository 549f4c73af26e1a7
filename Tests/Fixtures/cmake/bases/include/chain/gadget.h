#pragma once
#include "chain/root.h"
namespace chain {
// Module B (DEPENDS A): the same base chain as Widget.
class Gadget : public Holder<double, 2> {
public:
  int Kind() const override { return 2; }
};
}
