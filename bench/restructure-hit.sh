#!/usr/bin/env bash
# The restructure's performance check (issue 10): a direct hit of castxml-cache costs the same CPU
# time as before. One hyperfine run measures the baseline binary and this build side by side, each
# with its own cache directory, primed first (miss, then hit, checked in the log): a hit with the
# output present (the usual rebuild case) and with the output deleted before each run (the object
# is streamed, decompressed and written). CPU time per run (user + system of the castxml-cache
# process) comes from bench/cpu-time.c; the verdict compares medians: within 3 % of the baseline.
# The TU is stl.cxx (<vector> <string> <map> <memory> <algorithm>); with ITK 5.2's headers
# installed (libinsighttoolkit5-dev) the ITK TU of bench/hit-itk.sh is measured too.
#
#   bash bench/restructure-hit.sh <baseline castxml-cache> [<release-bin-dir, default .build/release>]
#
# Writes $BENCH_OUT/restructure-hit.json (hyperfine), restructure-hit.*.cpu (µs per run) and
# restructure-hit.md (the table). Exit status 1 when a median is more than 3 % above the baseline.
set -euo pipefail
BASE=$(cd "$(dirname "${1:?usage: $0 <baseline castxml-cache> [<release-bin-dir>]}")" && pwd)/$(basename "$1")
BIN_DIR=${2:-$(dirname "$0")/../.build/release}
set -- "$BIN_DIR" "$(command -v python3)"
source "$(dirname "$0")/lib.sh"
[ -x "$BASE" ] || die "baseline $BASE is not executable"
[ -x "$CACHE_BIN" ] || die "$CACHE_BIN not found (swift build -c release)"
command -v hyperfine >/dev/null || die "hyperfine not found (apt-get install -y hyperfine)"
R=$(runs 200 10); W=$(runs 20 2)

D=$BENCH_WORK/restructure
mkdir -p "$D"
cc -O2 -o "$D/cpu-time" "$BENCH_DIR/cpu-time.c"
cat > "$D/stl.cxx" <<'CXX'
#include <vector>
#include <string>
#include <map>
#include <memory>
#include <algorithm>
namespace _wrapping_ { namespace wrappers { typedef std::vector<std::string> StringVector; typedef std::map<std::string, int> StringIntMap; } }
CXX
TUS=(stl)
ARGS_stl=("${STL_ARGS[@]}")
if [ -f /usr/include/ITK-5.2/itkImage.h ]; then
  [ -f "$TU/itkBench.cxx" ] || bash "$BENCH_DIR/make-itk-tu.sh" "$TU" >/dev/null
  cp "$TU/itkBench.cxx" "$TU/itkBench.castxml.inc" "$D/"
  TUS+=(itk)
  ARGS_itk=("${ITK_ARGS[@]}")
fi
cd "$D"
rm -f restructure-hit.*.cpu "$BENCH_OUT"/restructure-hit.*.cpu

commands=()
for tu in "${TUS[@]}"; do
  declare -n args="ARGS_$tu"
  for variant in base new; do
    bin=$BASE; [ $variant = new ] && bin=$CACHE_BIN
    cache=$D/cache-$tu-$variant out=$tu.$variant.xml log=$D/$tu.$variant.log
    fresh_dir "$cache"; rm -f "$out" "$log" "$log.prime"
    log "priming $variant ($bin) on $tu"
    for i in 1 2; do "$bin" --cache-dir "$cache" --log "$log.prime" "$CASTXML" "${args[@]}" -o "$out"; done
    grep -q 'result=direct-hit ' "$log.prime" || die "$variant gave no direct hit on $tu"
    x="$bin --cache-dir $cache --log $log $(cmdline "$CASTXML" "${args[@]}" -o "$out")"
    commands+=(-n "$tu $variant, output present" --prepare true "$D/cpu-time $D/$tu.$variant.present.cpu $x")
    commands+=(-n "$tu $variant, output deleted" --prepare "rm -f $out" "$D/cpu-time $D/$tu.$variant.deleted.cpu $x")
  done
  cmp "$tu.base.xml" "$tu.new.xml" || die "the two binaries restored different XML for $tu"
done
log "hyperfine: baseline vs this build, $R runs each"
hf restructure-hit -w "$W" -r "$R" "${commands[@]}"
for tu in "${TUS[@]}"; do
  for variant in base new; do verify_log "$D/$tu.$variant.log" direct-hit $((2 * (R + W))); done
done
cp "$D"/*.cpu "$BENCH_OUT/"

python3 - "$D" "$R" "${TUS[@]}" > "$BENCH_OUT/restructure-hit.md" <<'PY'
import statistics, sys
d, runs, tus = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def cpu(name):
    values = [int(line) for line in open(f"{d}/{name}.cpu")]
    return statistics.median(values[-runs:]) / 1000  # the warm-up runs come first
print("| TU, case | baseline median CPU ms | this build median CPU ms | ratio |")
print("|---|---|---|---|")
worst = 0
for tu in tus:
    for case in ("present", "deleted"):
        base, new = cpu(f"{tu}.base.{case}"), cpu(f"{tu}.new.{case}")
        worst = max(worst, new / base)
        print(f"| {tu}, output {case} | {base:.3f} | {new:.3f} | {new / base:.3f} |")
print(f"\nworst ratio {worst:.3f}: {'PASS' if worst <= 1.03 else 'FAIL'} (target ≤ 1.03)")
PY
cat "$BENCH_OUT/restructure-hit.md"
grep -q PASS "$BENCH_OUT/restructure-hit.md"
