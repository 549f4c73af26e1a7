#pragma once
// The base chain shared by the wrapped classes: none of it is listed in TYPES.
namespace chain {
class Opaque { public: int bits = 0; };   // never wrapped: the warning summary counts its uses

class Root {
public:
  virtual ~Root() = default;
  int RootValue() const { return 7; }
  virtual int Kind() const { return 0; }
  Opaque * Peek() { return nullptr; }
protected:
  Root() = default;
};

template <typename T, int N>
class Holder : public Root {
public:
  T First() const { return T(N) / T(2); }
  int Size() const { return N; }
  void Fill(const Opaque & how) { (void)how; }
protected:
  Holder() = default;
};
}
