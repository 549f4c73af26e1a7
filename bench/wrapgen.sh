#!/usr/bin/env bash
# wrapgen benchmark (docs/benchmarks.md, section wrapgen).
#   bench/wrapgen.sh [BIN_DIR] [PYTHON]
# 1. Writes an ITK translation unit (15 ITK 5.2 headers x 4 pixel types x dims 2 and 3 = 116 typedefs)
#    and runs castxml on it WITHOUT --castxml-start, giving a ~27 MB XML (kept in build/bench/).
# 2. Times wrapgen on it end to end (parse, records, database commit, .i/.idx/.index.txt, stamp) with
#    hyperfine, and its peak RSS with /usr/bin/time -v.
# 3. Times pygccxml (PyPI) parsing the same file, in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release}
python=${2:-build/venv/bin/python}
work=build/bench/wrapgen
mkdir -p "$work"
itk=/usr/include/ITK-5.2
[ -d "$itk" ] || { echo "ITK 5.2 headers missing: apt-get install libinsighttoolkit5-dev" >&2; exit 1; }

filters=(ImageFileReader ImageFileWriter MedianImageFilter MeanImageFilter BinaryThresholdImageFilter
         DiscreteGaussianImageFilter GradientMagnitudeImageFilter RescaleIntensityImageFilter
         CastImageFilter AddImageFilter ShiftScaleImageFilter SmoothingRecursiveGaussianImageFilter
         ThresholdImageFilter InvertIntensityImageFilter MinimumMaximumImageFilter)
pixels=("float:F" "double:D" "unsigned char:UC" "short:SS")
cxx=$work/itkBig.cxx
{
  echo '#include "itkImage.h"'
  for f in "${filters[@]}"; do echo "#include \"itk$f.h\""; done
  echo 'namespace _wrapping_ { namespace wrappers {'
  names=()
  for d in 2 3; do
    for p in "${pixels[@]}"; do
      t=${p%%:*}; s=${p##*:}
      img="itk::Image<$t,$d>"
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
  echo 'void force_instantiate() { using namespace _wrapping_::wrappers;'
  for n in "${names[@]}"; do echo "  (void)sizeof($n);"; done
  echo '} }'
} > "$cxx.new"
# Keep the old file (and its mtime) when nothing changed, so castxml is not rerun.
if cmp -s "$cxx.new" "$cxx"; then rm "$cxx.new"; else mv "$cxx.new" "$cxx"; fi
ntypedefs=$(grep -c '^typedef' "$cxx")

xml=$work/itkBig.nostart.xml
if [ ! -s "$xml" ] || [ "$cxx" -nt "$xml" ]; then
  echo "castxml (whole translation unit, no --castxml-start) ..."
  castxml --castxml-output=1 --castxml-cc-gnu '(' g++ -std=c++17 -fno-sized-deallocation ')' \
    -w -c -I"$itk" -DITK_MANUAL_INSTANTIATION -o "$xml" "$cxx"
fi
bytes=$(stat -c %s "$xml")
echo "XML: $xml, $bytes bytes, $ntypedefs typedefs"

run_wrapgen() {
  "$bin/wrapgen" --module ITKBig --owner bench --database-dir "$work/db" --output-dir "$work/out" \
    --submodule itkBig="$xml" --include itkBig=itkImage.h 2>"$work/warnings.txt"
}
run_wrapgen
echo "records: $(wc -l < "$work/out/itkBig.index.txt"), warnings: $(wc -l < "$work/warnings.txt")"

cat > "$work/parse_pygccxml.py" <<'PY'
import shutil, sys, time, logging
from pygccxml import parser, utils
utils.loggers.set_level(logging.CRITICAL)
cfg = parser.xml_generator_configuration_t(xml_generator="castxml", xml_generator_path=shutil.which("castxml"), flags=["--castxml-output=1"])
start = time.perf_counter()
decls = parser.source_reader_t(cfg).read_xml_file(sys.argv[1])
print(f"pygccxml read_xml_file: {time.perf_counter() - start:.2f} s")
PY

wrapgen_cmd="$bin/wrapgen --module ITKBig --owner bench --database-dir $work/db --output-dir $work/out --submodule itkBig=$xml --include itkBig=itkImage.h"
hyperfine --warmup 1 --runs "${WRAPGEN_RUNS:-10}" --export-json "$work/wrapgen.json" -n wrapgen "$wrapgen_cmd 2>/dev/null"
hyperfine --runs "${PYGCCXML_RUNS:-3}" --export-json "$work/pygccxml.json" -n pygccxml "$python $work/parse_pygccxml.py $xml"
/usr/bin/time -v $wrapgen_cmd 2>"$work/time.txt" >/dev/null || true
rss_kb=$(grep "Maximum resident" "$work/time.txt" | awk '{print $NF}')
python3 - "$work" "$bytes" "$rss_kb" <<'PY'
import json, sys
work, size, rss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) * 1024
w = json.load(open(f"{work}/wrapgen.json"))["results"][0]
p = json.load(open(f"{work}/pygccxml.json"))["results"][0]
print(f"XML {size/1e6:.1f} MB")
print(f"wrapgen  mean {w['mean']:.3f} s (min {w['min']:.3f}) -> {size/1e6/w['mean']:.0f} MB/s (best {size/1e6/w['min']:.0f} MB/s)")
print(f"wrapgen  peak RSS {rss/1e6:.0f} MB = {rss/size:.2f} x the XML")
print(f"pygccxml mean {p['mean']:.2f} s (process, includes import) -> wrapgen is {p['mean']/w['mean']:.1f}x faster")
PY
