#!/usr/bin/env bash
# Measurement 6: compression choice on the ~6.9 MB CastXML XML of the ITK TU.
#   a) CLI codecs zstd -1/-3, lz4 -1, gzip -1/-6: compressed size; compress and decompress time
#      (hyperfine; output to /dev/null, hyperfine's default --output=null).
#   b) castxml-cache with SWIFTWRAP_CACHE_COMPRESSION=lz4, zstd and none: object size on disk and
#      direct-hit time for each (output deleted before each run, so the object is decoded and
#      written; and output present). Every cache run is checked to be a direct hit.
#
#   bash bench/compression.sh <release-bin-dir> <python>
source "$(dirname "$0")/lib.sh"
ensure_tools
setup_tu
cd "$TU"
X=itk.ref.xml
sizes=$BENCH_OUT/compression.sizes
stat -c "raw %s" "$X" > "$sizes"
for c in "zstd -1" "zstd -3" "lz4 -1" "gzip -1" "gzip -6"; do
  tag=${c// /}; ext=${c%% *}; ext=${ext/zstd/zst}; ext=${ext/gzip/gz}
  $c -c "$X" > "$X.$tag.$ext"
  echo "$tag $(stat -c %s "$X.$tag.$ext")" >> "$sizes"
done
W=$(runs 3 1); R=$(runs 30 5)
log "hyperfine: compress"
hf compress -w "$W" -r "$R" \
  -n "zstd -1" "zstd -1 -q -c $X" -n "zstd -3" "zstd -3 -q -c $X" -n "lz4 -1" "lz4 -1 -q -c $X" \
  -n "gzip -1" "gzip -1 -c $X"    -n "gzip -6" "gzip -6 -c $X"
log "hyperfine: decompress"
hf decompress -w "$W" -r "$R" \
  -n "zstd -1" "zstd -d -q -c $X.zstd-1.zst" -n "zstd -3" "zstd -d -q -c $X.zstd-3.zst" \
  -n "lz4 -1" "lz4 -d -q -c $X.lz4-1.lz4" \
  -n "gzip -1" "gzip -d -c $X.gzip-1.gz"     -n "gzip -6" "gzip -d -c $X.gzip-6.gz"

L=$BENCH_OUT/comp
rm -f "$L".*.log
cmds=()
for codec in lz4 zstd none; do
  C=$BENCH_WORK/cache-comp-$codec
  fresh_dir "$C"
  rm -f "itk.$codec.xml"
  "$CACHE_BIN" --cache-dir "$C" --compression "$codec" --log "$L.prime.log" "$CASTXML" "${ITK_ARGS[@]}" -o "itk.$codec.xml"
  cmp -s "itk.$codec.xml" "$X" || die "compression=$codec restored different XML"
  obj=$(ls "$C"/v2/objects/*/*.obj)
  echo "object-$codec $(stat -c %s "$obj")" >> "$sizes"
  echo "cachedir-$codec $(du -sb "$C" | cut -f1)" >> "$sizes"
  cmds+=(-n "hit $codec, output deleted" --prepare "rm -f itk.$codec.xml"
         "$(cmdline "$CACHE_BIN" --cache-dir "$C" --log "$L.$codec-deleted.log" "$CASTXML" "${ITK_ARGS[@]}" -o "itk.$codec.xml")")
  cmds+=(-n "hit $codec, output present" --prepare true
         "$(cmdline "$CACHE_BIN" --cache-dir "$C" --log "$L.$codec-present.log" "$CASTXML" "${ITK_ARGS[@]}" -o "itk.$codec.xml")")
done
R2=$(runs 40 5)
log "hyperfine: direct hit, lz4 vs zstd vs none objects"
hf comp-hit -w "$W" -r "$R2" "${cmds[@]}"
for v in lz4-deleted lz4-present zstd-deleted zstd-present none-deleted none-present; do
  verify_log "$L.$v.log" direct-hit $((R2 + W))
done
log "compression done"
