// Header of the docstring scenario (Tests/EndToEnd/test_docstrings.py). Not a doc comment.
#pragma once

namespace doc {

/// Processing modes.
enum Mode { Fast, Careful };

/**
 * \class Widget
 * \brief A widget with a size.
 *
 * Widgets are made with a width and can grow.
 * \ingroup Examples
 */
class Widget {
public:
  //! Makes a widget \p width units wide.
  explicit Widget(int width = 1) : width_(width) {}

  /// Resize the widget.
  /// @param width the new width, in units
  /// @return the old width
  int resize(int width) { int old = width_; width_ = width; return old; }

  /*! The width in units. */
  int width() const { return width_; }

  /// Set from an integer.
  void set(int value) { width_ = value; }
  /// Set from a real number (rounded down).
  void set(double value) { width_ = static_cast<int>(value); }

  /** Two widgets side by side. */
  Widget operator+(const Widget& other) const { return Widget(width_ + other.width_); }

  /// The widest widget there can be.
  static int widest() { return 1000; }

private:
  int width_;
};

/** Doc-less methods below: only the class has a comment. */
struct Plain {
  int value() const { return 7; }
};

/**
 * Hostile: "quotes", 'single', """triple""" and """" four, a backslash \ and two \\, \n and \t
 * as text, a trailing backslash \
 * %d %s %} %{ %feature("docstring") $1 $self #define X # include, ''' and """ again,
 * a byte that is not UTF-8: <FF>, and a tab:	(there).
 */
class Hostile {
public:
  /// Ends with a quote "
  int quoted() const { return 1; }
  /// r"""raw""" and \"""escaped\""" endings \\ end
  int raw() const { return 2; }
};

/**
 * A box holding one value (castxml records no comments for template
 * instantiations: wrapgen finds them above the declarations).
 */
template <typename T>
class Box {
public:
  /// Makes a box holding \p value.
  explicit Box(T value = T()) : value_(value) {}
  //! The value.
  T
  get() const { return value_; }
  void put(T value) { value_ = value; }  ///< Puts a value in.
  int undocumented() const { return 0; }

private:
  T value_;
};

/// Twice \p x (a free function: swiftwrap_add_submodule(… FUNCTIONS)).
inline int twice(int x) { return 2 * x; }

}  // namespace doc
