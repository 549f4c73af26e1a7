#!/usr/bin/env bash
# Measurement 1b: direct hits on a manifest that holds the maximum of 16 entries — what a direct key
# accumulates when one header of the ITK TU is edited again and again (a developer's day).
#   The ITK TU plus `#include "extra.h"`, stored with 16 contents of extra.h (16 misses), then:
#   hit on the newest entry, hit on the oldest entry (15 entries checked and rejected first), and
#   castxml itself as the baseline. Output present (the restat path) in every timed run.
# Every cache run is checked in its --log file to be a direct hit.
#
#   bash bench/hit-many-entries.sh <release-bin-dir> <python>
source "$(dirname "$0")/lib.sh"
ensure_tools
setup_tu
M=$BENCH_WORK/tu-many
fresh_dir "$M"
cp "$TU/itkBench.cxx" "$TU/itkBench.castxml.inc" "$M/"
sed -i '1i #include "extra.h"' "$M/itkBench.cxx"
cat > "$M/set-extra.sh" <<'SH'
cd "$(dirname "$0")" && echo "namespace extra { int v$1; }" > extra.h.new && cmp -s extra.h.new extra.h || cp extra.h.new extra.h
SH
cd "$M"
C=$BENCH_WORK/cache-many
fresh_dir "$C"
L=$BENCH_OUT/hit-many
rm -f "$L".*.log
CACHE=("$CACHE_BIN" --cache-dir "$C")
log "storing 16 entries under one direct key (16 misses)"
for i in $(seq 1 16); do
  bash set-extra.sh "$i"
  "${CACHE[@]}" --log "$L.prime.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml
done
[ "$(grep -c 'result=miss ' "$L.prime.log")" = 16 ] || die "priming: expected 16 misses"
[ "$(grep -c '^entry ' "$C"/v2/manifests/*/*.mf)" = 16 ] || die "priming: the manifest does not hold 16 entries"

W=$(runs 3 1); R=$(runs 40 5)
hf hit-many-castxml -r "$(runs 3 1)" \
  -n castxml --prepare "bash $M/set-extra.sh 16" "$(cmdline "$CASTXML" "${ITK_ARGS[@]}" -o itk.plain.xml)"
hf hit-many -w "$W" -r "$R" \
  -n "hit on the newest of 16 entries" --prepare "bash $M/set-extra.sh 16" \
     "$(cmdline "${CACHE[@]}" --log "$L.newest.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml)" \
  -n "hit on the oldest of 16 entries" --prepare "bash $M/set-extra.sh 1" \
     "$(cmdline "${CACHE[@]}" --log "$L.oldest.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml)"
verify_log "$L.newest.log" direct-hit $((R + W))
verify_log "$L.oldest.log" direct-hit $((R + W))
log "hit-many-entries done"
