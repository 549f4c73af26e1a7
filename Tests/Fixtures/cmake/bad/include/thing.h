#pragma once
namespace things {
class Thing { public: int Get() const { return 1; } };
template <typename T> class Box { public: T Value() const { return T(); } };
}
