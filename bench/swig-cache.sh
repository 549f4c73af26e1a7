#!/usr/bin/env bash
# SWIG cache benchmark (issue 15): SWIG run vs castxml-cache --swig hit, per interface.
#   bench/swig-cache.sh [BIN_DIR] [PYTHON]
# Interfaces: the four submodules of examples/ (their .i files as wrapgen writes them, built through the
# CMake module up to the stubs) and, when libinsighttoolkit5-dev is installed, an ITK-shaped one
# (itkBig.i: 16 ITK 5.2 headers x 4 pixel types x dims 2 and 3 = 128 classes, wrapgen from castxml's XML).
# For each: hyperfine of `swig …` (the run a miss costs), of a hit whose outputs are all in place
# (restat: nothing written) and of a hit after the outputs were deleted (`ninja -t clean` recovery).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build/release}")
python=$(realpath "${2:-build/venv/bin/python}")
work=$(realpath -m build/bench/swig-cache)
runs=${SWIG_BENCH_RUNS:-5}
mkdir -p "$work"
export SWIFTWRAP_CACHE_DIR=$work/cache
unset SWIFTWRAP_CACHE_LOG SWIFTWRAP_CACHE_BASE_DIR

# 1. The example's interfaces.
cmake -S examples -B "$work/example" -G Ninja -DSWIFTWRAP_TOOLS_DIR="$bin" -DPython3_EXECUTABLE="$python" \
  -DSWIFTWRAP_CACHE_DIR="$work/castxml-cache" >/dev/null
ninja -C "$work/example" geom-stubs >/dev/null
interfaces=()
for s in Geometry Shapes Circles Polygons; do interfaces+=("$work/example/swiftwrap/wrap/$s.i"); done

# 2. The ITK-shaped interface.
itk=/usr/include/ITK-5.2
if [ -d "$itk" ]; then
  filters=(ImageFileReader ImageFileWriter MedianImageFilter MeanImageFilter BinaryThresholdImageFilter
           DiscreteGaussianImageFilter GradientMagnitudeImageFilter RescaleIntensityImageFilter
           CastImageFilter AddImageFilter ShiftScaleImageFilter SmoothingRecursiveGaussianImageFilter
           ThresholdImageFilter InvertIntensityImageFilter MinimumMaximumImageFilter)
  cxx=$work/itkBig.cxx
  names=()
  {
    echo '#include "itkImage.h"'
    for f in "${filters[@]}"; do echo "#include \"itk$f.h\""; done
    echo 'namespace _wrapping_ { namespace wrappers {'
    for d in 2 3; do
      for p in "float:F" "double:D" "unsigned char:UC" "short:SS"; do
        t=${p%%:*}; s=${p##*:}; img="itk::Image<$t,$d>"
        echo "typedef $img itkImage$s$d;"; names+=("itkImage$s$d")
        for f in "${filters[@]}"; do
          case $f in
            ImageFileReader|ImageFileWriter|MinimumMaximumImageFilter|ThresholdImageFilter)
              echo "typedef itk::$f<$img> itk$f$s$d;"; names+=("itk$f$s$d");;
            *) echo "typedef itk::$f<$img,$img> itk$f$s$d$s$d;"; names+=("itk$f$s$d$s$d");;
          esac
        done
      done
    done
    echo '}'
    # Complete types: castxml then lists every instantiation's members.
    echo 'void force_instantiate() { using namespace _wrapping_::wrappers;'
    for n in "${names[@]}"; do echo "  (void)sizeof($n);"; done
    echo '} }'
  } > "$cxx"
  "$bin/castxml-cache" castxml --castxml-output=1 --castxml-start _wrapping_ \
    --castxml-cc-gnu '(' g++ -std=c++17 -fno-sized-deallocation ')' -w -c -I"$itk" -DITK_MANUAL_INSTANTIATION \
    -o "$work/itkBig.xml" "$cxx"
  rm -rf "$work/itk-db"
  "$bin/wrapgen" --module ITKBig --owner bench --database-dir "$work/itk-db" --output-dir "$work" \
    --submodule itkBig="$work/itkBig.xml" --include itkBig=itkImage.h 2>/dev/null
  echo "itkBig.i: $(wc -l < "$work/itkBig.index.txt") classes"
  interfaces+=("$work/itkBig.i")
else
  echo "ITK 5.2 headers missing (apt-get install libinsighttoolkit5-dev): example interfaces only" >&2
fi

# 3. SWIG run vs hits.
out=$work/out
mkdir -p "$out"
for i in "${interfaces[@]}"; do
  s=$(basename "$i" .i)
  args="-c++ -python -I$(dirname "$i") -outdir $out -o $out/${s}_wrap.cxx -MD -MF $out/${s}_wrap.cxx.d -MT $out/${s}_wrap.cxx $i"
  "$bin/castxml-cache" --swig swig $args >/dev/null 2>&1  # store the entry
  hyperfine --warmup 1 --runs "$runs" --export-json "$work/$s.json" \
    -n "swig" "swig $args" -n "hit, outputs in place" "$bin/castxml-cache --swig swig $args" >/dev/null
  hyperfine --warmup 1 --runs "$runs" --export-json "$work/$s.deleted.json" \
    --prepare "rm -f $out/${s}_wrap.cxx $out/$s.py $out/${s}_wrap.cxx.d" \
    -n "hit, outputs deleted" "$bin/castxml-cache --swig swig $args" >/dev/null
  python3 - "$work/$s.json" "$work/$s.deleted.json" "$s" "$out/${s}_wrap.cxx" <<'PY'
import json, os, sys
r = json.load(open(sys.argv[1]))["results"] + json.load(open(sys.argv[2]))["results"]
size = os.path.getsize(sys.argv[4])
print(f"{sys.argv[3]:10s} wrapper {size/1e6:5.2f} MB  " + "  ".join(
    f"{x['command']}: {x['median']*1000:.1f} ms" for x in r) + f"  (swig / hit after delete: {r[0]['median']/r[2]['median']:.0f}x)")
PY
done
