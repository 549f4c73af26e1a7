# SwiftWrapCache private helpers: the castxml step of each submodule and its inputs (docs/cmake.md,
# "The graph"). Included by SwiftWrapCacheCommands.cmake; not a public API.

## castxml, per submodule

# Adds the castxml command of <submodule>: its inputs (written at configure time where possible) and
# castxml itself. With castxml-cache (SWIFTWRAP_CASTXML_CACHE, the default) and the Ninja generator
# this is one process: castxml-cache takes its settings as flags and writes the depfile in Ninja's
# form, the header list and the header digest itself. Otherwise (the cache off, or another generator,
# Ninja Multi-Config included: untested there) castxml's depfile is copied to the header list and a
# separate step writes the digest (swiftwrap_headers.py).
function(_swiftwrap_add_castxml_command module submodule)
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/swiftwrap/castxml")
  # Paths on the command line are relative to the working directory (the current binary directory),
  # so every build tree of the same sources runs the same command and shares cache entries.
  file(RELATIVE_PATH rel "${CMAKE_CURRENT_BINARY_DIR}" "${dir}")
  _swiftwrap_translation_unit("${module}" "${submodule}" cxx)
  _swiftwrap_stage_castxml_inputs("${module}" "${submodule}" "${cxx}" "${dir}")
  set(depends "${dir}/${submodule}.cxx" "${dir}/${submodule}.castxml.inc" "${SWIFTWRAP_CASTXML_EXECUTABLE}")
  separate_arguments(cc_flags UNIX_COMMAND "${SWIFTWRAP_CASTXML_CC_FLAGS}")
  _swiftwrap_castxml_starts("${submodule}" starts)
  set(castxml "${SWIFTWRAP_CASTXML_EXECUTABLE}" -o "${rel}/${submodule}.xml" --castxml-output=1
              --castxml-start "${starts}"
              --castxml-cc-gnu "(" "${CMAKE_CXX_COMPILER}" "-std=c++${SWIFTWRAP_CXX_STANDARD}" ${cc_flags} ")"
              -w -c)
  set(inputs "@${rel}/${submodule}.castxml.inc" "${rel}/${submodule}.cxx")
  set(pool "")
  if(SWIFTWRAP_CASTXML_JOB_POOL)
    set(pool JOB_POOL "${SWIFTWRAP_CASTXML_JOB_POOL}")
  endif()
  if(SWIFTWRAP_CASTXML_CACHE AND CMAKE_GENERATOR STREQUAL "Ninja")
    set(settings --remote-config "${CMAKE_BINARY_DIR}/swiftwrap/castxml-cache-remote.conf")
    if(SWIFTWRAP_CACHE_DIR)
      list(APPEND settings --cache-dir "${SWIFTWRAP_CACHE_DIR}")
    endif()
    if(SWIFTWRAP_CACHE_BASE_DIR)
      # With a base, the relocation anchors too: build trees of these sources at any depth share entries.
      list(APPEND settings --base-dir "${SWIFTWRAP_CACHE_BASE_DIR}"
                           --source-dir "${CMAKE_SOURCE_DIR}" --build-dir "${CMAKE_BINARY_DIR}")
    endif()
    # castxml's own depfile (-MF) is the header list; castxml-cache's --depfile is the one Ninja
    # reads, already in the form `cmake -E cmake_transform_depfile` would give it (CMP0116): paths
    # below the top binary directory relative to it. So CMP0116 is OLD for this command only: CMake
    # then hands the depfile to Ninja as it is instead of adding a transform step.
    cmake_policy(PUSH)
    cmake_policy(SET CMP0116 OLD)
    add_custom_command(
      OUTPUT "${dir}/${submodule}.xml"
      COMMAND "$<TARGET_FILE:SwiftWrap::castxml-cache>" ${settings} --depfile "${rel}/${submodule}.xml.d"
              --depfile-relative-to "${CMAKE_BINARY_DIR}" --header-digest "${rel}/${submodule}.headers.sha256"
              ${castxml} -MD -MF "${rel}/${submodule}.headers.list" -MT "${rel}/${submodule}.xml" ${inputs}
      BYPRODUCTS "${dir}/${submodule}.headers.list" "${dir}/${submodule}.headers.sha256"
      DEPENDS ${depends} SwiftWrap::castxml-cache
      DEPFILE "${dir}/${submodule}.xml.d"
      WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
      ${pool}
      COMMENT "CastXML: ${rel}/${submodule}.xml"
      VERBATIM COMMAND_EXPAND_LISTS)
    cmake_policy(POP)
    return()
  endif()
  _swiftwrap_castxml_launcher(launcher launcher_depends)
  add_custom_command(
    OUTPUT "${dir}/${submodule}.xml"
    COMMAND ${launcher} ${castxml} -MD -MF "${rel}/${submodule}.xml.d" -MT "${rel}/${submodule}.xml" ${inputs}
    # Ninja consumes (and deletes) the depfile; a copy keeps the header list for the digest below.
    COMMAND "${CMAKE_COMMAND}" -E copy "${rel}/${submodule}.xml.d" "${rel}/${submodule}.headers.list"
    BYPRODUCTS "${dir}/${submodule}.headers.list"
    DEPENDS ${depends} ${launcher_depends}
    DEPFILE "${dir}/${submodule}.xml.d"
    WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
    ${pool}
    COMMENT "CastXML: ${rel}/${submodule}.xml"
    VERBATIM COMMAND_EXPAND_LISTS)
  _swiftwrap_add_header_digest_command("${submodule}" "${dir}" "${rel}")
