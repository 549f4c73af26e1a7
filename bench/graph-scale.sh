#!/usr/bin/env bash
# Build-graph benchmark at scale (issue 15; docs/benchmarks.md, "Build graph at scale").
#
#   bash bench/graph-scale.sh [BIN_DIR] [PYTHON] [MAIN_BIN_DIR MAIN_CMAKE_DIR]
#
# Generates projects that use only the documented CMake functions and measures, per variant (this
# checkout's CMake/ with the tools in BIN_DIR; optionally a second variant, e.g. main's CMake/ and
# tools, in the same run):
#   stage project   GRAPH_SUBMODULES (300) submodules in GRAPH_MODULES (10) modules, targets <pkg>-<M>
#                   (castxml + wrapgen): cold build (empty caches), no-op, `ninja -t clean` recovery,
#                   one header touched, one header edited (a method added).
#   whole project   WHOLE_SUBMODULES (30) in WHOLE_MODULES (3), the whole graph (SWIG, the wrapper
#                   compiles through ccache, stubs): cold, no-op, `ninja -t clean` recovery (0: skipped).
#   ITK project     (when /usr/include/ITK-5.2 exists and ITK_SUBMODULES > 0, default 6) ITK-shaped
#                   submodules (itkImage.h, itkImageRegion.h, ... with ITK's include directory) in
#                   2 modules, castxml + wrapgen stage: cold, no-op, recovery, touched header.
# Each measurement is the wall time of one `ninja` run plus per-step totals from the .ninja_log
# lines that run added (CPU-seconds summed over steps, by kind). Results: $work/results.md.
# Every castxml/SWIG/ccache cache is fresh per variant; nothing outside $work is written.
# MAIN_CMAKE_DIR is a CMake/ directory of the other version, e.g. from `git archive main CMake | tar -x -C DIR`.
# Measure on a quiet machine: every figure is wall time, and other builds on the cores stretch it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=$(cd "${1:-$repo/.build/release}" && pwd)
python=${2:-$repo/build/venv/bin/python}
[ -x "$python" ] || python=$(command -v python3)
main_bin=${3:-}
main_cmake=${4:-}
work=${GRAPH_WORK:-$repo/build/bench/graph-scale}
GRAPH_SUBMODULES=${GRAPH_SUBMODULES:-300}
GRAPH_MODULES=${GRAPH_MODULES:-10}
WHOLE_SUBMODULES=${WHOLE_SUBMODULES:-30}
WHOLE_MODULES=${WHOLE_MODULES:-3}
ITK_SUBMODULES=${ITK_SUBMODULES:-6}
unset SWIFTWRAP_CACHE_DIR SWIFTWRAP_CACHE_MODE SWIFTWRAP_CACHE_BASE_DIR SWIFTWRAP_CACHE_TOUCH \
      SWIFTWRAP_CACHE_COMPRESSION SWIFTWRAP_CACHE_LOG SWIFTWRAP_CACHE_DISABLE CCACHE_DIR MAKEFLAGS || true
rm -rf "$work"
mkdir -p "$work"
results=$work/results.md
: > "$results"

gen() { "$python" "$here/graph_scale.py" "$@"; }

# run <variant> <build> <label> <ninja args...>: one timed ninja run, one result line.
run() {
  local variant=$1 build=$2 label=$3
  shift 3
  local before after start end
  # Ninja recompacts its log now and then: the run's steps are the lines the log did not hold before.
  before=$build/.ninja_log.before
  : > "$before"
  [ -f "$build/.ninja_log" ] && cp "$build/.ninja_log" "$before"
  start=$(date +%s.%N)
  ninja -C "$build" "$@" > "$build/last.log" 2>&1 || { cat "$build/last.log" >&2; exit 1; }
  end=$(date +%s.%N)
  gen steps "$build/.ninja_log" "$before" "$variant" "$label" "$start" "$end" "$build/last.log" >> "$results"
  tail -n 1 "$results" >&2
}

configure() {  # configure <variant> <tools> <cmake dir> <source> <build>
  mkdir -p "$(dirname "$5")"
  local variant=$1 tools=$2 cmake_dir=$3 source=$4 build=$5
  cmake -S "$source" -B "$build" -G Ninja -DSWIFTWRAP_TOOLS_DIR="$tools" -DPython3_EXECUTABLE="$python" \
        -DSWIFTWRAP_MODULE_PATH="$cmake_dir" -DSWIFTWRAP_CACHE_DIR="$work/$variant/cache" \
        -DCMAKE_CXX_COMPILER_LAUNCHER=ccache > "$build.configure.log" 2>&1 || { cat "$build.configure.log" >&2; exit 1; }
}

