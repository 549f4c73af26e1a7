#!/usr/bin/env bash
# Measurement 4: cold misses vs castxml alone, interleaved (see bench/cold_miss.py for the design).
#   depend mode:       castxml-cache (fresh cache dir per run) / castxml, median of per-round ratios
#   preprocessor mode: castxml-cache (fresh cache dir per run) vs castxml + castxml -E
#
#   bash bench/cold-miss.sh <release-bin-dir> <python>      (BENCH_ROUNDS=n to change the 9 rounds)
source "$(dirname "$0")/lib.sh"
ensure_tools
setup_tu
R=${BENCH_ROUNDS:-$(runs 9 2)}
rm -f "$BENCH_OUT"/cold.*.log
js() { "$PY" -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$@"; }
cat > "$BENCH_WORK/cold-miss.json" <<EOF
{"tu": "$TU", "work": "$BENCH_WORK", "out": "$BENCH_OUT", "rounds": $R,
 "cache_bin": "$CACHE_BIN", "castxml": "$CASTXML",
 "itk_args": $(js "${ITK_ARGS[@]}"), "itk_e_args": $(js "${ITK_E_ARGS[@]}")}
EOF
log "cold misses: $R interleaved rounds per group"
load_mark cold-miss:start
"$PY" "$BENCH_DIR/cold_miss.py" "$BENCH_WORK/cold-miss.json"
load_mark cold-miss:end
verify_log "$BENCH_OUT/cold.dep.log" miss "$R"
verify_log "$BENCH_OUT/cold.warm.log" miss "$R"
verify_log "$BENCH_OUT/cold.pp.log" miss "$R"
log "cold-miss done"
