#!/usr/bin/env bash
# wrapgen benchmark (docs/benchmarks.md, section wrapgen).
#   bench/wrapgen.sh [BIN_DIR] [PYTHON]
# Two inputs (kept in build/bench/wrapgen/):
#   itkBig.nostart.xml  an ITK translation unit (16 ITK 5.2 headers x 4 pixel types x dims 2 and 3 = 128
#                       typedefs) run through castxml WITHOUT --castxml-start (~26 MB);
#   itkWrapping.xml     the ITK wrapping translation unit of bench/make-itk-tu.sh (15 headers x 7 pixel types
#                       x dims 2 and 3 = 210 typedefs, as ITK's wrapping .cxx files are written) run through
#                       castxml WITH --castxml-start _wrapping_, as ITK's build does (~7 MB).
# For each: wrapgen end to end (parse, records, database commit, .i/.idx/.index.txt, stamp) with hyperfine,
# its peak RSS with /usr/bin/time -v, and pygccxml (PyPI) read_xml_file on the same file in the same run
# (hyperfine over the whole Python process, and the read_xml_file call alone, timed inside the process).
# Environment: WRAPGEN_RUNS (default 10), PYGCCXML_RUNS (default 3).
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
# The wrapping translation unit, as ITK's build runs castxml on it.
tu=$work/tu
[ -f "$tu/itkBench.cxx" ] || bash bench/make-itk-tu.sh "$tu" >/dev/null
wxml=$work/itkWrapping.xml
if [ ! -s "$wxml" ] || [ "$tu/itkBench.cxx" -nt "$wxml" ]; then
  echo "castxml (ITK wrapping translation unit, --castxml-start _wrapping_) ..."
  (cd "$tu" && castxml --castxml-output=1 --castxml-start _wrapping_ --castxml-cc-gnu '(' g++ -std=c++17 -fno-sized-deallocation ')' \
    -w -c @itkBench.castxml.inc itkBench.cxx -o "../$(basename "$wxml")")
fi

cat > "$work/parse_pygccxml.py" <<'PY'
import shutil, sys, time, logging
from pygccxml import parser, utils
utils.loggers.set_level(logging.CRITICAL)
cfg = parser.xml_generator_configuration_t(xml_generator="castxml", xml_generator_path=shutil.which("castxml"), flags=["--castxml-output=1"])
start = time.perf_counter()
decls = parser.source_reader_t(cfg).read_xml_file(sys.argv[1])
elapsed = time.perf_counter() - start
with open(sys.argv[2], "a") as log:
    log.write(f"{elapsed}\n")
print(f"pygccxml read_xml_file: {elapsed:.2f} s")
PY

/usr/bin/time -v "$bin/wrapgen" --version 2>"$work/time-version.txt" >/dev/null
version_kb=$(grep "Maximum resident" "$work/time-version.txt" | awk '{print $NF}')

measure() {  # measure NAME XML SUBMODULE
  local name=$1 xml=$2 sub=$3 bytes
  bytes=$(stat -c %s "$xml")
  local cmd="$bin/wrapgen --module ITKBig --owner bench --database-dir $work/db-$name --output-dir $work/out-$name --submodule $sub=$xml --include $sub=itkImage.h"
  $cmd 2>"$work/warnings-$name.txt"
  echo "== $name: $xml, $bytes bytes, records: $(wc -l < "$work/out-$name/$sub.index.txt"), warnings: $(wc -l < "$work/warnings-$name.txt")"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  # --shell=none: no shell start-up in wrapgen's numbers (hyperfine sends the output to /dev/null).
  hyperfine --shell=none --warmup 1 --runs "${WRAPGEN_RUNS:-10}" --export-json "$work/wrapgen-$name.json" -n "wrapgen $name" "$cmd"
  # The first run into an empty database (every row written), for comparison with the reruns above,
  # which find their rows unchanged and write none.
  hyperfine --shell=none --runs "${WRAPGEN_RUNS:-10}" --prepare "rm -rf $work/db-$name-fresh" \
    --export-json "$work/wrapgen-$name-fresh.json" -n "wrapgen $name, empty database" "${cmd/db-$name/db-$name-fresh}"
  : > "$work/pygccxml-$name.calls"
  hyperfine --runs "${PYGCCXML_RUNS:-3}" --export-json "$work/pygccxml-$name.json" -n "pygccxml $name" \
    "$python $work/parse_pygccxml.py $xml $work/pygccxml-$name.calls"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -v $cmd 2>"$work/time-$name.txt" >/dev/null || true
  local rss_kb
  rss_kb=$(grep "Maximum resident" "$work/time-$name.txt" | awk '{print $NF}')
  python3 - "$work" "$name" "$bytes" "$rss_kb" "$version_kb" <<'PY'
import json, statistics, sys
work, name, size, rss, version = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) * 1024, int(sys.argv[5]) * 1024
w = json.load(open(f"{work}/wrapgen-{name}.json"))["results"][0]
fresh = json.load(open(f"{work}/wrapgen-{name}-fresh.json"))["results"][0]
faults = next(int(line.split()[-1]) for line in open(f"{work}/time-{name}.txt") if "Minor" in line)
p = json.load(open(f"{work}/pygccxml-{name}.json"))["results"][0]
calls = [float(line) for line in open(f"{work}/pygccxml-{name}.calls") if line.strip()]
wm, pm, cm = statistics.median(w["times"]), statistics.median(p["times"]), statistics.median(calls)
print(f"XML {size/1e6:.1f} MB")
print(f"wrapgen  median {wm*1e3:.1f} ms (mean {w['mean']*1e3:.1f}, min {w['min']*1e3:.1f}) -> {size/1e6/wm:.0f} MB/s; "
      f"CPU user {w['user']*1e3:.1f} + system {w['system']*1e3:.1f} ms (mean); {faults} minor page faults")
fm = statistics.median(fresh["times"])
print(f"wrapgen  into an empty database: median {fm*1e3:.1f} ms (mean {fresh['mean']*1e3:.1f}, min {fresh['min']*1e3:.1f}), "
      f"{cm/fm:.1f}x against read_xml_file alone")
print(f"wrapgen  peak RSS {rss/1e6:.1f} MB = {rss/size:.2f} x the XML; bound 4 x XML + RSS of wrapgen --version "
      f"({version/1e6:.1f} MB) = {(4*size+version)/1e6:.1f} MB: {'met' if rss <= 4*size+version else 'NOT met'}")
print(f"pygccxml median {pm:.2f} s (whole process), read_xml_file alone median {cm:.2f} s")
print(f"wrapgen faster by {pm/wm:.1f}x (process vs process), {cm/wm:.1f}x (wrapgen process vs read_xml_file alone)")
PY
}
measure nostart "$xml" itkBig
measure wrapping "$wxml" itkWrapping
