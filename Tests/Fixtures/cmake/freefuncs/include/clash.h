// A free function whose Python name is the name of a wrapped class (test_free_functions.py: an error).
#pragma once
namespace other {
inline int Tag() { return 1; }
}
