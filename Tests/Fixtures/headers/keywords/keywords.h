// C++ names that are Python keywords or names SWIG renames (issue 11, item 12).
#pragma once
namespace kw {
enum Flag { None = 0, True = 1, print = 2, plain = 3 };
enum class Mode { pass = 4, False = 5, nonlocal = 6, match = 7 };
struct lambda {
    int value() const { return 41; }
};
struct Holder {
    enum Inner { async = 8, await = 9 };
    enum class Kind { def = 10, True = 11 };
    int pass(int def) const { return def + 1; }
    int None() const { return 1; }
    int True() const { return 3; }
    int print(int async, int self) const { return async + self; }
    int nonlocal(int True, int False) const { return True - False; }
    int match(int type) const { return type; }
    static int yield() { return 11; }
    int use(const lambda& with) const { return with.value(); }
};
}
