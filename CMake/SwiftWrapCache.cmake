# SwiftWrapCache: CastXML + SWIG Python wrapping with an exact Ninja graph. See docs/cmake.md.

#[=======================================================================[.rst:
SwiftWrapCache
--------------

Declare C++ types to wrap for Python and get an exact build graph from the headers to compiled
SWIG extension modules and typed stubs: ``castxml`` (through ``castxml-cache``) per submodule,
``wrapgen`` per module, SWIG and the C++ compile per submodule, ``stubgen`` once per package.

.. code-block:: cmake

  list(APPEND CMAKE_MODULE_PATH <checkout>/CMake)   # or: find_package(SwiftWrapCache 0.1 CONFIG)
  include(SwiftWrapCache)

Loading the module finds the tools (imported executables ``SwiftWrap::castxml-cache``,
``SwiftWrap::wrapgen``, ``SwiftWrap::stubgen``), ``castxml``, SWIG 4 and Python 3 (interpreter and
``Development.Module``), and stops with ``FATAL_ERROR`` saying how to build or point to whatever
is missing.

CMake Commands
^^^^^^^^^^^^^^

.. command:: swiftwrap_add_submodule

  .. code-block:: cmake

    swiftwrap_add_submodule(<submodule> HEADERS <header>...
                            [TYPES <c++ type>[=<python name>]...])

  Declares a submodule: one CastXML translation unit and one SWIG extension module
  ``<package>.<submodule>``. Call it before the ``swiftwrap_add_module`` that lists it.

  ``HEADERS``
    Headers the translation unit includes, as written in ``#include "…"`` (found through the
    module's include directories). Required.
  ``TYPES``
    Classes and enumerations to wrap. The Python name defaults to the last ``::`` component.

.. command:: swiftwrap_wrap_template

  .. code-block:: cmake

    swiftwrap_wrap_template(<submodule> TEMPLATE <c++ template> ARGUMENTS <arguments>...
                            [NAME <python name prefix>] [SUFFIXES <suffix>...])

  Instantiates a class template once per item of ``ARGUMENTS`` (``double``, or ``"float, 2"``
  for several parameters) and wraps each instantiation as ``<NAME><suffix>``.

  ``TEMPLATE``
    The template, e.g. ``geom::Vector``. Required.
  ``ARGUMENTS``
    One template argument list per instantiation. Required.
  ``NAME``
    Prefix of the Python names. Default: the last ``::`` component of ``TEMPLATE``.
  ``SUFFIXES``
    One suffix per argument list. Default: derived from the arguments (``double`` ``D``,
    ``float`` ``F``, ``int`` ``I``, ``unsigned char`` ``UC``, ``std::string`` ``S``, digits
    as written, other names by their last component).

.. command:: swiftwrap_add_module

  .. code-block:: cmake

    swiftwrap_add_module(<module> SUBMODULES <submodule>...
                         [PACKAGE <python package>] [DEPENDS <module>...]
                         [TARGETS <target>...] [INCLUDE_DIRECTORIES <dir>...]
                         [COMPILE_DEFINITIONS <definition>...])

  Adds the commands of one wrapped module: castxml per submodule, wrapgen for the module (target
  ``<package>-<module>``), SWIG and a Python extension module target ``<package>.<submodule>``
  per submodule, all built by ``all``.

  ``SUBMODULES``
    Submodules declared with ``swiftwrap_add_submodule``, each after those it uses. Required.
  ``PACKAGE``
    Python package of the module. Default: ``SWIFTWRAP_PACKAGE``, else the project name.
  ``DEPENDS``
    Wrapped modules (of this project, or imported with ``swiftwrap_import_modules``) whose
    classes this module's classes derive from or take as arguments.
  ``TARGETS``
    Targets whose usage requirements (include directories, compile definitions) CastXML and the
    extension modules use; the extension modules also link them.
  ``INCLUDE_DIRECTORIES``, ``COMPILE_DEFINITIONS``
    More include directories and definitions for CastXML and the extension modules.

.. command:: swiftwrap_add_python_package

  .. code-block:: cmake

    swiftwrap_add_python_package(<package> [INSTALL_DESTINATION <dir>] [NO_PRUNE]
                                 [EXPORT_FILE <file>] [INTERFACE_DESTINATION <dir>]
                                 [INSTALL_INCLUDE_DIRECTORIES <dir>...])

  Finishes a package after all its modules: writes ``__init__.py``, adds the ``stubgen`` command
  (``.pyi`` stubs and ``py.typed``) in target ``<package>-stubs``, install rules, and a file that
  lets other projects extend the package.

  ``INSTALL_DESTINATION``
    Directory (relative to the install prefix) that receives the package directory. Default: no
    install rules.
  ``NO_PRUNE``
    Do not pass ``--prune`` to stubgen (rows of this owner that no manifest names stay).
  ``EXPORT_FILE``
    Where to write the module description for ``swiftwrap_import_modules``. Default:
    ``${CMAKE_BINARY_DIR}/<package>-swiftwrap-modules.cmake``.
  ``INTERFACE_DESTINATION``
    With ``INSTALL_DESTINATION``: where the ``.i``/``.idx`` files, a snapshot of this owner's
    records and the installed export file go. Default: ``share/swiftwrap/<package>``.
  ``INSTALL_INCLUDE_DIRECTORIES``
    Installed include directories (relative to the install prefix) that projects extending this
    one from the install tree compile with.

