# SwiftWrapCache internals: the user's hooks of a submodule (swiftwrap_add_submodule's SWIG_CODE,
# SWIG_CODE_AFTER, SWIG_FLAGS, DIRECTORS, OUTPUT_PARAMETERS, STUB_CODE). Included by
# SwiftWrapCacheInternal.cmake. The code files are inputs of the submodule's SWIG step only (SWIG
# lists them in its depfile; they are DEPENDS too), the stub fragments inputs of the package's
# stubgen step: editing one reruns exactly that.

# Stores the hook arguments of swiftwrap_add_submodule(<submodule> …) (the caller's arg_* variables).
function(_swiftwrap_set_submodule_hooks submodule)
  foreach(keyword IN ITEMS SWIG_CODE SWIG_CODE_AFTER STUB_CODE)
    set(files "")
    foreach(file IN LISTS arg_${keyword})
      get_filename_component(path "${file}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
      if(NOT EXISTS "${path}" OR IS_DIRECTORY "${path}")
        message(FATAL_ERROR "swiftwrap_add_submodule(${submodule} ${keyword}): file '${file}' does not exist "
                            "(looked for ${path}; relative paths are below ${CMAKE_CURRENT_SOURCE_DIR}) "
                            "(in ${CMAKE_CURRENT_LIST_FILE}).")
      endif()
      if(path MATCHES "[\"\n]")
        message(FATAL_ERROR "swiftwrap_add_submodule(${submodule} ${keyword}): path '${path}' holds a quote or a "
                            "newline; SWIG's %include cannot name it (in ${CMAKE_CURRENT_LIST_FILE}).")
      endif()
      list(APPEND files "${path}")
    endforeach()
    set_property(GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_${keyword} "${files}")
  endforeach()
  foreach(entry IN LISTS arg_OUTPUT_PARAMETERS)
    if(NOT entry MATCHES "^[^()]+::[A-Za-z_][A-Za-z0-9_]*\\([A-Za-z_][A-Za-z0-9_, ]*\\)$")
      message(FATAL_ERROR "swiftwrap_add_submodule(${submodule} OUTPUT_PARAMETERS): '${entry}' is not "
                          "<class>::<method>(<parameter>[,<parameter>...]), e.g. \"geom::Shape::GetSize(width,height)\" "
                          "(quoted: unquoted, CMake splits it at the parenthesis) "
                          "(in ${CMAKE_CURRENT_LIST_FILE}).")
    endif()
  endforeach()
  set_property(GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_SWIG_FLAGS "${arg_SWIG_FLAGS}")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_DIRECTORS "${arg_DIRECTORS}")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_OUTPUT_PARAMETERS "${arg_OUTPUT_PARAMETERS}")
endfunction()

# Appends the wrapgen arguments of <submodule>'s hooks to the list <arguments_var>.
function(_swiftwrap_hook_wrapgen_arguments submodule arguments_var)
  set(arguments "${${arguments_var}}")
  foreach(pair IN ITEMS "SWIG_CODE;--swig-code" "SWIG_CODE_AFTER;--swig-code-after" "DIRECTORS;--director"
                        "OUTPUT_PARAMETERS;--output-parameter")
    list(GET pair 0 keyword)
    list(GET pair 1 flag)
    get_property(values GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_${keyword})
    foreach(value IN LISTS values)
      list(APPEND arguments "${flag}" "${submodule}=${value}")
    endforeach()
  endforeach()
  set(${arguments_var} "${arguments}" PARENT_SCOPE)
endfunction()

# Sets <flags_out> to <submodule>'s SWIG_FLAGS and <depends_out> to its SWIG code files.
function(_swiftwrap_hook_swig_inputs submodule flags_out depends_out)
  get_property(flags GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_SWIG_FLAGS)
  get_property(before GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_SWIG_CODE)
  get_property(after GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_SWIG_CODE_AFTER)
  set(${flags_out} "${flags}" PARENT_SCOPE)
  set(${depends_out} "${before};${after}" PARENT_SCOPE)
endfunction()

# Appends `--stub-code <submodule>=<file>` for each STUB_CODE file of <submodules> to <arguments_var>
# and the files to <depends_var>.
function(_swiftwrap_hook_stubgen_arguments submodules arguments_var depends_var)
  set(arguments "${${arguments_var}}")
  set(depends "${${depends_var}}")
  foreach(submodule IN LISTS submodules)
    get_property(files GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_STUB_CODE)
    foreach(file IN LISTS files)
      list(APPEND arguments --stub-code "${submodule}=${file}")
      list(APPEND depends "${file}")
    endforeach()
  endforeach()
  set(${arguments_var} "${arguments}" PARENT_SCOPE)
  set(${depends_var} "${depends}" PARENT_SCOPE)
endfunction()
