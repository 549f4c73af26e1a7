#pragma once
#include "layers/base.h"
namespace layers {
// Module Upper (DEPENDS Lower) names only Root, never Widget or Holder<double, 2>: SWIG's cast
// code in Upper's wrapper still converts every class of Lower derived from Root.
class User {
public:
  int Inspect(const Root & root) const { return root.Depth() * 10; }
};
}  // namespace layers
