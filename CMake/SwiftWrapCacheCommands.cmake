# SwiftWrapCache private helpers: the custom commands and targets of the graph (docs/cmake.md,
# "The graph"). Included by SwiftWrapCacheInternal.cmake; not a public API.

## Module structure

# Reads properties of <module> into the variables <prefix><FIELD>, e.g. _swiftwrap_load(Core "" WRAP_DIR).
macro(_swiftwrap_load module prefix)
  foreach(_swiftwrap_field IN ITEMS ${ARGN})
    get_property(${prefix}${_swiftwrap_field} GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_${_swiftwrap_field})
  endforeach()
endmacro()

# Splits one TYPES entry `<C++ type>=<Python name>` and its origin `<call>|<file>` (the
# swiftwrap_add_submodule or swiftwrap_wrap_template call that declared it) into four variables.
function(_swiftwrap_split_type_entry entry origin cpp_var name_var call_var file_var)
  string(REGEX MATCH "^(.*)=([^=]*)$" _ "${entry}")
  set(${cpp_var} "${CMAKE_MATCH_1}" PARENT_SCOPE)
  set(${name_var} "${CMAKE_MATCH_2}" PARENT_SCOPE)
  string(REGEX REPLACE "\\|.*" "" call "${origin}")
  string(REGEX REPLACE ".*\\|" "" file "${origin}")
  set(${call_var} "${call}" PARENT_SCOPE)
  set(${file_var} "${file}" PARENT_SCOPE)
endfunction()

# Dependency modules of `modules`, transitively, each after its own dependencies.
function(_swiftwrap_dependency_closure out modules)
  set(result "")
  foreach(module IN LISTS modules)
    get_property(depends GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_DEPENDS)
    if(depends)
      _swiftwrap_dependency_closure(inner "${depends}")
      list(APPEND result ${inner})
    endif()
    list(APPEND result "${module}")
  endforeach()
  list(REMOVE_DUPLICATES result)
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

