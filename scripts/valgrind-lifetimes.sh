#!/usr/bin/env bash
# `make valgrind-lifetimes`: builds the lifetime fixture (Tests/Fixtures/cmake/lifetimes: our small
# library and Debian's tinyxml2) into build/valgrind-lifetimes with the given tools and Python, and
# runs scripts/valgrind-lifetimes.py under valgrind: any invalid read or write fails (exit 99).
# Not part of `make test` (valgrind makes the Python run take ~20 s); test_lifetimes.py covers the
# same scenarios under MALLOC_PERTURB_.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build/release}")
python=$(realpath -s "${2:-build/venv/bin/python}")
build=$PWD/build/valgrind-lifetimes
cmake -S Tests/Fixtures/cmake/lifetimes -B "$build" -G Ninja -DSWIFTWRAP_TOOLS_DIR="$bin" \
  -DPython3_EXECUTABLE="$python" -DSWIFTWRAP_MODULE_PATH="$PWD/CMake" -DSWIFTWRAP_CACHE_DIR="$build/cache" \
  -DCMAKE_CXX_FLAGS="-O0 -g" >/dev/null
ninja -C "$build" >/dev/null
# PYTHONMALLOC=malloc: every Python object through malloc, so valgrind sees all of them.
PYTHONMALLOC=malloc PYTHONPATH="$build/python" valgrind -q --error-exitcode=99 --errors-for-leak-kinds=none \
  "$python" scripts/valgrind-lifetimes.py
