// A consumer of an installed SwiftWrapCache: one class to wrap.
#pragma once
#include <string>

namespace counting {

class Counter {
public:
  explicit Counter(int start = 0) : m_Value(start) {}
  int Next() { return ++m_Value; }
  int Get() const { return m_Value; }
  std::string Text() const { return "count " + std::to_string(m_Value); }

private:
  int m_Value;
};

} // namespace counting