.. command:: swiftwrap_import_modules

  .. code-block:: cmake

    swiftwrap_import_modules(FILE <file>)

  Makes the modules of another project usable in ``DEPENDS``: from its build tree (its
  ``EXPORT_FILE``; this project then shares that tree's record database and owns its own rows in
  it) or from its install tree (``<INTERFACE_DESTINATION>/<package>-swiftwrap-modules.cmake``; this
  project keeps its own database and copies the installed records into it before stubgen).

  ``FILE``
    The export file. Required.

CMake Variables
^^^^^^^^^^^^^^^

``SWIFTWRAP_TOOLS_DIR``
  Directory holding ``castxml-cache``, ``wrapgen`` and ``stubgen``; searched first.
``SWIFTWRAP_CASTXML_CACHE``
  ``ON`` (default): run castxml through ``castxml-cache``. ``OFF``: run castxml directly.
``SWIFTWRAP_CACHE_DIR``
  Cache directory passed to ``castxml-cache``. Empty (default): the tool's own default.
``SWIFTWRAP_CACHE_BASE_DIR``
  Paths below it are cached relative to each command's working directory, so other build trees
  and other checkouts share entries. Default: the common parent of ``CMAKE_SOURCE_DIR`` and
  ``CMAKE_BINARY_DIR``.
``SWIFTWRAP_CASTXML_JOB_POOL``, ``SWIFTWRAP_CASTXML_JOBS``
  Ninja job pool of the castxml commands (default ``swiftwrap_castxml``) and its size (default:
  the number of logical cores). An empty pool name means no pool.
``SWIFTWRAP_CASTXML_CC_FLAGS``
  Flags inside CastXML's ``--castxml-cc-gnu ( … )`` group. Default: ``-fno-sized-deallocation``
  with GCC.
``SWIFTWRAP_CXX_STANDARD``
  C++ standard CastXML parses with. Default: ``CMAKE_CXX_STANDARD``, else 17.
``SWIFTWRAP_DATABASE_DIR``
  Directory of the record database. Default: the imported project's, else
  ``${CMAKE_BINARY_DIR}/swiftwrap-records``.
``SWIFTWRAP_PYTHON_OUTPUT_DIR``
  Where package directories are built. Default: ``${CMAKE_BINARY_DIR}/python``.
``SWIFTWRAP_OWNER``, ``SWIFTWRAP_PACKAGE``
  Owner of the rows this project writes, and the default package. Default: ``PROJECT_NAME``.
``SwiftWrapCache_VERSION``
  Version of this module and its tools (read-only).
#]=======================================================================]

cmake_minimum_required(VERSION 3.20)
include_guard(GLOBAL)
cmake_policy(PUSH)
cmake_policy(SET CMP0116 NEW)  # Ninja: depfile paths relative to the binary directory

set(SwiftWrapCache_VERSION 0.1.0)
list(APPEND CMAKE_MESSAGE_CONTEXT "SwiftWrapCache")
include("${CMAKE_CURRENT_LIST_DIR}/SwiftWrapCacheInternal.cmake")
_swiftwrap_find_tools()
_swiftwrap_define_settings()
list(POP_BACK CMAKE_MESSAGE_CONTEXT)

## PUBLIC functions

function(swiftwrap_add_submodule submodule)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "HEADERS;TYPES")
  _swiftwrap_check_arguments(swiftwrap_add_submodule "${submodule}" REQUIRED HEADERS)
  _swiftwrap_check_keyword_like(swiftwrap_add_submodule "${submodule}" HEADERS TYPES)
  _swiftwrap_check_identifier(swiftwrap_add_submodule "${submodule}" "submodule name")
  get_property(known GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_FILE SET)
  if(known)
    get_property(where GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_FILE)
    message(FATAL_ERROR "swiftwrap_add_submodule(${submodule}): the submodule is already declared (in ${where}).")
  endif()
  set_property(GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_FILE "${CMAKE_CURRENT_LIST_FILE}")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_HEADERS "${arg_HEADERS}")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_TYPES "")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_ORIGINS "")
  foreach(entry IN LISTS arg_TYPES)
    _swiftwrap_split_type("${entry}" cpp name)
    _swiftwrap_check_identifier(swiftwrap_add_submodule "${name}" "Python name in TYPES '${entry}'")
    set_property(GLOBAL APPEND PROPERTY _SWIFTWRAP_SUB_${submodule}_TYPES "${cpp}=${name}")
    set_property(GLOBAL APPEND PROPERTY _SWIFTWRAP_SUB_${submodule}_ORIGINS
                 "swiftwrap_add_submodule(${submodule} TYPES)|${CMAKE_CURRENT_LIST_FILE}")
  endforeach()