endfunction()

# Sets <out> to the text of <submodule>'s translation unit: an #include per header and a typedef
# per type. Each line ends with a comment naming the call that asked for it, so a castxml error
# (which quotes the line) says which function, keyword and file to fix. The file is named relative
# to the top source directory: the text is then the same in every build tree, whatever its depth
# (castxml-cache checks the .cxx by content).
function(_swiftwrap_translation_unit module submodule out)
  get_property(headers GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_HEADERS)
  get_property(types GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_TYPES)
  get_property(origins GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_ORIGINS)
  get_property(where GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_FILE)
  file(RELATIVE_PATH where "${CMAKE_SOURCE_DIR}" "${where}")
  set(cxx "// Generated by SwiftWrapCache for submodule ${submodule} of module ${module}. Do not edit.\n")
  foreach(header IN LISTS headers)
    string(APPEND cxx "#include \"${header}\" // swiftwrap_add_submodule(${submodule} HEADERS) in ${where}\n")
  endforeach()
  string(APPEND cxx "namespace _wrapping_ {\nnamespace wrappers {\n")
  set(instantiate "")
  set(index 0)
  foreach(entry IN LISTS types)
    list(GET origins ${index} origin)
    math(EXPR index "${index} + 1")
    _swiftwrap_split_type_entry("${entry}" "${origin}" cpp name call origin_file)
    file(RELATIVE_PATH origin_file "${CMAKE_SOURCE_DIR}" "${origin_file}")
    string(APPEND cxx "typedef ${cpp} ${name}; // ${call} in ${origin_file}\n")
    string(APPEND instantiate " (void)sizeof(${name});")
  endforeach()
  string(APPEND cxx "}\n")
  _swiftwrap_module_level_declarations("${submodule}" "${where}" declarations)
  string(APPEND cxx "${declarations}")
  string(APPEND cxx "void force_instantiate() { using namespace _wrapping_::wrappers;${instantiate} }\n}\n")
  # Free operator templates on the types, instantiated so that castxml reports them (FreeOperators.swift).
  _swiftwrap_operator_probes("${submodule}" probes calls)
  string(APPEND cxx "${probes}void _swiftwrap_probe_operators() {${calls} }\n")
  # Converting constructors between instantiations of one template (SwiftWrapCacheData.cmake).
  _swiftwrap_conversion_probes("${module}" "${submodule}" conversions)
  if(conversions)
    string(APPEND cxx "void _swiftwrap_probe_conversions() {${conversions} }\n")
    string(PREPEND cxx "#include <type_traits> // converting constructors (swiftwrap_wrap_template)\n")
  endif()
  set(${out} "${cxx}" PARENT_SCOPE)
endfunction()

