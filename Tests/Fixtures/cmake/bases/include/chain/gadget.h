#pragma once
#include <utility>
#include "chain/root.h"
namespace chain {
class Hidden { public: int Secret() const { return 1; } };

// Module B (DEPENDS A): the same base chain as Widget. The protected base is not part of the Python
// class (no warning); the std:: base is never wrapped automatically (a "not wrapped" warning).
class Gadget : public Holder<double, 2>, protected Hidden, public std::pair<int, int> {
public:
  int Kind() const override { return 2; }
};
}
