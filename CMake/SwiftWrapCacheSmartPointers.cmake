# SwiftWrapCache private helpers of swiftwrap_add_intrusive_pointer (SwiftWrapCache.cmake): the
# declaration's checks, the wrapgen arguments it gives every module and its lines in export files.
# Included by SwiftWrapCacheInternal.cmake; not a public API.

# The body of swiftwrap_add_intrusive_pointer (SwiftWrapCache.cmake), its keywords parsed.
function(_swiftwrap_declare_intrusive_pointer template arg_GET arg_REF arg_UNREF)
  string(REGEX REPLACE "^::" "" template "${template}")
  if(NOT template MATCHES "^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*$")
    message(FATAL_ERROR "swiftwrap_add_intrusive_pointer(${template}): '${template}' is not a class template name "
                        "such as itk::SmartPointer (give the template without arguments) (in ${CMAKE_CURRENT_LIST_FILE}).")
  endif()
  # ITK's names are the defaults: swiftwrap_add_intrusive_pointer(itk::SmartPointer) is ITK's recipe.
  foreach(keyword_default IN ITEMS GET=GetPointer REF=Register UNREF=UnRegister)
    string(REPLACE "=" ";" pair "${keyword_default}")
    list(GET pair 0 keyword)
    list(GET pair 1 default)
    if(NOT arg_${keyword})
      set(arg_${keyword} "${default}")
    endif()
    if(NOT arg_${keyword} MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
      message(FATAL_ERROR "swiftwrap_add_intrusive_pointer(${template}): ${keyword} '${arg_${keyword}}' is not a "
                          "method name (in ${CMAKE_CURRENT_LIST_FILE}).")
    endif()
  endforeach()
  set(entry "${template}=${arg_GET},${arg_REF},${arg_UNREF}")
  get_property(known GLOBAL PROPERTY _SWIFTWRAP_INTRUSIVE_POINTERS)
  foreach(other IN LISTS known)
    string(REGEX REPLACE "=.*" "" other_template "${other}")
    if(other_template STREQUAL template)
      if(other STREQUAL entry)
        return()  # the same declaration again (e.g. from an imported project's export file)
      endif()
      message(FATAL_ERROR "swiftwrap_add_intrusive_pointer(${template}): already declared as '${other}' "
                          "(template=GET,REF,UNREF); declare each template once (in ${CMAKE_CURRENT_LIST_FILE}).")
    endif()
  endforeach()
  get_property(modules GLOBAL PROPERTY _SWIFTWRAP_MODULES)
  foreach(module IN LISTS modules)
    get_property(imported GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_IMPORTED)
    if(NOT imported)
      message(FATAL_ERROR "swiftwrap_add_intrusive_pointer(${template}): call it before the first "
                          "swiftwrap_add_module (module ${module} is already declared); every module's wrapgen step "
                          "needs it (in ${CMAKE_CURRENT_LIST_FILE}).")
    endif()
  endforeach()
  set_property(GLOBAL APPEND PROPERTY _SWIFTWRAP_INTRUSIVE_POINTERS "${entry}")
endfunction()

# Appends `--intrusive-pointer <template>=<get>,<ref>,<unref>` per declared template to <arguments_var>.
function(_swiftwrap_intrusive_pointer_arguments arguments_var)
  set(arguments "${${arguments_var}}")
  get_property(known GLOBAL PROPERTY _SWIFTWRAP_INTRUSIVE_POINTERS)
  foreach(entry IN LISTS known)
    list(APPEND arguments --intrusive-pointer "${entry}")
  endforeach()
  set(${arguments_var} "${arguments}" PARENT_SCOPE)
endfunction()

# The export file's lines that declare the intrusive pointers again in a project that imports it.
function(_swiftwrap_intrusive_pointer_exports out)
  set(text "")
  get_property(known GLOBAL PROPERTY _SWIFTWRAP_INTRUSIVE_POINTERS)
  foreach(entry IN LISTS known)
    string(REGEX MATCH "^(.*)=(.*),(.*),(.*)$" _ "${entry}")
    string(APPEND text "swiftwrap_add_intrusive_pointer(${CMAKE_MATCH_1} GET ${CMAKE_MATCH_2} REF ${CMAKE_MATCH_3} "
                       "UNREF ${CMAKE_MATCH_4})\n")
  endforeach()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()
