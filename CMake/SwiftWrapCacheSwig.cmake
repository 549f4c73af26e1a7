# SwiftWrapCache internals: how SWIG and the wrapper compiles are launched (the SWIG cache and
# ccache). Included by SwiftWrapCacheCommands.cmake.

# Sets <launcher_out> to what goes before SWIG on its command line and <depends_out> to what the
# SWIG command then also depends on: castxml-cache with the cache settings as flags and --swig (one
# process: no `cmake -E env`), or nothing when SWIFTWRAP_SWIG_CACHE is OFF.
function(_swiftwrap_swig_launcher launcher_out depends_out)
  set(launcher "")
  set(depends "")
  if(SWIFTWRAP_SWIG_CACHE)
    set(launcher "$<TARGET_FILE:SwiftWrap::castxml-cache>")
    if(SWIFTWRAP_CACHE_DIR)
      list(APPEND launcher --cache-dir "${SWIFTWRAP_CACHE_DIR}")
    endif()
    if(SWIFTWRAP_CACHE_BASE_DIR)
      list(APPEND launcher --base-dir "${SWIFTWRAP_CACHE_BASE_DIR}")
    endif()
    list(APPEND launcher --swig)
    set(depends SwiftWrap::castxml-cache)
  endif()
  set(${launcher_out} "${launcher}" PARENT_SCOPE)
  set(${depends_out} "${depends}" PARENT_SCOPE)
endfunction()

# Sets <out> to the compiler launcher of the wrapper compiles: CMAKE_CXX_COMPILER_LAUNCHER when the
# user set one, else ccache when SWIFTWRAP_USE_CCACHE is ON and ccache is installed, else nothing.
function(_swiftwrap_compiler_launcher out)
  if(CMAKE_CXX_COMPILER_LAUNCHER OR NOT SWIFTWRAP_USE_CCACHE)
    set(${out} "${CMAKE_CXX_COMPILER_LAUNCHER}" PARENT_SCOPE)
    return()
  endif()
  find_program(SWIFTWRAP_CCACHE_EXECUTABLE ccache DOC "ccache for the SWIG wrapper compiles (SWIFTWRAP_USE_CCACHE)")
  if(SWIFTWRAP_CCACHE_EXECUTABLE)
    set(${out} "${SWIFTWRAP_CCACHE_EXECUTABLE}" PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()
