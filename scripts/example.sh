#!/usr/bin/env bash
# Builds the example project under examples/ into build/example with CMake + Ninja, runs its
# Python script, and shows where the stubs are and the castxml-cache statistics.
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=$1
python=$2
build=build/example
cmake -S examples -B "$build" -G Ninja \
  -DSWIFTWRAP_TOOLS_DIR="$bin_dir" -DPython3_EXECUTABLE="$python"
cmake --build "$build"
echo "example: running examples/use_geom.py"
PYTHONPATH="$build/python" "$python" examples/use_geom.py
echo "example: package and stubs in $(pwd)/$build/python/geom:"
ls "$build/python/geom" | grep -E '\.pyi$|py\.typed$' | sed 's/^/  /' || echo "  (no stubs: stubgen cannot write them yet)"
echo "example: castxml-cache statistics"
"$bin_dir/castxml-cache" --show-stats
