// Test library for value returns, operator[] and stubs that match the runtime (issue 12).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace vals {
enum class Shade { Light = 1, Dark = 7 };   // scoped, not wrapped
enum Level { Low = 0, High = 3 };           // plain, not wrapped
enum class Tone { Soft = 2, Loud = 9 };     // wrapped

struct Item {
  int id = 0;
  Item() = default;
  explicit Item(int i) : id(i) {}
  int Id() const { return id; }
};

class Store {
public:
  enum Mode { Fast = 1, Slow = 2 };         // nested in a wrapped class
  Store() = default;
  Mode & ModeRef() { return mode; }
  float & Value() { return value; }
  const float & Value() const { return value; }
  long & Count() { return count; }
  bool & Flag() { return flag; }
  unsigned short & Small() { return small; }
  Tone & ToneRef() { return tone; }
  Shade & ShadeRef() { return shade; }
  Shade GetShade() const { return shade; }
  const Shade & ShadeConst() const { return shade; }
  const Level & LevelRef() const { return level; }
  void SetShade(Shade s) { shade = s; }
  void Bump(long & x) const { x += count; }
  int Combine(int, int b, double) const { return b; }
  static int Twice(int x) { return 2 * x; }
  static int Sum(int, int b) { return b; }
private:
  float value = 1.5f;
  long count = 4;
  bool flag = true;
  unsigned short small = 9;
  Tone tone = Tone::Loud;
  Shade shade = Shade::Dark;
  Level level = High;
  Mode mode = Slow;
};

class Pair {
public:
  Pair(int, double second) : first_(0), second_(second) {}
  double Second() const { return second_; }
private:
  int first_;
  double second_;
};

// Sized by a static Dimension (as itk::Index), with itk::Index's operator pattern: three
// operator- but two operator-=.
template <unsigned int D> class Vec {
public:
  static constexpr unsigned int Dimension = D;
  long & operator[](unsigned int i) { return v[i]; }
  const long & operator[](unsigned int i) const { return v[i]; }
  long & front() { return v[0]; }
  const long & front() const { return v[0]; }
  long & at(unsigned int i) { return v[i]; }
  const long & at(unsigned int i) const { return v[i]; }
  Vec operator+(const Vec & other) const { Vec r(*this); r += other; return r; }
  Vec & operator+=(const Vec & other) { for (unsigned i = 0; i < D; ++i) v[i] += other.v[i]; return *this; }
  Vec operator*(long factor) const { Vec r(*this); r *= factor; return r; }
  Vec & operator*=(long f) { for (unsigned i = 0; i < D; ++i) v[i] *= f; return *this; }
  Vec operator-(const Vec & other) const { Vec r(*this); r -= other; return r; }
  Vec operator-(long amount) const { Vec r(*this); r -= amount; return r; }
  Vec operator-(double amount) const { return *this - static_cast<long>(amount); }
  Vec & operator-=(const Vec & other) { for (unsigned i = 0; i < D; ++i) v[i] -= other.v[i]; return *this; }
  Vec & operator-=(long amount) { for (unsigned i = 0; i < D; ++i) v[i] -= amount; return *this; }
private:
  long v[D] = {};
};

// An in-place operator whose binary operator is inherited (mypy looks it up through the bases).
class Counter {
public:
  Counter operator+(int k) const { Counter c(*this); c.n += k; return c; }
  Counter operator+(const Counter & o) const { Counter c(*this); c.n += o.n; return c; }
  int Get() const { return n; }
protected:
  int n = 0;
};
class SubCounter : public Counter {
public:
  SubCounter & operator+=(int k) { n += k; return *this; }
};

// Sized by size(); non-const operator[] only, returning a class element.
class Shelf {
public:
  Shelf() : items{Item(10), Item(11)} {}
  std::size_t size() const { return items.size(); }
  Item & operator[](std::size_t i) { return items[i]; }
private:
  std::vector<Item> items;
};

// Read-only (const operator[] only), sized by GetSize().
class Names {
public:
  int GetSize() const { return 2; }
  const std::string & operator[](int i) const { return names[i]; }
private:
  std::string names[2] = {"ada", "bob"};
};

// No size to check against: the index goes to C++ unchecked.
class Raw {
public:
  double & operator[](int i) { return data[i]; }
private:
  double data[4] = {0.5, 1.5, 2.5, 3.5};
};
}