# Writes castxml's two inputs into <dir>: <submodule>.cxx (text <cxx>) and <submodule>.castxml.inc
# (the include directories and definitions of <module>, one quoted "-I…"/"-D…" a line).
#
# Both are written at configure time (file(CONFIGURE): rewritten only when their text changes, so
# castxml does not rerun) and are configure dependencies (CMAKE_CONFIGURE_DEPENDS): a deleted one
# reruns cmake, which writes it again, and castxml then hits. No build step copies them, so
# `ninja -t clean` leaves them in place. The response file of a module whose include directories or
# definitions hold generator expressions (TARGETS, $<…>) can only be written at generate time
# (file(GENERATE)), whose outputs CMake neither tracks nor rewrites when lost: it is generated into
# CMakeFiles/swiftwrap and copied into <dir> by a build step (copy_if_different + restat).
function(_swiftwrap_stage_castxml_inputs module submodule cxx dir)
  _swiftwrap_load("${module}" "" INCLUDE_DIRECTORIES COMPILE_DEFINITIONS)
  file(CONFIGURE OUTPUT "${dir}/${submodule}.cxx" CONTENT "${cxx}" @ONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${dir}/${submodule}.cxx")
  if(NOT "${INCLUDE_DIRECTORIES};${COMPILE_DEFINITIONS}" MATCHES "\\$<")
    # The same text file(GENERATE) writes below, known now.
    set(text "")
    set(inc_list "${INCLUDE_DIRECTORIES}")
    set(def_list "${COMPILE_DEFINITIONS}")
    list(REMOVE_DUPLICATES inc_list)
    list(REMOVE_DUPLICATES def_list)
    foreach(item IN LISTS inc_list)
      if(NOT item STREQUAL "")
        string(APPEND text "\"-I${item}\"\n")
      endif()
    endforeach()
    foreach(item IN LISTS def_list)
      if(NOT item STREQUAL "")
        string(APPEND text "\"-D${item}\"\n")
      endif()
    endforeach()
    file(CONFIGURE OUTPUT "${dir}/${submodule}.castxml.inc" CONTENT "${text}" @ONLY)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${dir}/${submodule}.castxml.inc")
    return()
  endif()
  set(stage "${CMAKE_CURRENT_BINARY_DIR}/CMakeFiles/swiftwrap")
  set(inc_list "$<FILTER:$<REMOVE_DUPLICATES:${INCLUDE_DIRECTORIES}>,EXCLUDE,^$>")
  set(def_list "$<FILTER:$<REMOVE_DUPLICATES:${COMPILE_DEFINITIONS}>,EXCLUDE,^$>")
  file(GENERATE OUTPUT "${stage}/${submodule}.castxml.inc" CONTENT
       "$<$<BOOL:${inc_list}>:\"-I$<JOIN:${inc_list},\"\n\"-I>\"\n>$<$<BOOL:${def_list}>:\"-D$<JOIN:${def_list},\"\n\"-D>\"\n>")
  add_custom_command(
    OUTPUT "${dir}/${submodule}.castxml.inc"
    COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${stage}/${submodule}.castxml.inc" "${dir}"
    DEPENDS "${stage}/${submodule}.castxml.inc"
    COMMENT "castxml flags of ${submodule}"
    VERBATIM)
endfunction()

# Sets <launcher_out> to what goes before castxml on its command line and <depends_out> to what
# the castxml command then also depends on: `cmake -E env` with the cache settings and
# castxml-cache, or nothing when SWIFTWRAP_CASTXML_CACHE is OFF (used only where the one-process
# castxml step is not: other generators than Ninja, or the cache off).
function(_swiftwrap_castxml_launcher launcher_out depends_out)
  set(launcher "")
  set(depends "")
  if(SWIFTWRAP_CASTXML_CACHE)
    set(launcher "${CMAKE_COMMAND}" -E env)
    if(SWIFTWRAP_CACHE_DIR)
      list(APPEND launcher "SWIFTWRAP_CACHE_DIR=${SWIFTWRAP_CACHE_DIR}")
    endif()
    if(SWIFTWRAP_CACHE_BASE_DIR)
      list(APPEND launcher "SWIFTWRAP_CACHE_BASE_DIR=${SWIFTWRAP_CACHE_BASE_DIR}")
      # The relocation anchors: build trees of these sources at any depth share entries.
      list(APPEND launcher "SWIFTWRAP_CACHE_SOURCE_DIR=${CMAKE_SOURCE_DIR}" "SWIFTWRAP_CACHE_BUILD_DIR=${CMAKE_BINARY_DIR}")
    endif()
    list(APPEND launcher "$<TARGET_FILE:SwiftWrap::castxml-cache>" --remote-config "${CMAKE_BINARY_DIR}/swiftwrap/castxml-cache-remote.conf")
    set(depends SwiftWrap::castxml-cache)
  endif()
  set(${launcher_out} "${launcher}" PARENT_SCOPE)
  set(${depends_out} "${depends}" PARENT_SCOPE)
endfunction()

# The content digest of every header castxml read for <submodule>, rewritten only when a header's
# bytes change (used where castxml-cache does not write it itself, see _swiftwrap_add_castxml_command).
# The wrapper compiles depend on it instead of the headers' mtimes (see swiftwrap_headers.py), so
# touching a header reruns this cheap step and castxml (a cache hit), but no compile.
function(_swiftwrap_add_header_digest_command submodule dir rel)
  add_custom_command(
    OUTPUT "${dir}/${submodule}.headers.sha256"
    COMMAND "${Python3_EXECUTABLE}" "${_SWIFTWRAP_MODULE_DIR}/swiftwrap_headers.py" digest
            "${dir}/${submodule}.headers.list" "${dir}/${submodule}.headers.sha256" "${dir}/${submodule}.headers.d"
    DEPENDS "${dir}/${submodule}.xml" "${dir}/${submodule}.headers.list" "${_SWIFTWRAP_MODULE_DIR}/swiftwrap_headers.py"
    DEPFILE "${dir}/${submodule}.headers.d"
    COMMENT "Header digest: ${rel}/${submodule}.headers.sha256"
    VERBATIM)
endfunction()
