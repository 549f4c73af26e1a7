#pragma once
namespace things {
class Thing { public: int Get() const { return 1; } };
template <typename T> class Box { public: T Value() const { return T(); } };
}
namespace things { class Loose { public: int counts[2] = {0, 0}; int Get() const { return counts[0]; } }; }
