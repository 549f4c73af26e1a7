#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ and runs them (issue 11).
#
#   scripts/fuzz.sh build                 build the targets only
#   scripts/fuzz.sh TARGET SECONDS        run one target (FuzzCastXML, FuzzObject, …) for SECONDS
#   scripts/fuzz.sh all SECONDS           run every target, one after the other, SECONDS each
#   scripts/fuzz.sh list                  the target names
#
# The corpus of each target lives in build/fuzz/corpus/<target> and grows across runs; it is seeded from
# Tests/Fixtures (the CastXML fixture, and cache objects, entry files, an inode cache, stamps, key lists
# and depfiles made from the fixture headers with the release tools in SWIFTWRAP_BIN_DIR, default
# .build/release). Crashes go to build/fuzz/crashes/<target>-crash-<sha1>; the script exits 1 when a
# target found one. Environment: SWIFTWRAP_FUZZ_JOBS (parallel libFuzzer workers per target, default 1);
# SWIFTWRAP_FUZZ_BUILT=1 skips the (incremental) build, for callers that just built.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
targets=(FuzzCastXML FuzzModulePlan FuzzObject FuzzEntryFile FuzzInodeCache FuzzStamp FuzzKeyList FuzzDepfile FuzzResponseFile)
out=$repo/build/fuzz
bin_dir=${SWIFTWRAP_BIN_DIR:-$repo/.build/release}

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }

build() {
  swift build --package-path Fuzz --scratch-path "$out/.build" -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2
}

# seed DIR: seeds for every target under DIR/<target>, made once from Tests/Fixtures; the inputs the
# fuzzers found (Tests/Fixtures/fuzz, regression tests) are copied in every time, so a target whose bug
# is back fails at once.
seed() {
  local seeds=$1
  for t in "${targets[@]}"; do mkdir -p "$seeds/$t"; done
  local f
  for f in Tests/Fixtures/fuzz/*; do
    case $f in
      *.xml) cp "$f" "$seeds/FuzzCastXML/"; cp "$f" "$seeds/FuzzModulePlan/" ;;
      *.obj) cp "$f" "$seeds/FuzzObject/" ;;
      *.d) cp "$f" "$seeds/FuzzDepfile/" ;;
      *.rsp) cp "$f" "$seeds/FuzzResponseFile/" ;;
    esac
  done
  [ -f "$seeds/.done" ] && return 0
  local scratch
  scratch=$(mktemp -d "$out/seed.XXXXXX")
  for t in "${targets[@]}"; do mkdir -p "$seeds/$t"; done
  cp Tests/Fixtures/castxml/*.xml "$seeds/FuzzCastXML/"
  cp Tests/Fixtures/castxml/*.xml "$seeds/FuzzModulePlan/"
  printf '<?xml version="1.0"?>\n<CastXML format="1.3.1"><Namespace id="_1" name="::" members="_2"/><Class id="_2" name="A" context="_1" bases="_2"/></CastXML>\n' \
    > "$seeds/FuzzCastXML/small.xml"
  local headers=$repo/Tests/Fixtures/headers
  local castxml_args=(--castxml-output=1 --castxml-start _wrapping_ --castxml-cc-gnu '(' g++ -std=c++17
                      -fno-sized-deallocation ')' -w -c -I"$headers/base" -I"$headers/figures")
  for codec in none lz4 zstd; do
    SWIFTWRAP_CACHE_DIR="$scratch/cache" SWIFTWRAP_CACHE_COMPRESSION=$codec "$bin_dir/castxml-cache" castxml \
      "${castxml_args[@]}" -DCODEC_$codec -o "$scratch/Points-$codec.xml" -MD -MF "$scratch/Points-$codec.d" \
      "$headers/Points.cxx" >&2
    cp "$scratch/Points-$codec.d" "$seeds/FuzzDepfile/"
  done
  find "$scratch/cache" -name '*.obj' -exec cp {} "$seeds/FuzzObject/" \;
  find "$scratch/cache" -name '*.mf' -exec cp {} "$seeds/FuzzEntryFile/" \;
  cp "$scratch/cache/v2/inodes" "$seeds/FuzzInodeCache/inodes"
  printf 'out.xml: a.h b\\ c.h \\\n  d$$e.h \\\n  f\\#g.h\n\nh.h:\n' > "$seeds/FuzzDepfile/escapes.d"
  "$bin_dir/wrapgen" --module Base --owner example --database-dir "$scratch/db" --output-dir "$scratch/out" \
    --submodule "Points=$repo/Tests/Fixtures/castxml/Points.xml" --include Points=point.h >&2
  cp "$scratch"/out/*.stamp "$seeds/FuzzStamp/"
  cp "$scratch"/out/*.index.txt "$seeds/FuzzKeyList/"
  printf '%s\n' "${castxml_args[@]}" > "$seeds/FuzzResponseFile/castxml.rsp"
  printf '%s' "-I'dir with space' \"-DA=\\\"q\\\"\" back\\\\slash @nested.rsp" > "$seeds/FuzzResponseFile/quotes.rsp"
  rm -rf "$scratch"
  touch "$seeds/.done"
}

run() {
  local target=$1 seconds=$2
  local corpus=$out/corpus/$target crashes=$out/crashes
  mkdir -p "$corpus" "$crashes"
  local jobs=${SWIFTWRAP_FUZZ_JOBS:-1} parallel=()
  # -jobs sends each job's output to fuzz-<n>.log in the working directory, which concurrent runs of
  # different targets would share: only with more than one job, and then in a directory of its own.
  [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
  mkdir -p "$out/work/$target"
  echo "fuzz: $target for $seconds s (corpus $corpus)" >&2
  local status=0
  (cd "$out/work/$target" && "$out/.build/release/$target" -max_total_time="$seconds" -timeout=10 \
     -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$crashes/$target-" "${parallel[@]}" \
     "$corpus" "$out/seeds/$target") >"$out/$target.log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::new_units_added|#[0-9]+ +DONE)' "$out/$target.log" >&2 || true
  if [ $status -ne 0 ]; then
    echo "fuzz: $target FAILED (status $status); see $out/$target.log and $crashes/" >&2
    grep -E 'ERROR|Fatal error|SUMMARY|Test unit written' "$out/$target.log" | head -5 >&2 || true
    return 1
  fi
}

[ $# -ge 1 ] || usage
case $1 in
  list) printf '%s\n' "${targets[@]}"; exit 0 ;;
  build) mkdir -p "$out"; build; exit 0 ;;
esac
[ $# -eq 2 ] || usage
seconds=$2
[[ $seconds =~ ^[0-9]+$ ]] || usage
# A loop, not `printf … | grep -q`: under pipefail grep's early exit on a match can kill printf with
# SIGPIPE and turn a known target into "unknown" (seen once in CI, on a loaded machine).
known=0
for t in all "${targets[@]}"; do
  if [ "$t" = "$1" ]; then known=1; fi
done
[ $known = 1 ] || { echo "fuzz: unknown target $1 (scripts/fuzz.sh list)" >&2; exit 64; }
mkdir -p "$out"
[ "${SWIFTWRAP_FUZZ_BUILT:-0}" = 1 ] || build
# Seeding writes one shared directory: runs of several targets at a time (Tests/Reliability runs two)
# take turns on a lock, so no copy races another.
exec {seed_lock}>"$out/seeds.lock"
flock "$seed_lock"
seed "$out/seeds"
flock -u "$seed_lock"
if [ "$1" = all ]; then
  failed=0
  for t in "${targets[@]}"; do run "$t" "$seconds" || failed=1; done
  exit $failed
fi
run "$1" "$seconds"
