// Templates with integer and nested template arguments, named by swiftwrap_wrap_template's default
// suffixes (the way ITK's itk::Index<2>, itk::Image<float, 2> and filters over images are).
#pragma once
namespace grid {
template <unsigned int D> struct Index { unsigned int Dimension() const { return D; } };
template <typename T, unsigned int D> struct Image { T Value() const { return T(); } };
template <typename A, typename B> struct Filter { int Run() const { return 0; } };
}  // namespace grid
