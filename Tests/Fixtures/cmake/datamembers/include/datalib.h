// Data members, static data members, converting constructors and byte buffers (issue 16;
// Tests/EndToEnd/test_data_members.py): a small SFML-shaped value library.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dm {

enum Shade { Light = 1, Dark = 2 };  // not wrapped: an int in Python

template <typename T>
class Vector2 {
public:
    Vector2() : x(0), y(0) {}
    Vector2(T X, T Y) : x(X), y(Y) {}
    // The converting constructor: castxml reports it only for the instantiations a unit uses.
    template <typename U>
    explicit Vector2(const Vector2<U>& other) : x(static_cast<T>(other.x)), y(static_cast<T>(other.y)) {}
    T x;
    T y;
};

template <typename T>
class Rect {
public:
    Rect() : left(0), top(0), width(0), height(0) {}
    Rect(T l, T t, T w, T h) : left(l), top(t), width(w), height(h), corner(l + w, t + h) {}
    T area() const { return width * height; }
    T left;
    T top;
    T width;
    T height;
    Vector2<T> corner;  // a member of a wrapped class type: its proxy keeps the Rect alive
};

class Color {
public:
    Color() : r(0), g(0), b(0), a(255) {}
    Color(std::uint8_t red, std::uint8_t green, std::uint8_t blue, std::uint8_t alpha = 255)
        : r(red), g(green), b(blue), a(alpha) {}
    std::uint8_t r;
    std::uint8_t g;
    std::uint8_t b;
    std::uint8_t a;
    static const Color Red;         // a static const of the class's own type
    static const Color Transparent;
    static constexpr int Channels = 4;
    static int created;             // not const: read live, read-only in Python, warned
};
inline const Color Color::Red(255, 0, 0);
inline const Color Color::Transparent(0, 0, 0, 0);
inline int Color::created = 7;

class Time {
public:
    Time() : microseconds(0) {}
    explicit Time(long long us) : microseconds(us) {}
    long long asMicroseconds() const { return microseconds; }
    static const Time Zero;
private:
    long long microseconds;
};
inline const Time Time::Zero;

class Label {
public:
    Label() : id(42), text("label"), counter(&count), count(3), weights{1, 2, 3}, alias(count) {}
    const int id;               // const: read-only
    std::string text;           // a value (%naturalvar)
    int* counter;               // a pointer: read-only
    int count;
    int weights[3];             // an array: warned, not wrapped
    int& alias;                 // a reference: warned, not wrapped
    enum Align { Left, Right };
    Align align = Right;        // a nested (wrapped) enumeration: int
    Shade shade = Dark;         // an enumeration that is not wrapped: int too
    static const char* const kind;
};

class Tagged {
public:
    Label label;                // Label has no copy assignment (a const member): read-only
    Time time;                  // assignable
};
inline const char* const Label::kind = "label-kind";

class Image {
public:
    Image() {}
    void loadFromMemory(const void* data, std::size_t size) {
        const std::uint8_t* bytes = static_cast<const std::uint8_t*>(data);
        pixels.assign(bytes, bytes + size);
    }
    std::size_t append(const char* text, std::size_t length, int repeat) {
        for (int i = 0; i < repeat; ++i) pixels.insert(pixels.end(), text, text + length);
        return pixels.size();
    }
    void appendRaw(const void*, std::size_t);                            // unnamed: SWIG's arg2
    const std::uint8_t* getPixelsPtr() const { return pixels.empty() ? nullptr : pixels.data(); }
    const std::uint8_t* rawPointer() const { return pixels.data(); }   // no declared size: opaque
    std::size_t byteCount() const { return pixels.size(); }
    const char* name() const { return "image"; }                         // not paired: str
private:
    std::vector<std::uint8_t> pixels;
};
inline void Image::appendRaw(const void* data, std::size_t size) {
    const std::uint8_t* bytes = static_cast<const std::uint8_t*>(data);
    pixels.insert(pixels.end(), bytes, bytes + size);
}

}  // namespace dm
