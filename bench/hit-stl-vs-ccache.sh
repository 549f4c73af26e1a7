#!/usr/bin/env bash
# Measurement 2: direct hit on stl.cxx (<vector> <string> <map> <memory> <algorithm>):
# castxml-cache's direct hit vs ccache's direct hit compiling the same file with g++, one hyperfine run.
# Both caches fresh and primed twice (miss, then hit). Each tool is measured with its output
# already present (the normal rebuild case) and with the output deleted before each run.
# castxml-cache runs are checked in its log; ccache runs in its statistics (direct_cache_hit).
#
#   bash bench/hit-stl-vs-ccache.sh <release-bin-dir> <python>
source "$(dirname "$0")/lib.sh"
ensure_tools
setup_tu
cd "$TU"

C=$BENCH_WORK/cache-hit-stl
export CCACHE_DIR=$BENCH_WORK/ccache-stl
fresh_dir "$C"; fresh_dir "$CCACHE_DIR"
L=$BENCH_OUT/hit-stl
rm -f "$L".*.log

CACHE=("$CACHE_BIN" --cache-dir "$C")
CCACHE=(ccache /usr/bin/g++ -std=c++17 -c stl.cxx -o stl.o)
log "priming both caches twice"
rm -f stl.xml stl.o
for i in 1 2; do
  "${CACHE[@]}" --log "$L.prime.log" "$CASTXML" "${STL_ARGS[@]}" -o stl.xml
  "${CCACHE[@]}"
done
grep -q 'result=direct-hit ' "$L.prime.log" || die "castxml-cache priming gave no direct hit"
[[ $'\n'$(ccache --print-stats)$'\n' == *$'\ndirect_cache_hit\t1\n'* ]] || die "ccache priming gave no direct hit: $(ccache --print-stats | grep -E '^(direct|preprocessed)_cache_hit|^cache_miss')"
ccache --zero-stats >/dev/null

W=$(runs 3 1); R=$(runs 60 10)
X=$(cmdline "$CASTXML" "${STL_ARGS[@]}" -o stl.xml)
log "hyperfine: castxml-cache vs ccache direct hits"
hf hit-stl -w "$W" -r "$R" \
  -n "castxml-cache hit, output present" --prepare true             "${CACHE[*]} --log $L.present.log $X" \
  -n "ccache hit, output present"        --prepare true             "${CCACHE[*]}" \
  -n "castxml-cache hit, output deleted" --prepare "rm -f stl.xml"  "${CACHE[*]} --log $L.deleted.log $X" \
  -n "ccache hit, output deleted"        --prepare "rm -f stl.o"    "${CCACHE[*]}" \
  -n "castxml-cache --version"           --prepare true             "$CACHE_BIN --version" \
  -n "ccache --version"                  --prepare true             "ccache --version"

verify_log "$L.present.log" direct-hit $((R + W))
verify_log "$L.deleted.log" direct-hit $((R + W))
ccache --print-stats > "$BENCH_OUT/hit-stl.ccache-stats"
hits=$(awk -F'\t' '$1=="direct_cache_hit"{print $2}' "$BENCH_OUT/hit-stl.ccache-stats")
other=$(awk -F'\t' '$1=="preprocessed_cache_hit"||$1=="cache_miss"{s+=$2} END{print s+0}' "$BENCH_OUT/hit-stl.ccache-stats")
[ "$hits" = $((2 * (R + W))) ] && [ "$other" = 0 ] || die "ccache: $hits direct hits, $other other results, expected $((2 * (R + W))) direct hits"
log "verified: ccache had $hits direct hits and nothing else"
stat -c 'stl_xml_bytes %s' stl.xml > "$BENCH_OUT/hit-stl.sizes"
stat -c 'stl_o_bytes %s' stl.o >> "$BENCH_OUT/hit-stl.sizes"
log "hit-stl-vs-ccache done"
