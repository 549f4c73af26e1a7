# SwiftWrapCache private helpers of swiftwrap_add_submodule's NEWOBJECT, DISOWN and INVALIDATES
# keywords (SwiftWrapCache.cmake): the checks, the submodule property and the wrapgen arguments.
# Included by SwiftWrapCacheInternal.cmake; not a public API.

# Checks each <class>::<method> of the three keywords and stores them as wrapgen's
# `<kind>=<class>::<method>` in _SWIFTWRAP_SUB_<submodule>_OWNERSHIP. Reads arg_NEWOBJECT,
# arg_DISOWN and arg_INVALIDATES of the caller.
function(_swiftwrap_declare_ownership submodule)
  set(entries "")
  foreach(keyword IN ITEMS NEWOBJECT DISOWN INVALIDATES)
    string(TOLOWER "${keyword}" kind)
    foreach(method IN LISTS arg_${keyword})
      string(REGEX REPLACE "^::" "" method "${method}")
      if(NOT method MATCHES "^[A-Za-z_][A-Za-z0-9_:<>, *&]*::[A-Za-z_][A-Za-z0-9_]*$")
        message(FATAL_ERROR "swiftwrap_add_submodule(${submodule}): ${keyword} '${method}' is not a method name such as "
                            "ns::Class::Method (the class as in TYPES, then the method's C++ name) "
                            "(in ${CMAKE_CURRENT_LIST_FILE}).")
      endif()
      list(APPEND entries "${kind}=${method}")
    endforeach()
  endforeach()
  set_property(GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_OWNERSHIP "${entries}")
endfunction()

# Appends `--ownership <kind>=<class>::<method>` for every declaration of <submodule> to <arguments_var>.
function(_swiftwrap_ownership_arguments arguments_var submodule)
  set(arguments "${${arguments_var}}")
  get_property(entries GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_OWNERSHIP)
  foreach(entry IN LISTS entries)
    list(APPEND arguments --ownership "${entry}")
  endforeach()
  set(${arguments_var} "${arguments}" PARENT_SCOPE)
endfunction()
