// The library of Tests/EndToEnd/test_hooks.py: out-parameters (tinyxml2's QueryIntAttribute shape),
// a visitor whose virtual methods Python overrides (tinyxml2's XMLVisitor shape), and classes the
// user's SWIG code extends.
#pragma once
#include <cstring>

namespace hk {

class Element {
public:
    explicit Element(int value = 0) : value_(value) {}
    // Status and an out-parameter: Python gets (status, value); value is left alone on failure.
    int QueryValue(const char* name, int* value) const {
        if (std::strcmp(name, "value") != 0) return 1;
        *value = value_;
        return 0;
    }
    // void with two out-parameters: Python gets (width, height).
    void GetSize(double* width, double* height) const { *width = value_ * 0.5; *height = value_ * 2.0; }
    // void with one out-parameter by reference: Python gets the value alone.
    void GetValue(int& value) const { value = value_; }
    // An int* that is not declared an out-parameter stays an input (an opaque pointer).
    int Raw() const { return value_; }
private:
    int value_;
};

class Visitor {
public:
    virtual ~Visitor() {}
    virtual bool VisitEnter(const Element& element) { return element.Raw() >= 0; }
    virtual int Depth() const = 0;
};

class Tree {
public:
    // Visits three elements (values 1, 2, 3) and returns how many VisitEnter accepted plus Depth().
    int Accept(Visitor& visitor) const {
        int accepted = 0;
        for (int i = 1; i <= 3; ++i) {
            Element e(i);
            if (visitor.VisitEnter(e)) ++accepted;
        }
        return accepted + visitor.Depth();
    }
};

// A plain class of a second submodule: editing the first submodule's hook never touches it.
class Plain {
public:
    int Get() const { return 7; }
};

}  // namespace hk
