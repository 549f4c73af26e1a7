# SwiftWrapCache private helpers: converting constructors of template instantiations (issue 16;
# docs/cmake.md, "Data members, conversions and buffers"). Included by SwiftWrapCacheInternal.cmake;
# not a public API.

# Sets <out> to the lines that make castxml declare the converting constructors between the wrapped
# instantiations of one class template (`template<class U> explicit Vector2(const Vector2<U>&)`):
# castxml only reports the member-template specializations a translation unit uses, so for every
# type T of <submodule> and every other type U of <module> that is an instantiation of the same
# template (by spelling: the text before the first `<`), the translation unit asks
# `std::is_constructible<T, const U&>`. That is an unevaluated check (no constructor body is
# instantiated): where it holds, castxml lists T's constructor from `const U&` and wrapgen wraps it
# as any other constructor. Empty when the submodule has no such pair.
function(_swiftwrap_conversion_probes module submodule out)
  get_property(own GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_TYPES)
  get_property(all GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_TYPES)
  set(probes "")
  foreach(entry IN LISTS own)
    string(REGEX REPLACE "=[^=]*$" "" target "${entry}")
    if(NOT target MATCHES "^([^<]+)<")
      continue()
    endif()
    string(STRIP "${CMAKE_MATCH_1}" template)
    foreach(other IN LISTS all)
      string(REGEX REPLACE "=[^=]*$" "" source "${other}")
      if(source STREQUAL target OR NOT source MATCHES "^([^<]+)<")
        continue()
      endif()
      string(STRIP "${CMAKE_MATCH_1}" other_template)
      if(other_template STREQUAL template)
        string(APPEND probes " (void)std::is_constructible<${target}, const ${source}&>::value;")
      endif()
    endforeach()
  endforeach()
  set(${out} "${probes}" PARENT_SCOPE)
endfunction()

# Checks swiftwrap_add_submodule(<submodule> BUFFERS <class>.<method>=<size>...) at configure time.
function(_swiftwrap_check_buffers submodule buffers)
  foreach(buffer IN LISTS buffers)
    if(NOT buffer MATCHES "^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*=.*[^ ]")
      message(FATAL_ERROR "swiftwrap_add_submodule(${submodule}): BUFFERS '${buffer}' is not "
                          "<class>.<method>=<size>, e.g. Image.getPixelsPtr=self.getSize().x*self.getSize().y*4 "
                          "(<class>: the Python name of a wrapped class; <size>: a C++ expression of the buffer's "
                          "size in bytes, 'self' being the object) (in ${CMAKE_CURRENT_LIST_FILE}).")
    endif()
  endforeach()
endfunction()
