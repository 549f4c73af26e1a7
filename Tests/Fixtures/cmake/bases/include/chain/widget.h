#pragma once
#include "chain/root.h"
namespace chain {
// Module A: derives from Holder<double, 2> (-> Root).
class Widget : public Holder<double, 2> {
public:
  int Kind() const override { return 1; }
  void Use(Opaque * a, Opaque * b) { (void)a; (void)b; }
};

// Takes the bases, so a Gadget of module B can be passed where they are expected.
class Inspector {
public:
  int RootValueOf(const Root & root) const { return root.RootValue() * 10 + root.Kind(); }
  double FirstOf(const Holder<double, 2> & holder) const { return holder.First(); }
};
}
