#!/usr/bin/env bash
# Measurements 1 and 5: castxml-cache direct hit on the ITK TU (~550 headers, ~6.9 MB XML).
#   hyperfine, one run, side by side: castxml itself (baseline), direct hit with the output already
#   holding the right bytes (restat path), direct hit with the output deleted before each run
#   (--prepare), and the floors: castxml-cache --version (process start), cp of the XML,
#   zstd -d of it (level 1, what the cache stores).
#   Then peak RSS (/usr/bin/time -f %M) of single direct-hit processes, both variants.
# Every cache run is checked in its --log file to be a direct hit.
#
#   bash bench/hit-itk.sh <release-bin-dir> <python>
source "$(dirname "$0")/lib.sh"
ensure_tools
setup_tu
cd "$TU"

C=$BENCH_WORK/cache-hit-itk
fresh_dir "$C"
L=$BENCH_OUT/hit-itk
rm -f "$L".*.log

CACHE=("$CACHE_BIN" --cache-dir "$C")
log "priming $C (one miss, one hit)"
rm -f itk.xml
"${CACHE[@]}" --log "$L.prime.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml
"${CACHE[@]}" --log "$L.prime.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml
grep -q 'result=miss ' "$L.prime.log" && grep -q 'result=direct-hit ' "$L.prime.log" || die "priming did not give miss then direct hit"
cmp -s itk.xml itk.ref.xml || die "cached itk.xml differs from a plain castxml run"

# Restat path: a hit must leave an output that already holds the right bytes alone.
before=$(stat -c %Y.%y itk.xml)
"${CACHE[@]}" --log "$L.prime.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml
[ "$(stat -c %Y.%y itk.xml)" = "$before" ] || log "NOTE: a direct hit rewrote an output that already held the right bytes"

zstd -1 -q -f itk.ref.xml -o itk.ref.xml.zst
W=$(runs 2 1); MIN=$(runs 5 2); MAX=$(runs 60 10)
HIT_PRESENT=$(cmdline "${CACHE[@]}" --log "$L.present.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml)
HIT_DELETED=$(cmdline "${CACHE[@]}" --log "$L.deleted.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml)
PLAIN=$(cmdline "$CASTXML" "${ITK_ARGS[@]}" -o itk.plain.xml)

log "hyperfine: castxml vs direct hits vs floors"
hf hit-itk -w "$W" -m "$MIN" -M "$MAX" \
  -n castxml                       --prepare true                "$PLAIN" \
  -n "hit, output present"         --prepare true                "$HIT_PRESENT" \
  -n "hit, output deleted"         --prepare "rm -f itk.xml"     "$HIT_DELETED" \
  -n "castxml-cache --version"     --prepare true                "$CACHE_BIN --version" \
  -n "cp 6.9 MB XML"               --prepare "rm -f itk.cp.xml"  "cp itk.ref.xml itk.cp.xml" \
  -n "zstd -d (level 1) to file"   --prepare "rm -f itk.zstd.xml" "zstd -d -q -f itk.ref.xml.zst -o itk.zstd.xml"

n_present=$("$PY" "$BENCH_DIR/analyze.py" runs "$BENCH_OUT/hit-itk.json" 1)
n_deleted=$("$PY" "$BENCH_DIR/analyze.py" runs "$BENCH_OUT/hit-itk.json" 2)
verify_log "$L.present.log" direct-hit $((n_present + W))
verify_log "$L.deleted.log" direct-hit $((n_deleted + W))
cmp -s itk.xml itk.ref.xml || die "restored itk.xml differs from the reference"

# Peak RSS of one direct-hit process (KiB), N runs per variant.
N=$(runs 15 3)
log "peak RSS, $N runs per variant"
rss=$BENCH_OUT/rss.txt; : > "$rss"
for i in $(seq "$N"); do
  /usr/bin/time -f %M -o "$BENCH_WORK/rss.tmp" "${CACHE[@]}" --log "$L.rss-present.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml
  echo "present $(cat "$BENCH_WORK/rss.tmp")" >> "$rss"
  rm -f itk.xml
  /usr/bin/time -f %M -o "$BENCH_WORK/rss.tmp" "${CACHE[@]}" --log "$L.rss-deleted.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml
  echo "deleted $(cat "$BENCH_WORK/rss.tmp")" >> "$rss"
done
/usr/bin/time -f %M -o "$BENCH_WORK/rss.tmp" "$CACHE_BIN" --version >/dev/null
echo "version $(cat "$BENCH_WORK/rss.tmp")" >> "$rss"
/usr/bin/time -f %M -o "$BENCH_WORK/rss.tmp" zstd -d -q -f itk.ref.xml.zst -o itk.zstd.xml
echo "zstd-d $(cat "$BENCH_WORK/rss.tmp")" >> "$rss"
verify_log "$L.rss-present.log" direct-hit "$N"
verify_log "$L.rss-deleted.log" direct-hit "$N"
ls -l "$C"/v2/objects/*/*.obj | awk '{print "object_bytes " $5}' > "$BENCH_OUT/hit-itk.sizes"
stat -c 'xml_bytes %s' itk.ref.xml >> "$BENCH_OUT/hit-itk.sizes"
log "hit-itk done"
