#!/usr/bin/env bash
# Measurement 3: preprocessed-level hit (SWIFTWRAP_CACHE_MODE=preprocessor) on the ITK TU vs the cost
# of `castxml -E` with the same flags. Each timed run adds a distinct, irrelevant -DUNUSED_<n>
# (hyperfine --parameter-scan, one run per value, the two commands interleaved value by value),
# so every cache run misses the direct index, runs castxml -E, and hits the object keyed by the
# preprocessed text. Checked in the log: every timed cache run is result=preprocessed-hit.
# A third command, castxml -E -MD -MF, is what the cache itself runs (it needs the dependency list).
#
#   bash bench/preprocessed-hit.sh <release-bin-dir> <python>
source "$(dirname "$0")/lib.sh"
ensure_tools
setup_tu
cd "$TU"

C=$BENCH_WORK/cache-pp-hit
fresh_dir "$C"
L=$BENCH_OUT/pp-hit
rm -f "$L".*.log
CACHE=("$CACHE_BIN" --cache-dir "$C" --cache-mode preprocessor)

log "priming $C (preprocessor mode, -DUNUSED_0)"
rm -f itk.xml
"${CACHE[@]}" --log "$L.prime.log" "$CASTXML" "${ITK_ARGS[@]}" -DUNUSED_0 -o itk.xml
"${CACHE[@]}" --log "$L.prime.log" "$CASTXML" "${ITK_ARGS[@]}" -DUNUSED_100000 -o itk.xml
grep -q 'result=miss ' "$L.prime.log" && grep -q 'result=preprocessed-hit ' "$L.prime.log" \
  || die "priming did not give a miss then a preprocessed hit: $(grep -o 'result=[a-z-]*' "$L.prime.log" | tr '\n' ' ')"
cmp -s itk.xml itk.ref.xml || die "preprocessed hit restored different XML"

N=$(runs 30 3)
log "hyperfine: castxml -E vs preprocessed hit, $N interleaved values of -DUNUSED_n"
# Warm the page cache for both commands (a distinct value, not part of the scan).
"$CASTXML" "${ITK_E_ARGS[@]}" -DUNUSED_200000 -o itk.i
"${CACHE[@]}" --log "$L.prime.log" "$CASTXML" "${ITK_ARGS[@]}" -DUNUSED_200000 -o itk.xml
hf pp-hit -r 1 -P n 1 "$N" \
  "$(cmdline "$CASTXML" "${ITK_E_ARGS[@]}" '-DUNUSED_{n}' -o itk.i)" \
  "$(cmdline "$CASTXML" "${ITK_E_ARGS[@]}" '-DUNUSED_{n}' -o itk.i -MD -MF itk.i.d)" \
  "$(cmdline "${CACHE[@]}" --log "$L.timed.log" "$CASTXML" "${ITK_ARGS[@]}" '-DUNUSED_{n}' -o itk.xml)"
verify_log "$L.timed.log" preprocessed-hit "$N"
cmp -s itk.xml itk.ref.xml || die "preprocessed hit restored different XML"
stat -c 'i_bytes %s' itk.i > "$BENCH_OUT/pp-hit.sizes"
log "preprocessed-hit done"