measure_variant() {  # measure_variant <variant> <tools> <cmake dir>
  local variant=$1 tools=$2 cmake_dir=$3 dir=$work/$1
  mkdir -p "$dir"
  export CCACHE_DIR=$dir/ccache SWIFTWRAP_CACHE_LOG=$dir/castxml-cache.log
  # Stage project (castxml + wrapgen).
  local src=$dir/src/stage build=$dir/build/stage
  gen project "$src" gs "$GRAPH_MODULES" "$GRAPH_SUBMODULES"
  configure "$variant" "$tools" "$cmake_dir" "$src" "$build"
  local stage
  stage=$(for ((m = 0; m < GRAPH_MODULES; m++)); do printf 'gs-M%d ' "$m"; done)
  # shellcheck disable=SC2086
  {
    run "$variant" "$build" "stage $GRAPH_SUBMODULES: cold" $stage
    run "$variant" "$build" "stage $GRAPH_SUBMODULES: no-op" $stage
    ninja -C "$build" -t clean > /dev/null
    run "$variant" "$build" "stage $GRAPH_SUBMODULES: ninja -t clean recovery" $stage
    ninja -C "$build" -t clean > /dev/null
    run "$variant" "$build" "stage $GRAPH_SUBMODULES: ninja -t clean recovery (2nd)" $stage
    run "$variant" "$build" "stage $GRAPH_SUBMODULES: no-op after recovery" $stage
    sleep 0.01; touch "$src/include/m1/s1.h"
    run "$variant" "$build" "stage $GRAPH_SUBMODULES: one header touched" $stage
    gen edit "$src/include/m1/s1.h"
    run "$variant" "$build" "stage $GRAPH_SUBMODULES: one header edited" $stage
  }
  # Whole graph, smaller project (WHOLE_SUBMODULES=0 skips it).
  if [ "$WHOLE_SUBMODULES" -gt 0 ]; then
    src=$dir/src/whole build=$dir/build/whole
    gen project "$src" gw "$WHOLE_MODULES" "$WHOLE_SUBMODULES"
    configure "$variant" "$tools" "$cmake_dir" "$src" "$build"
    run "$variant" "$build" "whole $WHOLE_SUBMODULES: cold"
    run "$variant" "$build" "whole $WHOLE_SUBMODULES: no-op"
    ninja -C "$build" -t clean > /dev/null
    run "$variant" "$build" "whole $WHOLE_SUBMODULES: ninja -t clean recovery"
    run "$variant" "$build" "whole $WHOLE_SUBMODULES: no-op after recovery"
  fi
  # ITK-shaped project (castxml + wrapgen stage).
  if [ -f /usr/include/ITK-5.2/itkImage.h ] && [ "$ITK_SUBMODULES" -gt 0 ]; then
    src=$dir/src/itk build=$dir/build/itk
    gen itk "$src" "$ITK_SUBMODULES"
    configure "$variant" "$tools" "$cmake_dir" "$src" "$build"
    run "$variant" "$build" "ITK $ITK_SUBMODULES: cold" gi-ItkA gi-ItkB
    run "$variant" "$build" "ITK $ITK_SUBMODULES: no-op" gi-ItkA gi-ItkB
    ninja -C "$build" -t clean > /dev/null
    run "$variant" "$build" "ITK $ITK_SUBMODULES: ninja -t clean recovery" gi-ItkA gi-ItkB
    sleep 0.01; touch "$src/include/gi_common.h"
    run "$variant" "$build" "ITK $ITK_SUBMODULES: one header touched" gi-ItkA gi-ItkB
  fi
}

echo "| variant | measurement | wall s | steps run | per-step totals (s, summed over steps) |" >> "$results"
echo "|---|---|---:|---:|---|" >> "$results"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at start; $(date -u +%FT%TZ)" >&2
if [ -n "$main_bin" ]; then
  measure_variant main "$(cd "$main_bin" && pwd)" "$(cd "$main_cmake" && pwd)"
fi
measure_variant branch "$bin" "$repo/CMake"
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cat "$results"
