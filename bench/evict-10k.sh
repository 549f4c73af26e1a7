#!/usr/bin/env bash
# Issue 13's eviction benchmarks on a 10,000-entry cache: evicting it to half its size (target
# ≤ 2 s), with `du -s` of the same tree in the same hyperfine run as the baseline, and
# `castxml-cache --show-stats` on it (target ≤ 50 ms).
#
# The cache: one real entry (castxml-cache on a small TU), then 10,000 entry files and 10,000 objects
# under made-up keys (copies of that entry's files, last uses one second apart), and its usage
# counters initialised once by a first --show-stats (timed separately: that one-time scan is what
# an existing cache pays on upgrade). Every eviction run starts from a fresh copy of that tree
# (hyperfine --prepare); `du -s` runs with the same prepare, so both see the same tree and cache state.
#
#   bash bench/evict-10k.sh <release-bin-dir> <python>
#
# Writes $BENCH_OUT/evict-10k.json, evict-10k-stats.json and evict-10k.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ -x "$CACHE_BIN" ] || die "$CACHE_BIN not found (swift build -c release)"
command -v hyperfine >/dev/null || die "hyperfine not found (apt-get install -y hyperfine)"
RUNS=$(runs 3 2)
ENTRIES=${ENTRIES:-10000}
D=$BENCH_WORK/evict
fresh_dir "$D"
cd "$D"
printf 'struct A { int a; double b[4]; };\nnamespace _wrapping_ { namespace wrappers { typedef A AA; } }\n' > one.cxx
"$CACHE_BIN" --cache-dir "$D/template" "$CASTXML" --castxml-output=1 --castxml-start _wrapping_ "${CC_GNU[@]}" -w -c one.cxx -o one.xml
"$PY" - "$D/template" "$ENTRIES" <<'PY'
import hashlib, os, shutil, sys, time
root, count = sys.argv[1], int(sys.argv[2])
obj = next(os.path.join(d, f) for d, _, fs in os.walk(root + "/v2/objects") for f in fs if f.endswith(".obj"))
mf = next(os.path.join(d, f) for d, _, fs in os.walk(root + "/v2/manifests") for f in fs if f.endswith(".mf"))
start = time.time() - 2 * count
for n in range(count):
    key = hashlib.sha256(f"bench{n}".encode()).hexdigest()
    for source, kind, suffix in ((obj, "objects", ".obj"), (mf, "manifests", ".mf")):
        target = f"{root}/v2/{kind}/{key[:2]}/{key}{suffix}"
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)
        os.utime(target, (start + n, start + n))
os.unlink(root + "/v2/usage")
PY
t0=$(date +%s%N)
"$CACHE_BIN" --cache-dir "$D/template" --show-stats >/dev/null
init_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
SIZE=$("$CACHE_BIN" --cache-dir "$D/template" --show-stats --json | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["size_bytes"])')
HALF=$((SIZE / 2))
log "$ENTRIES entries, $SIZE bytes on disk; evicting to $HALF bytes"
cat > "$D/prepare.sh" <<SH
rm -rf "$D/cache" && cp -a "$D/template" "$D/cache"
SH
prep="bash $D/prepare.sh"
hf evict-10k -r "$RUNS" \
  -n "du -s (baseline)" --prepare "$prep" "du -s $D/cache" \
  -n "castxml-cache --cleanup to half" --prepare "$prep" \
     "env SWIFTWRAP_CACHE_MAX_SIZE=${HALF}B $CACHE_BIN --cache-dir $D/cache --cleanup"
# The eviction's result, checked once on a fresh copy.
$prep
SWIFTWRAP_CACHE_MAX_SIZE=${HALF}B "$CACHE_BIN" --cache-dir "$D/cache" --cleanup >&2
AFTER=$("$CACHE_BIN" --cache-dir "$D/cache" --show-stats --json | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["size_bytes"])')
[ "$AFTER" -le "$HALF" ] || die "after --cleanup: $AFTER bytes, over $HALF"
$prep
hf evict-10k-stats -w 3 -r $(runs 30 3) -n "castxml-cache --show-stats (10,000 entries)" "$CACHE_BIN --cache-dir $D/cache --show-stats"
"$PY" - "$BENCH_OUT" "$ENTRIES" "$SIZE" "$HALF" "$AFTER" "$init_ms" > "$BENCH_OUT/evict-10k.md" <<'PY'
import json, sys
out, entries, size, half, after, init_ms = sys.argv[1], *map(int, sys.argv[2:])
rows = json.load(open(f"{out}/evict-10k.json"))["results"] + json.load(open(f"{out}/evict-10k-stats.json"))["results"]
print(f"{entries} entries ({2 * entries + 1} items), {size} bytes on disk; evicted to {half} bytes (after: {after})\n")
print("| command | mean s | median s | min s | max s |")
print("|---|---|---|---|---|")
for r in rows:
    print(f"| {r['command']} | {r['mean']:.4f} | {r['median']:.4f} | {r['min']:.4f} | {r['max']:.4f} |")
print(f"\nfirst --show-stats on the tree without usage counters (one-time scan): {init_ms} ms")
PY
cat "$BENCH_OUT/evict-10k.md"
