#!/usr/bin/env bash
# Builds an example project with CMake + Ninja, runs its Python script, and shows where the stubs are
# and the castxml-cache statistics. Default: examples/ (geom) into build/example; with "itk" as the
# third argument: examples/itk (part of ITK, issue 12) into build/example-itk.
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=$1
python=$2
case "${3:-geom}" in
  geom) source=examples; build=build/example; script=examples/use_geom.py; package=geom ;;
  itk)  source=examples/itk; build=build/example-itk; script=examples/itk/use_itk.py; package=itkwrap ;;
  *)    echo "example.sh: unknown example '$3' (geom or itk)" >&2; exit 64 ;;
esac
cmake -S "$source" -B "$build" -G Ninja \
  -DSWIFTWRAP_TOOLS_DIR="$bin_dir" -DPython3_EXECUTABLE="$python"
cmake --build "$build"
echo "example: running $script"
PYTHONPATH="$build/python" "$python" "$script"
echo "example: package and stubs in $(pwd)/$build/python/$package:"
ls "$build/python/$package" | grep -E '\.pyi$|py\.typed$' | sed 's/^/  /' || echo "  (no stubs: stubgen cannot write them yet)"
echo "example: castxml-cache statistics"
"$bin_dir/castxml-cache" --show-stats