endfunction()

function(swiftwrap_wrap_template submodule)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "TEMPLATE;NAME" "ARGUMENTS;SUFFIXES")
  _swiftwrap_check_arguments(swiftwrap_wrap_template "${submodule}" REQUIRED TEMPLATE ARGUMENTS)
  _swiftwrap_check_keyword_like(swiftwrap_wrap_template "${submodule}" ARGUMENTS SUFFIXES)
  _swiftwrap_require_submodule(swiftwrap_wrap_template "${submodule}")
  if(NOT arg_NAME)
    string(REGEX REPLACE ".*::" "" arg_NAME "${arg_TEMPLATE}")
  endif()
  list(LENGTH arg_ARGUMENTS count)
  list(LENGTH arg_SUFFIXES suffix_count)
  if(arg_SUFFIXES AND NOT suffix_count EQUAL count)
    message(FATAL_ERROR "swiftwrap_wrap_template(${submodule}): SUFFIXES has ${suffix_count} items, "
                        "ARGUMENTS has ${count}; give one suffix per argument list (in ${CMAKE_CURRENT_LIST_FILE}).")
  endif()
  set(index 0)
  foreach(arguments IN LISTS arg_ARGUMENTS)
    if(arg_SUFFIXES)
      list(GET arg_SUFFIXES ${index} suffix)
    else()
      _swiftwrap_template_suffix("${arguments}" suffix)
    endif()
    set(name "${arg_NAME}${suffix}")
    _swiftwrap_check_identifier(swiftwrap_wrap_template "${name}" "Python name of ${arg_TEMPLATE}<${arguments}>")
    set_property(GLOBAL APPEND PROPERTY _SWIFTWRAP_SUB_${submodule}_TYPES "${arg_TEMPLATE}<${arguments}>=${name}")
    set_property(GLOBAL APPEND PROPERTY _SWIFTWRAP_SUB_${submodule}_ORIGINS
                 "swiftwrap_wrap_template(${submodule} TEMPLATE ARGUMENTS)|${CMAKE_CURRENT_LIST_FILE}")
    math(EXPR index "${index} + 1")
  endforeach()
endfunction()

