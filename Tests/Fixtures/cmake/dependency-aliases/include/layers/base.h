#pragma once
// Module Lower wraps Widget; its base chain (Holder<double, 2> -> Root) is listed nowhere.
namespace layers {
class Root {
public:
  virtual ~Root() = default;
  int Depth() const { return 1; }
};

template <typename T, int N>
class Holder : public Root {
public:
  T Get() const { return T(N); }
};

class Widget : public Holder<double, 2> {
public:
  int Parts() const { return 3; }
};
}  // namespace layers
