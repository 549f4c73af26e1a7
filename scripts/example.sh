#!/usr/bin/env bash
# Builds the example project under examples/ into build/example with CMake + Ninja.
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=$1
python=$2
if [ ! -f examples/CMakeLists.txt ]; then
  echo "example: tools built in $bin_dir:"
  ls -1 "$bin_dir"/castxml-cache "$bin_dir"/wrapgen "$bin_dir"/stubgen
  echo "example: the example project arrives with the CMake module (issue 6); nothing more to build yet."
  exit 0
fi
cmake -S examples -B build/example -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DSWIFTWRAP_TOOLS_DIR="$bin_dir" -DPython3_EXECUTABLE="$python"
cmake --build build/example