function(swiftwrap_add_module module)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PACKAGE"
                        "SUBMODULES;DEPENDS;TARGETS;INCLUDE_DIRECTORIES;COMPILE_DEFINITIONS")
  _swiftwrap_check_arguments(swiftwrap_add_module "${module}" REQUIRED SUBMODULES)
  _swiftwrap_check_keyword_like(swiftwrap_add_module "${module}" SUBMODULES DEPENDS TARGETS)
  _swiftwrap_check_identifier(swiftwrap_add_module "${module}" "module name")
  get_property(known GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_PACKAGE SET)
  if(known)
    message(FATAL_ERROR "swiftwrap_add_module(${module}): a module of this name is already declared.")
  endif()
  _swiftwrap_project_settings()
  if(NOT arg_PACKAGE)
    set(arg_PACKAGE "${_swiftwrap_package}")
  endif()
  foreach(target IN LISTS arg_TARGETS)
    if(NOT TARGET "${target}")
      message(FATAL_ERROR "swiftwrap_add_module(${module}): TARGETS names '${target}', which is not a target "
                          "(in ${CMAKE_CURRENT_LIST_FILE}).")
    endif()
  endforeach()
  foreach(dependency IN LISTS arg_DEPENDS)
    _swiftwrap_require_property(_SWIFTWRAP_MOD_${dependency}_PACKAGE "swiftwrap_add_module(${module}): DEPENDS "
      "names '${dependency}', which is not a wrapped module; declare it first or import it with swiftwrap_import_modules")
  endforeach()
  foreach(submodule IN LISTS arg_SUBMODULES)
    _swiftwrap_require_submodule(swiftwrap_add_module "${submodule}")
    get_property(owner_module GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_MODULE)
    if(owner_module)
      message(FATAL_ERROR "swiftwrap_add_module(${module}): SUBMODULES names '${submodule}', which module "
                          "${owner_module} already has (in ${CMAKE_CURRENT_LIST_FILE}).")
    endif()
    set_property(GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_MODULE "${module}")
  endforeach()

  # includes, definitions, link targets: the module's own and its dependencies'.
  _swiftwrap_usage_requirements("${arg_TARGETS}" "${arg_INCLUDE_DIRECTORIES}" "${arg_COMPILE_DEFINITIONS}"
                                "${arg_DEPENDS}")
  _swiftwrap_check_headers("${module}" "${arg_SUBMODULES}" "${includes}")
  set(dirs_prefix "${CMAKE_CURRENT_BINARY_DIR}/swiftwrap")
  set(package_dir "${SWIFTWRAP_PYTHON_OUTPUT_DIR}/${arg_PACKAGE}")
  file(MAKE_DIRECTORY "${dirs_prefix}/castxml" "${dirs_prefix}/wrap" "${dirs_prefix}/swig" "${package_dir}")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_PACKAGE "${arg_PACKAGE}")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_OWNER "${_swiftwrap_owner}")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_DATABASE_DIR "${_swiftwrap_database_dir}")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_SUBMODULES "${arg_SUBMODULES}")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_DEPENDS "${arg_DEPENDS}")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_WRAP_DIR "${dirs_prefix}/wrap")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_CASTXML_DIR "${dirs_prefix}/castxml")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_PACKAGE_DIR "${package_dir}")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_INCLUDE_DIRECTORIES "${includes}")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_COMPILE_DEFINITIONS "${definitions}")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_TARGETS "${link_targets}")
  set_property(GLOBAL PROPERTY _SWIFTWRAP_MOD_${module}_IMPORTED FALSE)
  foreach(submodule IN LISTS arg_SUBMODULES)
    get_property(headers GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_HEADERS)
    get_property(types GLOBAL PROPERTY _SWIFTWRAP_SUB_${submodule}_TYPES)
    set_property(GLOBAL APPEND PROPERTY _SWIFTWRAP_MOD_${module}_HEADERS "${headers}")
    set_property(GLOBAL APPEND PROPERTY _SWIFTWRAP_MOD_${module}_TYPES "${types}")
  endforeach()
  set_property(GLOBAL APPEND PROPERTY _SWIFTWRAP_PKG_${arg_PACKAGE}_MODULES "${module}")

  foreach(submodule IN LISTS arg_SUBMODULES)
    _swiftwrap_add_castxml_command("${module}" "${submodule}")
  endforeach()
  _swiftwrap_add_wrapgen_command("${module}")
  foreach(submodule IN LISTS arg_SUBMODULES)
    _swiftwrap_add_extension_module("${module}" "${submodule}")
  endforeach()
endfunction()

function(swiftwrap_add_python_package package)
  cmake_parse_arguments(PARSE_ARGV 1 arg "NO_PRUNE" "INSTALL_DESTINATION;INTERFACE_DESTINATION;EXPORT_FILE"
                        "INSTALL_INCLUDE_DIRECTORIES")
  _swiftwrap_check_arguments(swiftwrap_add_python_package "${package}")
  get_property(modules GLOBAL PROPERTY _SWIFTWRAP_PKG_${package}_MODULES)
  if(NOT modules)
    message(FATAL_ERROR "swiftwrap_add_python_package(${package}): no module was added to package '${package}' "
                        "with swiftwrap_add_module (in ${CMAKE_CURRENT_LIST_FILE}).")
  endif()
  if(NOT arg_EXPORT_FILE)
    set(arg_EXPORT_FILE "${CMAKE_BINARY_DIR}/${package}-swiftwrap-modules.cmake")
  endif()
  _swiftwrap_write_package_init("${package}" "${modules}")
  _swiftwrap_add_stubgen_command("${package}" "${modules}" ${arg_NO_PRUNE})
  _swiftwrap_write_export_file("${package}" "${modules}" "${arg_EXPORT_FILE}")
  if(NOT arg_INTERFACE_DESTINATION)
    set(arg_INTERFACE_DESTINATION "share/swiftwrap/${package}")
  endif()
  if(arg_INSTALL_DESTINATION)
    _swiftwrap_install_package("${package}" "${modules}" "${arg_INSTALL_DESTINATION}" "${arg_INTERFACE_DESTINATION}"
                               "${arg_INSTALL_INCLUDE_DIRECTORIES}")
  endif()
endfunction()

function(swiftwrap_import_modules)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "FILE" "")
  _swiftwrap_check_arguments(swiftwrap_import_modules "" REQUIRED FILE)
  if(NOT EXISTS "${arg_FILE}")
    message(FATAL_ERROR "swiftwrap_import_modules: FILE '${arg_FILE}' does not exist; configure the project that "
                        "writes it (swiftwrap_add_python_package) first (in ${CMAKE_CURRENT_LIST_FILE}).")
  endif()
  include("${arg_FILE}")
endfunction()

cmake_policy(POP)
