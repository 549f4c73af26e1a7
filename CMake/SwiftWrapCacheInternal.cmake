# SwiftWrapCache private helpers (_swiftwrap_*): tool discovery, settings, argument checks, the
# command builders. Included by SwiftWrapCache.cmake inside its policy scope; not a public API.

## Tools and settings

set(_SWIFTWRAP_MODULE_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(_SWIFTWRAP_DATABASE_FILE "records-v2.db")  # the name wrapgen and stubgen give it in --database-dir

# Loaded from an install tree (<prefix>/lib/cmake/SwiftWrapCache, by include() or find_package), the
# tools are in <prefix>/bin; loaded from a checkout (<checkout>/CMake), in <checkout>/.build/release.
if(_SWIFTWRAP_MODULE_DIR MATCHES "/lib(64)?/cmake/SwiftWrapCache$")
  get_filename_component(_SWIFTWRAP_INSTALL_PREFIX "${_SWIFTWRAP_MODULE_DIR}/../../.." ABSOLUTE)
  set(_SWIFTWRAP_DEFAULT_TOOLS_DIR "${_SWIFTWRAP_INSTALL_PREFIX}/bin")
else()
  get_filename_component(_SWIFTWRAP_DEFAULT_TOOLS_DIR "${_SWIFTWRAP_MODULE_DIR}/../.build/release" ABSOLUTE)
endif()

# A macro, so that FindPython3's and FindSWIG's variables land in the including scope.
macro(_swiftwrap_find_tools)
  set(_swiftwrap_hints ${SWIFTWRAP_TOOLS_DIR} "${_SWIFTWRAP_DEFAULT_TOOLS_DIR}")
  foreach(_swiftwrap_tool IN ITEMS castxml-cache wrapgen stubgen)
    string(TOUPPER "SWIFTWRAP_${_swiftwrap_tool}_EXECUTABLE" _swiftwrap_variable)
    string(MAKE_C_IDENTIFIER "${_swiftwrap_variable}" _swiftwrap_variable)
    find_program(${_swiftwrap_variable} NAMES ${_swiftwrap_tool} HINTS ${_swiftwrap_hints}
                 DOC "SwiftWrapCache's ${_swiftwrap_tool}")
    if(NOT ${_swiftwrap_variable})
      message(FATAL_ERROR
        "could not find '${_swiftwrap_tool}'. Build the tools in the SwiftWrapCache checkout (`make build`, i.e. "
        "`swift build -c release`) and configure with -DSWIFTWRAP_TOOLS_DIR=<checkout>/.build/release, or install "
        "them (`make install PREFIX=<prefix>`) and use find_package(SwiftWrapCache CONFIG) with <prefix> in "
        "CMAKE_PREFIX_PATH. Searched: ${_swiftwrap_hints} and PATH.")
    endif()
    if(NOT TARGET SwiftWrap::${_swiftwrap_tool})
      add_executable(SwiftWrap::${_swiftwrap_tool} IMPORTED GLOBAL)
      set_property(TARGET SwiftWrap::${_swiftwrap_tool} PROPERTY IMPORTED_LOCATION "${${_swiftwrap_variable}}")
    endif()
  endforeach()
  # stubgen is checked for the command line this module drives (an older stubgen cannot write stubs).
  execute_process(COMMAND "${SWIFTWRAP_STUBGEN_EXECUTABLE}" --help
                  OUTPUT_VARIABLE _swiftwrap_help ERROR_VARIABLE _swiftwrap_help)
  if(_swiftwrap_help MATCHES "--manifest-list" AND _swiftwrap_help MATCHES "--stamp-list")
    set(_SWIFTWRAP_STUBGEN_USABLE TRUE CACHE INTERNAL "")
  else()
    set(_SWIFTWRAP_STUBGEN_USABLE FALSE CACHE INTERNAL "")
    message(WARNING "${SWIFTWRAP_STUBGEN_EXECUTABLE} does not support --manifest-list/--stamp-list: no .pyi stubs "
                    "will be generated. Rebuild the tools from a SwiftWrapCache checkout that has stubgen.")
  endif()

  find_program(SWIFTWRAP_CASTXML_EXECUTABLE NAMES castxml DOC "The castxml executable")
  if(NOT SWIFTWRAP_CASTXML_EXECUTABLE)
    message(FATAL_ERROR "could not find castxml: install it (Debian: apt-get install castxml) or set "
                        "SWIFTWRAP_CASTXML_EXECUTABLE to its path.")
  endif()
  find_package(SWIG 4.0 QUIET)
  if(NOT SWIG_FOUND)
    message(FATAL_ERROR "could not find SWIG 4: install it (Debian: apt-get install swig) or set SWIG_EXECUTABLE.")
  endif()
  # Python: Python3_EXECUTABLE when set, else FindPython3's own choice (docs/cmake.md, "Which Python").
  # Every Python step of the build (SWIG's extension modules, the helper scripts) uses this interpreter.
  find_package(Python3 COMPONENTS Interpreter Development.Module QUIET)
  if(NOT Python3_FOUND)
    message(FATAL_ERROR "could not find Python 3 with its development files (Debian: apt-get install python3-dev); "
                        "set Python3_EXECUTABLE to choose an interpreter.")
  endif()
  _swiftwrap_report_found()
  unset(_swiftwrap_hints)
  unset(_swiftwrap_help)
endmacro()

# One "Found …" line each for castxml, SWIG, Python and the tools, printed like CMake's Find modules
# (find_package_message): only when what was found changes, so a re-run of cmake stays quiet.
function(_swiftwrap_report_found)
  include(FindPackageMessage)
  execute_process(COMMAND "${SWIFTWRAP_CASTXML_EXECUTABLE}" --version OUTPUT_VARIABLE text ERROR_QUIET)
  string(REGEX MATCH "castxml version ([^ \n]+)" _ "${text}")
  set(castxml_version "${CMAKE_MATCH_1}")
  find_package_message(SwiftWrapCache_castxml
    "Found castxml: ${SWIFTWRAP_CASTXML_EXECUTABLE} (found version \"${castxml_version}\")"
    "[${SWIFTWRAP_CASTXML_EXECUTABLE}][${castxml_version}]")
  find_package_message(SwiftWrapCache_SWIG "Found SWIG: ${SWIG_EXECUTABLE} (found version \"${SWIG_VERSION}\")"
    "[${SWIG_EXECUTABLE}][${SWIG_VERSION}]")
  find_package_message(SwiftWrapCache_Python
    "Found Python: ${Python3_EXECUTABLE} (found version \"${Python3_VERSION}\"; extension modules for ${Python3_SOABI})"
    "[${Python3_EXECUTABLE}][${Python3_VERSION}][${Python3_SOABI}]")
  execute_process(COMMAND "${SWIFTWRAP_WRAPGEN_EXECUTABLE}" --version OUTPUT_VARIABLE tools_version ERROR_QUIET)
  string(STRIP "${tools_version}" tools_version)
  get_filename_component(dir "${SWIFTWRAP_WRAPGEN_EXECUTABLE}" DIRECTORY)
  set(where "${dir}")
  foreach(tool IN ITEMS CASTXML_CACHE STUBGEN)
    get_filename_component(other "${SWIFTWRAP_${tool}_EXECUTABLE}" DIRECTORY)
    if(NOT other STREQUAL dir)
      set(where "${SWIFTWRAP_CASTXML_CACHE_EXECUTABLE}, ${SWIFTWRAP_WRAPGEN_EXECUTABLE}, ${SWIFTWRAP_STUBGEN_EXECUTABLE}")
    endif()
  endforeach()
  find_package_message(SwiftWrapCache_tools
    "Found SwiftWrapCache tools: ${where} (castxml-cache, wrapgen, stubgen; found version \"${tools_version}\")"
    "[${where}][${tools_version}]")
endfunction()

# The deepest directory that contains both paths (absolute, normalised).
function(_swiftwrap_common_parent out a b)
  file(TO_CMAKE_PATH "${a}" a)
  file(TO_CMAKE_PATH "${b}" b)
  string(REPLACE "/" ";" parts_a "${a}")
  string(REPLACE "/" ";" parts_b "${b}")
  set(common "")
  list(LENGTH parts_a na)
  list(LENGTH parts_b nb)
  set(n ${na})
  if(nb LESS n)
    set(n ${nb})
  endif()
  set(i 0)
  while(i LESS n)
    list(GET parts_a ${i} pa)
    list(GET parts_b ${i} pb)
    if(NOT pa STREQUAL pb)
      break()
    endif()
    if(NOT pa STREQUAL "")
      string(APPEND common "/${pa}")
    endif()
    math(EXPR i "${i} + 1")
  endwhile()
  if(common STREQUAL "")
    set(common "/")
  endif()
  set(${out} "${common}" PARENT_SCOPE)
endfunction()

macro(_swiftwrap_define_settings)
  option(SWIFTWRAP_CASTXML_CACHE "Run castxml through castxml-cache" ON)
  option(SWIFTWRAP_SWIG_CACHE "Run SWIG through castxml-cache --swig" ON)
  option(SWIFTWRAP_USE_CCACHE "Compile SWIG wrappers through ccache when it is installed and no CMAKE_CXX_COMPILER_LAUNCHER is set" ON)
  option(SWIFTWRAP_DOCSTRINGS "C++ doc comments become Python docstrings (wrapgen reads them from the headers)" ON)
  option(SWIFTWRAP_WARNINGS_AS_ERRORS "wrapgen --warnings-as-errors: any wrapgen warning fails its module (for CI)" OFF)
  set(SWIFTWRAP_CACHE_DIR "$ENV{SWIFTWRAP_CACHE_DIR}" CACHE PATH
      "castxml-cache directory (empty: the tool's default)")
  # The common parent of the top source and build directories: with it set, castxml-cache keys,
  # stores and restores paths below the source and build directories relative to them (the
  # anchors) and other paths below it relative to each command's working directory, so build trees
  # at any depth and other checkouts share entries (docs/cmake.md, "Cache sharing").
  _swiftwrap_common_parent(_swiftwrap_base "${CMAKE_SOURCE_DIR}" "${CMAKE_BINARY_DIR}")
  set(SWIFTWRAP_CACHE_BASE_DIR "${_swiftwrap_base}" CACHE PATH
      "Relocation on: paths below the source/build directories are cached relative to them, others below this directory relative to the working directory (empty: no relocation)")
  unset(_swiftwrap_base)
  _swiftwrap_remote_settings()
  cmake_host_system_information(RESULT _swiftwrap_cores QUERY NUMBER_OF_LOGICAL_CORES)
  set(SWIFTWRAP_CASTXML_JOB_POOL "swiftwrap_castxml" CACHE STRING "Ninja job pool of castxml (empty: none)")
  set(SWIFTWRAP_CASTXML_JOBS "${_swiftwrap_cores}" CACHE STRING "Size of the swiftwrap_castxml job pool")
  if(SWIFTWRAP_CASTXML_JOB_POOL STREQUAL "swiftwrap_castxml")
    set_property(GLOBAL APPEND PROPERTY JOB_POOLS "swiftwrap_castxml=${SWIFTWRAP_CASTXML_JOBS}")
  endif()
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    set(_swiftwrap_cc_flags "-fno-sized-deallocation")  # castxml's clang and libstdc++ 12 <new>
  else()
    set(_swiftwrap_cc_flags "")
  endif()
  set(SWIFTWRAP_CASTXML_CC_FLAGS "${_swiftwrap_cc_flags}" CACHE STRING
      "Flags inside castxml's --castxml-cc-gnu ( ... ) group")
  if(NOT DEFINED SWIFTWRAP_CXX_STANDARD)
    if(CMAKE_CXX_STANDARD)
      set(SWIFTWRAP_CXX_STANDARD "${CMAKE_CXX_STANDARD}")
    else()
      set(SWIFTWRAP_CXX_STANDARD 17)
    endif()
  endif()
  if(NOT DEFINED SWIFTWRAP_PYTHON_OUTPUT_DIR)
    set(SWIFTWRAP_PYTHON_OUTPUT_DIR "${CMAKE_BINARY_DIR}/python")
  endif()
  if(NOT CMAKE_CXX_COMPILER)
    message(FATAL_ERROR "include(SwiftWrapCache) needs the CXX language: call project(... LANGUAGES CXX) first.")
  endif()
  unset(_swiftwrap_cores)
  unset(_swiftwrap_cc_flags)
endmacro()

# The shared remote cache (docs/remote-cache.md). Its URL and read-only switch go into a small
# configuration file in the build tree, which every castxml step names with --remote-config and
# castxml-cache reads only on a local miss: the URL never enters build.ninja, and changing or
# removing it reruns no command. The token is never handled here (SWIFTWRAP_CACHE_REMOTE_TOKEN or
# SWIFTWRAP_CACHE_REMOTE_TOKEN_FILE in the environment of the build). The environment of the build
# still wins over the file (a pull-request job sets SWIFTWRAP_CACHE_REMOTE_READONLY=1).
macro(_swiftwrap_remote_settings)
  set(SWIFTWRAP_CACHE_REMOTE "$ENV{SWIFTWRAP_CACHE_REMOTE}" CACHE STRING
      "Shared remote cache URL for castxml-cache (http:// or https://; empty: none); never written into build.ninja")
  if("$ENV{SWIFTWRAP_CACHE_REMOTE_READONLY}" MATCHES "^(1|[Tt][Rr][Uu][Ee]|[Yy][Ee][Ss]|[Oo][Nn])$")
    set(_swiftwrap_readonly ON)
  else()
    set(_swiftwrap_readonly OFF)
  endif()
  option(SWIFTWRAP_CACHE_REMOTE_READONLY "Look up the remote cache only, never upload" ${_swiftwrap_readonly})
  unset(_swiftwrap_readonly)
  if(SWIFTWRAP_CACHE_REMOTE MATCHES "^[A-Za-z]+://[^/]*@")
    message(FATAL_ERROR "SWIFTWRAP_CACHE_REMOTE must not hold user information (user:password@): give a bearer "
                        "token in SWIFTWRAP_CACHE_REMOTE_TOKEN or SWIFTWRAP_CACHE_REMOTE_TOKEN_FILE instead (docs/remote-cache.md).")
  endif()
  if(NOT SWIFTWRAP_CACHE_REMOTE STREQUAL "" AND NOT SWIFTWRAP_CACHE_REMOTE MATCHES "^[Hh][Tt][Tt][Pp][Ss]?://[^/]")
    message(FATAL_ERROR "SWIFTWRAP_CACHE_REMOTE is '${SWIFTWRAP_CACHE_REMOTE}': expected http://host[:port][/prefix] or https://…")
  endif()
  set(_SWIFTWRAP_REMOTE_CONFIG "${CMAKE_BINARY_DIR}/swiftwrap/castxml-cache-remote.conf")
  set(_swiftwrap_text "# Written by the SwiftWrapCache CMake module at configure time (SWIFTWRAP_CACHE_REMOTE*).\n")
  if(NOT SWIFTWRAP_CACHE_REMOTE STREQUAL "")
    string(APPEND _swiftwrap_text "remote = ${SWIFTWRAP_CACHE_REMOTE}\n")
  endif()
  if(SWIFTWRAP_CACHE_REMOTE_READONLY)
    string(APPEND _swiftwrap_text "remote_readonly = 1\n")
  endif()
  file(CONFIGURE OUTPUT "${_SWIFTWRAP_REMOTE_CONFIG}" CONTENT "${_swiftwrap_text}" @ONLY)
  unset(_swiftwrap_text)
endmacro()

# Settings that depend on the project: owner, package, database directory.
function(_swiftwrap_project_settings)
  set(owner "${SWIFTWRAP_OWNER}")
  if(NOT owner)
    set(owner "${PROJECT_NAME}")
  endif()
  set(package "${SWIFTWRAP_PACKAGE}")
  if(NOT package)
    set(package "${owner}")
  endif()
  set(database "${SWIFTWRAP_DATABASE_DIR}")
  if(NOT database)
    get_property(database GLOBAL PROPERTY _SWIFTWRAP_IMPORTED_DATABASE_DIR)
  endif()
  if(NOT database)
    set(database "${CMAKE_BINARY_DIR}/swiftwrap-records")
  endif()
  set(_swiftwrap_owner "${owner}" PARENT_SCOPE)
  set(_swiftwrap_package "${package}" PARENT_SCOPE)
  set(_swiftwrap_database_dir "${database}" PARENT_SCOPE)
endfunction()

include("${CMAKE_CURRENT_LIST_DIR}/SwiftWrapCacheArguments.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/SwiftWrapCacheSmartPointers.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/SwiftWrapCacheHooks.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/SwiftWrapCacheLifetimes.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/SwiftWrapCacheData.cmake")

# Deferred to the end of the top directory: a package whose modules were added without
# swiftwrap_add_python_package gets no __init__.py, no stubs and no install rules.
function(_swiftwrap_check_packages)
  get_property(packages GLOBAL PROPERTY _SWIFTWRAP_PACKAGES)
  foreach(package IN LISTS packages)
    get_property(finished GLOBAL PROPERTY _SWIFTWRAP_PKG_${package}_FINISHED)
    if(NOT finished)
      get_property(modules GLOBAL PROPERTY _SWIFTWRAP_PKG_${package}_MODULES)
      list(GET modules -1 last)
      get_property(where GLOBAL PROPERTY _SWIFTWRAP_MOD_${last}_FILE)
      get_property(submodules GLOBAL PROPERTY _SWIFTWRAP_MOD_${last}_SUBMODULES)
      list(GET submodules 0 submodule)
      _swiftwrap_call_location(where swiftwrap_add_module "${last}" "${where}" "${submodule}")
      string(REPLACE ";" ", " modules "${modules}")
      message(WARNING "SwiftWrapCache: package '${package}' has modules (${modules}) but no "
                      "swiftwrap_add_python_package(${package}): it gets no __init__.py, no .pyi stubs and no install "
                      "rules. Call swiftwrap_add_python_package(${package}) after its last swiftwrap_add_module "
                      "(${where}).")
    endif()
  endforeach()
endfunction()

# Fails with "<problem…> (in <calling file>)." unless the global property is set; the problem may
# come in several strings, which are concatenated.
function(_swiftwrap_require_property property problem)
  get_property(defined GLOBAL PROPERTY "${property}" SET)
  if(NOT defined)
    string(CONCAT problem "${problem}" ${ARGN})
    message(FATAL_ERROR "${problem} (in ${CMAKE_CURRENT_LIST_FILE}).")
  endif()
endfunction()

function(_swiftwrap_require_submodule function submodule)
  _swiftwrap_require_property(_SWIFTWRAP_SUB_${submodule}_FILE "${function}: submodule '${submodule}' is not "
                              "declared; call swiftwrap_add_submodule(${submodule} HEADERS ...) first")
endfunction()

# "<c++ type>[=<python name>]" -> c++ type, python name (default: the last :: component).
function(_swiftwrap_split_type entry cpp_out name_out)
  if(entry MATCHES "^([^=]+)=([^=]+)$")
    set(cpp "${CMAKE_MATCH_1}")
    set(name "${CMAKE_MATCH_2}")
  else()
    set(cpp "${entry}")
    string(REGEX REPLACE "<.*" "" name "${entry}")
    string(REGEX REPLACE ".*::" "" name "${name}")
  endif()
  string(STRIP "${cpp}" cpp)
  string(STRIP "${name}" name)
  set(${cpp_out} "${cpp}" PARENT_SCOPE)
  set(${name_out} "${name}" PARENT_SCOPE)
endfunction()

# "float, 2" -> "F2" (ITK-style abbreviations).
# The default suffix of one ARGUMENTS item (docs: swiftwrap_wrap_template SUFFIXES). wrapgen names the
# template instantiations it wraps automatically (base classes) by the same rule (TemplateNames.swift);
# Tests/Fixtures/template-suffixes.txt holds the cases both are checked against.
function(_swiftwrap_template_suffix arguments out)
  set(abbreviations "bool=B" "char=C" "signed char=SC" "unsigned char=UC" "short=SS" "unsigned short=US"
                    "int=I" "unsigned int=UI" "long=L" "unsigned long=UL" "long long=LL"
                    "unsigned long long=ULL" "float=F" "double=D" "long double=LD" "std::string=S")
  # Top-level arguments: split at the commas outside <>, () and [].
  set(parts "")
  set(part "")
  set(depth 0)
  string(LENGTH "${arguments}" length)
  set(at 0)
  while(at LESS length)
    string(SUBSTRING "${arguments}" ${at} 1 character)
    math(EXPR at "${at} + 1")
    if(character MATCHES "[<([]")
      math(EXPR depth "${depth} + 1")
    elseif(character MATCHES "[])>]")
      math(EXPR depth "${depth} - 1")
    elseif(character STREQUAL "," AND depth EQUAL 0)
      list(APPEND parts "${part}")
      set(part "")
      continue()
    endif()
    # Keep list separators out of the list items.
    if(character STREQUAL ";")
      set(character "_")
    endif()
    string(APPEND part "${character}")
  endwhile()
  list(APPEND parts "${part}")
  set(suffix "")
  foreach(part IN LISTS parts)
    string(REGEX REPLACE "[ \t\n]+" " " part "${part}")
    string(STRIP "${part}" part)
    set(found "")
    foreach(pair IN LISTS abbreviations)
      string(REPLACE "=" ";" pair "${pair}")
      list(GET pair 0 type)
      list(GET pair 1 short)
      if(part STREQUAL type)
        set(found "${short}")
      endif()
    endforeach()
    if(NOT found)
      # ns::T<args>: T followed by the suffix of args; other types: the last :: component.
      set(inner "")
      if(part MATCHES "^([^<]*)<(.*)>$")
        set(part "${CMAKE_MATCH_1}")
        _swiftwrap_template_suffix("${CMAKE_MATCH_2}" inner)
      endif()
      string(REGEX REPLACE ".*::" "" found "${part}")
      string(REGEX REPLACE "[^A-Za-z0-9_]" "_" found "${found}")
      string(APPEND found "${inner}")
    endif()
    string(APPEND suffix "${found}")
  endforeach()
  set(${out} "${suffix}" PARENT_SCOPE)
endfunction()

include("${CMAKE_CURRENT_LIST_DIR}/SwiftWrapCacheCommands.cmake")
