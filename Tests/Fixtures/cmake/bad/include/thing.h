#pragma once
namespace things {
class Thing { public: int Get() const { return 1; } };
template <typename T> struct Box { T value; };
}
