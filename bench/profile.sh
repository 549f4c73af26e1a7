#!/usr/bin/env bash
# Profile evidence for the castxml-cache numbers (not a timing benchmark):
#   perf stat (software counters) and strace -c of one ITK direct hit, output present and deleted;
#   the list of programs executed by one cold depend-mode miss and one preprocessor-mode miss,
#   next to plain castxml's. Writes $BENCH_OUT/profile/*.txt.
#
#   bash bench/profile.sh <release-bin-dir> <python>
source "$(dirname "$0")/lib.sh"
ensure_tools
setup_tu
cd "$TU"
P=$BENCH_OUT/profile
mkdir -p "$P"; rm -f "$P/profile.log"
C=$BENCH_WORK/cache-profile
fresh_dir "$C"
CACHE=("$CACHE_BIN" --cache-dir "$C" --log "$P/profile.log")
"${CACHE[@]}" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml          # prime
"${CACHE[@]}" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml          # warm

ev=task-clock,context-switches,cpu-migrations,page-faults
perf stat -r 10 -e "$ev" -o "$P/perf-hit-present.txt" "${CACHE[@]}" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml || true
perf stat -r 10 -e "$ev" --pre "rm -f itk.xml" -o "$P/perf-hit-deleted.txt" "${CACHE[@]}" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml || true
perf stat -r 10 -e "$ev" -o "$P/perf-version.txt" "$CACHE_BIN" --version >/dev/null || true
strace -c -o "$P/strace-hit-present.txt" "${CACHE[@]}" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml
rm -f itk.xml
strace -c -o "$P/strace-hit-deleted.txt" "${CACHE[@]}" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml

# Where a direct hit (output deleted) spends its time: cpu-clock samples over 30 runs.
HIT=$(printf '%q ' "${CACHE[@]}" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml)
perf record -q -e cpu-clock -F 20000 -o "$BENCH_WORK/perf.data" -- \
  bash -c "for i in \$(seq 30); do rm -f itk.xml; $HIT; done" >/dev/null 2>&1 || true
if [ -s "$BENCH_WORK/perf.data" ]; then
  { perf report -i "$BENCH_WORK/perf.data" --stdio --sort comm,dso 2>/dev/null | grep -v '^#' | grep -v '^$' | head -20
    echo
    perf report -i "$BENCH_WORK/perf.data" --stdio --comm castxml-cache --sort dso,symbol 2>/dev/null | grep -v '^#' | grep -v '^$' \
      | head -40 | sed 's/ *-  *- *$//' | cut -c1-200; } > "$P/perf-report-hit-deleted.txt" || true
fi

# Where a preprocessed hit spends its time: 10 runs, each with a new -DUNUSED_n (a direct miss).
PP=$(printf '%q ' "${CACHE[@]}" --cache-mode preprocessor "$CASTXML" "${ITK_ARGS[@]}")
eval "$PP -DUNUSED_0 -o itk.xml"                                      # store the preprocessed-level object
perf record -q -e cpu-clock -F 5000 -o "$BENCH_WORK/perf-pp.data" -- \
  bash -c "for i in \$(seq 1 10); do $PP -DUNUSED_\$i -o itk.xml; done" >/dev/null 2>&1 || true
if [ -s "$BENCH_WORK/perf-pp.data" ]; then
  { perf report -i "$BENCH_WORK/perf-pp.data" --stdio --sort comm,dso 2>/dev/null | grep -v '^#' | grep -v '^$' | head -20
    echo
    perf report -i "$BENCH_WORK/perf-pp.data" --stdio --comm castxml-cache --sort dso,symbol 2>/dev/null | grep -v '^#' | grep -v '^$' \
      | head -25 | sed 's/ *-  *- *$//' | cut -c1-200; } > "$P/perf-report-preprocessed-hit.txt" || true
fi

# Misses: which programs run, against castxml alone.
for mode in depend preprocessor; do
  fresh_dir "$C"; rm -f itk.xml
  strace -f -qq -e trace=execve -e signal=none -o "$P/exec-miss-$mode.txt" "${CACHE[@]}" --cache-mode "$mode" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml
done
strace -f -qq -e trace=execve -e signal=none -o "$P/exec-castxml.txt" "$CASTXML" "${ITK_ARGS[@]}" -o itk.plain.xml
grep -o 'result=[a-z-]*' "$P/profile.log" | sort | uniq -c > "$P/profile-results.txt"


# The programs a cold miss runs besides castxml (tool identity for a fresh cache dir; see exec-miss-*.txt).
hyperfine --shell=none --style basic -w 2 -r "$(runs 15 3)" --export-json "$P/identity-steps.json" \
  -n "ldd castxml" "ldd $CASTXML" \
  -n "g++ -E -dM -v probe" "/usr/bin/g++ -std=c++17 -fno-sized-deallocation -E -dM -v -x c++ /dev/null" \
  -n "sha256sum castxml + libLLVM + libclang-cpp" "sha256sum $CASTXML $(ldd "$CASTXML" | awk '/libLLVM|libclang-cpp/{print $3}' | tr '\n' ' ')" \
  -n "castxml -E (ITK TU)" "$(cmdline "$CASTXML" "${ITK_E_ARGS[@]}" -o itk.i -MD -MF itk.i.d)" > "$P/identity-steps.txt" 2>&1 || true
log "profile done: $P"