# Sets includes, definitions, link_targets in the caller: the module's own usage requirements
# followed by those of its dependency modules.
function(_swiftwrap_usage_requirements targets include_dirs compile_definitions depends)
  set(includes "")
  set(definitions "${compile_definitions}")
  foreach(dir IN LISTS include_dirs)
    get_filename_component(dir "${dir}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND includes "${dir}")
  endforeach()
  foreach(target IN LISTS targets)
    list(APPEND includes "$<TARGET_PROPERTY:${target},INTERFACE_INCLUDE_DIRECTORIES>")
    list(APPEND definitions "$<TARGET_PROPERTY:${target},INTERFACE_COMPILE_DEFINITIONS>")
  endforeach()
  set(link_targets "${targets}")
  _swiftwrap_dependency_closure(closure "${depends}")
  foreach(dependency IN LISTS closure)
    _swiftwrap_load("${dependency}" dependency_ INCLUDE_DIRECTORIES COMPILE_DEFINITIONS TARGETS)
    list(APPEND includes ${dependency_INCLUDE_DIRECTORIES})
    list(APPEND definitions ${dependency_COMPILE_DEFINITIONS})
    list(APPEND link_targets ${dependency_TARGETS})
  endforeach()
  list(REMOVE_DUPLICATES includes)
  list(REMOVE_DUPLICATES definitions)
  list(REMOVE_DUPLICATES link_targets)
  set(includes "${includes}" PARENT_SCOPE)
  set(definitions "${definitions}" PARENT_SCOPE)
  set(link_targets "${link_targets}" PARENT_SCOPE)
endfunction()

# Fails at configure time when a header of HEADERS is in none of the include directories that can
# be known now (target properties holding generator expressions other than BUILD_INTERFACE leave
# the check to castxml, whose error shows the #include line that names the function and file).
function(_swiftwrap_check_headers module submodules includes)
  set(dirs "")
  set(complete TRUE)
  foreach(entry IN LISTS includes)
    if(entry MATCHES "^\\$<TARGET_PROPERTY:([^,]+),INTERFACE_INCLUDE_DIRECTORIES>$")
      set(target "${CMAKE_MATCH_1}")
      get_target_property(raw "${target}" INTERFACE_INCLUDE_DIRECTORIES)
      get_target_property(links "${target}" INTERFACE_LINK_LIBRARIES)
      if(links)
        set(complete FALSE)
      endif()
      if(NOT raw)
        continue()
      endif()
      foreach(item IN LISTS raw)
        if(item MATCHES "^\\$<BUILD_INTERFACE:(.*)>$")
          list(APPEND dirs "${CMAKE_MATCH_1}")
        elseif(item MATCHES "^\\$<INSTALL_INTERFACE:")
        elseif(item MATCHES "\\$<")
          set(complete FALSE)
        else()
          list(APPEND dirs "${item}")
        endif()
      endforeach()
    elseif(entry MATCHES "\\$<")
      set(complete FALSE)
    else()
      list(APPEND dirs "${entry}")
    endif()
  endforeach()
  foreach(submodule IN LISTS submodules)
    get_property(headers GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_HEADERS)
    get_property(where GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_FILE)
    foreach(header IN LISTS headers)
      set(found FALSE)
      if(IS_ABSOLUTE "${header}")
        if(EXISTS "${header}")
          set(found TRUE)
        endif()
      else()
        foreach(dir IN LISTS dirs)
          if(EXISTS "${dir}/${header}")
            set(found TRUE)
            break()
          endif()
        endforeach()
      endif()
      if(NOT found AND (complete OR IS_ABSOLUTE "${header}"))
        # Reported at the swiftwrap_add_submodule call that names the header (the check runs here, in
        # swiftwrap_add_module, because the include directories are known only now).
        _swiftwrap_call_location(at swiftwrap_add_submodule "${submodule}" "${where}" "${header}")
        message(FATAL_ERROR "${at}: swiftwrap_add_submodule(${submodule}): HEADERS names '${header}', which is not "
                            "in any include directory of module ${module} (${dirs}); fix the name or give its "
                            "directory to swiftwrap_add_module(${module} INCLUDE_DIRECTORIES or TARGETS).")
      endif()
    endforeach()
  endforeach()
endfunction()

include("${CMAKE_CURRENT_LIST_DIR}/SwiftWrapCacheCastXML.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/SwiftWrapCacheModuleLevel.cmake")

## wrapgen, per module

function(_swiftwrap_add_wrapgen_command module)
  _swiftwrap_load("${module}" "" SUBMODULES DEPENDS WRAP_DIR PACKAGE OWNER DATABASE_DIR)
  set(castxml_dir "${CMAKE_CURRENT_BINARY_DIR}/swiftwrap/castxml")
  set(arguments --module "${module}" --owner "${OWNER}" --database-dir "${DATABASE_DIR}"
                --output-dir "${WRAP_DIR}" --package "${PACKAGE}" --depfile "${WRAP_DIR}/${module}.stamp.d")
  if(SWIFTWRAP_WARNINGS_AS_ERRORS)
    list(APPEND arguments --warnings-as-errors)
  endif()
  if(NOT SWIFTWRAP_DOCSTRINGS)
    list(APPEND arguments --no-docstrings)
  endif()
  _swiftwrap_intrusive_pointer_arguments(arguments)
  _swiftwrap_write_project_types("${module}" project_types)
  list(APPEND arguments --project-types "${project_types}" --warnings-file "${WRAP_DIR}/${module}.warnings.txt")
  set(depends "")
  set(byproducts "${WRAP_DIR}/${module}.warnings.txt")
  _swiftwrap_project_indexes("${module}" index_arguments index_depends)
  list(APPEND arguments ${index_arguments})
  list(APPEND depends ${index_depends})
  foreach(submodule IN LISTS SUBMODULES)
    list(APPEND arguments --submodule "${submodule}=${castxml_dir}/${submodule}.xml")
    _swiftwrap_ownership_arguments(arguments "${submodule}")
    list(APPEND depends "${castxml_dir}/${submodule}.xml")
    if(SWIFTWRAP_DOCSTRINGS)
      # wrapgen reads the doc comments from the headers at the offsets in the XML. It depends on the
      # header digest, not on the headers: touching a header reruns castxml (a hit) and the digest
      # only; an edit reruns wrapgen also when the XML stays the same (a comment changed in place).
      list(APPEND depends "${castxml_dir}/${submodule}.headers.sha256")
    endif()
    get_property(headers GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_HEADERS)
    foreach(header IN LISTS headers)
      list(APPEND arguments --include "${submodule}=${header}")
    endforeach()
    _swiftwrap_hook_wrapgen_arguments("${submodule}" arguments)
    _swiftwrap_module_level_arguments("${submodule}" arguments)
    get_property(buffers GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_BUFFERS)
    foreach(buffer IN LISTS buffers)
      list(APPEND arguments --buffer "${buffer}")
    endforeach()
    foreach(extension IN ITEMS .i .idx .index.txt)
      list(APPEND byproducts "${WRAP_DIR}/${submodule}${extension}")
    endforeach()
  endforeach()
  _swiftwrap_dependency_closure(closure "${DEPENDS}")
  foreach(dependency IN LISTS closure)
    _swiftwrap_load("${dependency}" dependency_ SUBMODULES WRAP_DIR)
    foreach(submodule IN LISTS dependency_SUBMODULES)
      list(APPEND arguments --import-idx "${dependency_WRAP_DIR}/${submodule}.idx")
      list(APPEND depends "${dependency_WRAP_DIR}/${submodule}.idx")
    endforeach()
  endforeach()
  # The stamp is the output (written last, after the rows are committed); the files wrapgen
  # leaves alone when unchanged are byproducts, so restat stops SWIG when an .i did not change.
  # The arguments grow with the module (ITK's largest: ~10 KB): they go through a response file,
  # rewritten only when they change, which is also what reruns wrapgen when they do.
  # One quoted argument a line, as GNU tools and clang read response files.
  set(response "${WRAP_DIR}/${module}.wrapgen.rsp")
  set(response_text "")
  foreach(argument IN LISTS arguments)
    string(REPLACE "\\" "\\\\" argument "${argument}")
    string(REPLACE "\"" "\\\"" argument "${argument}")
    string(APPEND response_text "\"${argument}\"\n")
  endforeach()
  file(CONFIGURE OUTPUT "${response}" CONTENT "${response_text}" @ONLY)
  add_custom_command(
    OUTPUT "${WRAP_DIR}/${module}.stamp"
    BYPRODUCTS ${byproducts}
    COMMAND SwiftWrap::wrapgen "@${response}"
    DEPENDS ${depends} "${response}" "${project_types}" SwiftWrap::wrapgen
    DEPFILE "${WRAP_DIR}/${module}.stamp.d"
    COMMENT "wrapgen: module ${module} (${SUBMODULES})"
    VERBATIM COMMAND_EXPAND_LISTS)
  # Attaches castxml and wrapgen to a target of this directory, so they are part of the build
  # even when no SWIG or stub step asks for them.
  add_custom_target("${PACKAGE}-${module}" ALL DEPENDS "${WRAP_DIR}/${module}.stamp")
endfunction()

# Sets <arguments_out> to a `--project-index <other>=<idx>` per submodule of every module of <module>'s
# package declared before it that it does not depend on, and <depends_out> to those .idx files.
# The dependency orders the wrapgen runs of a package in declaration order, so a base class that two
# such modules need is wrapped automatically by the first one only: the later one fails with
# "add DEPENDS <first>" instead of wrapping it a second time, whatever order a parallel build takes.
function(_swiftwrap_project_indexes module arguments_out depends_out)
  _swiftwrap_load("${module}" "" DEPENDS PACKAGE)
  _swiftwrap_dependency_closure(closure "${DEPENDS}")
  get_property(modules GLOBAL PROPERTY _SWIFTWRAP_PKG_${PACKAGE}_MODULES)
  set(arguments "")
  set(depends "")
  foreach(other IN LISTS modules)
    if(other STREQUAL module)
      break()
    endif()
    _swiftwrap_load("${other}" other_ IMPORTED SUBMODULES WRAP_DIR)
    if(other IN_LIST closure OR other_IMPORTED)
      continue()
    endif()
    foreach(submodule IN LISTS other_SUBMODULES)
      list(APPEND arguments --project-index "${other}=${other_WRAP_DIR}/${submodule}.idx")
      list(APPEND depends "${other_WRAP_DIR}/${submodule}.idx")
    endforeach()
  endforeach()
  set(${arguments_out} "${arguments}" PARENT_SCOPE)
  set(${depends_out} "${depends}" PARENT_SCOPE)
endfunction()

# Writes <wrap dir>/<module>.project-types.txt: "<module> <C++ type>" for every type of the modules
# declared before <module> (or imported) that it does not depend on. wrapgen knows the bases, this
# module knows the modules: a public base listed there fails wrapgen with "add DEPENDS <module>".
function(_swiftwrap_write_project_types module out)
  _swiftwrap_load("${module}" "" DEPENDS WRAP_DIR)
  _swiftwrap_dependency_closure(closure "${DEPENDS}")
  get_property(modules GLOBAL PROPERTY _SWIFTWRAP_MODULES)
  set(text "")
  foreach(other IN LISTS modules)
    if(other STREQUAL module OR other IN_LIST closure)
      continue()
    endif()
    get_property(types GLOBAL PROPERTY _SWIFTWRAP_MOD_${other}_TYPES)
    foreach(entry IN LISTS types)
      string(REGEX REPLACE "=[^=]*$" "" cpp "${entry}")
      string(APPEND text "${other} ${cpp}\n")
    endforeach()
  endforeach()
  set(file "${WRAP_DIR}/${module}.project-types.txt")
  file(CONFIGURE OUTPUT "${file}" CONTENT "${text}" @ONLY)
  set(${out} "${file}" PARENT_SCOPE)
endfunction()

## SWIG and the extension module, per submodule

function(_swiftwrap_add_extension_module module submodule)
  _swiftwrap_load("${module}" "" DEPENDS WRAP_DIR PACKAGE PACKAGE_DIR INCLUDE_DIRECTORIES COMPILE_DEFINITIONS TARGETS)
  set(swig_dir "${CMAKE_CURRENT_BINARY_DIR}/swiftwrap/swig")
  set(wrapper "${swig_dir}/${submodule}_wrap.cxx")
  set(include_flags "-I${WRAP_DIR}")
  _swiftwrap_dependency_closure(closure "${DEPENDS}")
  foreach(dependency IN LISTS closure)
    _swiftwrap_load("${dependency}" dependency_ WRAP_DIR)
    list(APPEND include_flags "-I${dependency_WRAP_DIR}")
  endforeach()
  list(REMOVE_DUPLICATES include_flags)
  _swiftwrap_swig_launcher(swig_launcher swig_depends)
  # SWIG_FLAGS and SWIG_CODE of swiftwrap_add_submodule (SwiftWrapCacheHooks.cmake).
  _swiftwrap_hook_swig_inputs("${submodule}" hook_flags hook_depends)
  add_custom_command(
    OUTPUT "${wrapper}"
    BYPRODUCTS "${PACKAGE_DIR}/${submodule}.py"
    COMMAND ${swig_launcher} "${SWIG_EXECUTABLE}" -c++ -python ${include_flags} ${hook_flags} -outdir "${PACKAGE_DIR}" -o "${wrapper}"
            -MD -MF "${wrapper}.d" -MT "${wrapper}" "${WRAP_DIR}/${submodule}.i"
    DEPENDS "${WRAP_DIR}/${submodule}.i" ${swig_depends} ${hook_depends}
    DEPFILE "${wrapper}.d"
    COMMENT "SWIG: ${PACKAGE}.${submodule}"
    VERBATIM COMMAND_EXPAND_LISTS)
  set(target "${PACKAGE}.${submodule}")
  Python3_add_library("${target}" MODULE WITH_SOABI "${wrapper}")
  # Workaround for wrapgen: an .i declares aliases only for the bases it names directly, while
  # SWIG's cast code names every class of the %import chain (also the classes of the module's other
  # submodules that derive from a base this one uses). Declare the aliases of the module and of all
  # dependency modules for the wrapper compile.
  _swiftwrap_dependency_aliases("${module}" "${closure};${module}" aliases_headers)
  list(GET aliases_headers 0 aliases_header)
  target_compile_options("${target}" PRIVATE -include "${aliases_header}")
  set_property(SOURCE "${wrapper}" APPEND PROPERTY OBJECT_DEPENDS ${aliases_headers})
  # Headers castxml read are tracked by content: the object depends on the header digests of this
  # submodule and of the modules it depends on, and the launcher drops those headers from the
  # compiler's own depfile. Headers of imported projects, SWIG's and Python's stay tracked by mtime.
  get_property(castxml_dir GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_CASTXML_DIR)
  set(digests "${castxml_dir}/${submodule}.headers.sha256")
  set(covered --covered "${castxml_dir}/${submodule}.headers.list")
  # The module's other submodules too: their headers come in through the aliases header.
  foreach(dependency IN LISTS closure module)
    get_property(imported GLOBAL PROPERTY _SWIFTWRAP_MOD_${dependency}_IMPORTED)
    get_property(dependency_dir GLOBAL PROPERTY _SWIFTWRAP_MOD_${dependency}_CASTXML_DIR)
    get_property(dependency_submodules GLOBAL PROPERTY _SWIFTWRAP_MOD_${dependency}_SUBMODULES)
    if(imported OR NOT dependency_dir)
      continue()
    endif()
    foreach(other IN LISTS dependency_submodules)
      if(dependency STREQUAL module AND other STREQUAL submodule)
        continue()
      endif()
      list(APPEND digests "${dependency_dir}/${other}.headers.sha256")
      list(APPEND covered --covered "${dependency_dir}/${other}.headers.list")
    endforeach()
  endforeach()
  set_property(SOURCE "${wrapper}" APPEND PROPERTY OBJECT_DEPENDS ${digests})
  _swiftwrap_compiler_launcher(compiler_launcher)
  # castxml-cache --compile-launcher runs the compile and filters its depfile: one process besides
  # the compiler, no Python start per compile.
  get_property(launcher TARGET SwiftWrap::castxml-cache PROPERTY IMPORTED_LOCATION)
  set_property(TARGET "${target}" PROPERTY CXX_COMPILER_LAUNCHER
               "${launcher}" --compile-launcher ${covered} -- ${compiler_launcher})
  target_include_directories("${target}" PRIVATE ${INCLUDE_DIRECTORIES})
  target_compile_definitions("${target}" PRIVATE ${COMPILE_DEFINITIONS})
  target_link_libraries("${target}" PRIVATE ${TARGETS})
  set_target_properties("${target}" PROPERTIES OUTPUT_NAME "_${submodule}" LIBRARY_OUTPUT_DIRECTORY "${PACKAGE_DIR}")
endfunction()

# Writes <swig dir>/<module>.aliases.h: the headers of the modules in <closure> (the dependency
# modules and the module itself) and, through
# <module>.idx-aliases.h, a typedef for every alias their .idx files list. That file is written at
# build time (swiftwrap_headers.py aliases, once per module, only when it changes) because wrapgen
# decides what the dependency modules wrap: base classes it adds are in no TYPES list.
function(_swiftwrap_dependency_aliases module closure out)
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/swiftwrap/swig")
  set(text "// Generated by SwiftWrapCache: aliases of ${module} and the modules it depends on (${closure}).\n#pragma once\n")
  set(indexes "")
  foreach(dependency IN LISTS closure)
    _swiftwrap_load("${dependency}" "" HEADERS SUBMODULES WRAP_DIR)
    foreach(header IN LISTS HEADERS)
      string(APPEND text "#include \"${header}\"\n")
    endforeach()
    foreach(submodule IN LISTS SUBMODULES)
      list(APPEND indexes "${WRAP_DIR}/${submodule}.idx")
    endforeach()
  endforeach()
  string(APPEND text "#include \"${module}.idx-aliases.h\"\n")
  file(CONFIGURE OUTPUT "${dir}/${module}.aliases.h" CONTENT "${text}" @ONLY)
  get_property(done GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_IDX_ALIASES)
  if(NOT done)
    set_property(GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_IDX_ALIASES TRUE)
    add_custom_command(
      OUTPUT "${dir}/${module}.idx-aliases.h"
      COMMAND "${Python3_EXECUTABLE}" "${_SWIFTWRAP_MODULE_DIR}/swiftwrap_headers.py" aliases
              "${dir}/${module}.idx-aliases.h" ${indexes}
      DEPENDS ${indexes} "${_SWIFTWRAP_MODULE_DIR}/swiftwrap_headers.py"
      COMMENT "Aliases of the modules ${module} depends on"
      VERBATIM)
  endif()
  set(${out} "${dir}/${module}.aliases.h" "${dir}/${module}.idx-aliases.h" PARENT_SCOPE)
endfunction()

include("${CMAKE_CURRENT_LIST_DIR}/SwiftWrapCacheSwig.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/SwiftWrapCachePackage.cmake")
