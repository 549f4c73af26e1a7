# Shared helpers for bench/*.sh.  Source it; do not run it.
#
# Every bench script is called as   bash bench/<script>.sh <release-bin-dir> <python>
# and works on its own (it builds the translation units and primes its own, fresh cache dirs).
#
# Environment:
#   BENCH_WORK  scratch directory (TUs, caches, outputs)      default /tmp/swiftwrap-bench/work
#   BENCH_OUT   results directory (JSON, logs, summary.md)    default /tmp/swiftwrap-bench/results
#   BENCH_QUICK=1  fewer runs (smoke test of the scripts, numbers not meaningful)

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN_DIR=$(cd "${1:?usage: $0 <release-bin-dir> <python>}" && pwd)
PY=${2:?usage: $0 <release-bin-dir> <python>}
case $PY in */*) PY=$(cd "$(dirname "$PY")" && pwd)/$(basename "$PY");; esac
CACHE_BIN=$BIN_DIR/castxml-cache
BENCH_WORK=${BENCH_WORK:-/tmp/swiftwrap-bench/work}
BENCH_OUT=${BENCH_OUT:-/tmp/swiftwrap-bench/results}
BENCH_QUICK=${BENCH_QUICK:-0}
mkdir -p "$BENCH_WORK" "$BENCH_OUT"

# Keep the user's own cache settings out of the measurements.
unset SWIFTWRAP_CACHE_DIR SWIFTWRAP_CACHE_MODE SWIFTWRAP_CACHE_BASE_DIR SWIFTWRAP_CACHE_TOUCH \
      SWIFTWRAP_CACHE_COMPRESSION SWIFTWRAP_CACHE_LOG SWIFTWRAP_CACHE_DISABLE CCACHE_DIR CCACHE_CONFIGPATH || true

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Installs what the benchmarks need when it is missing (Debian 12, run as root).
ensure_tools() {
  local missing=() cmd pkg
  for pair in hyperfine:hyperfine castxml:castxml ccache:ccache zstd:zstd gzip:gzip /usr/bin/time:time \
              /usr/bin/g++:g++ strace:strace perf:linux-perf lz4:lz4; do
    cmd=${pair%%:*}; pkg=${pair#*:}
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ -f /usr/include/ITK-5.2/itkImage.h ] || missing+=(libinsighttoolkit5-dev)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    [ "$(id -u)" = 0 ] || die "need root to apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  [ -x "$CACHE_BIN" ] || die "$CACHE_BIN not found (run 'make build' first)"
}

# The ITK TU and stl.cxx in $BENCH_WORK/tu (idempotent), plus the reference XML itk.ref.xml.
TU=$BENCH_WORK/tu
CC_GNU=(--castxml-cc-gnu '(' /usr/bin/g++ -std=c++17 -fno-sized-deallocation ')')
# castxml arguments before the output file; append "-o <file>".
ITK_ARGS=(--castxml-output=1 --castxml-start _wrapping_ "${CC_GNU[@]}" -w -c @itkBench.castxml.inc itkBench.cxx)
STL_ARGS=(--castxml-output=1 --castxml-start _wrapping_ "${CC_GNU[@]}" -w -c stl.cxx)
ITK_E_ARGS=("${CC_GNU[@]}" -w -c @itkBench.castxml.inc itkBench.cxx -E)
CASTXML=$(command -v castxml || echo /usr/bin/castxml)

# "$*" of an argument array as one hyperfine --shell=none command string (no argument holds spaces).
cmdline() { local IFS=' '; echo "$*"; }

setup_tu() {
  if [ ! -f "$TU/itkBench.cxx" ] || [ ! -f "$TU/stl.cxx" ]; then
    log "writing the translation units into $TU"
    bash "$BENCH_DIR/make-itk-tu.sh" "$TU" >/dev/null
  fi
  if [ ! -s "$TU/itk.ref.xml" ]; then
    log "reference castxml run (ITK TU)"
    (cd "$TU" && "$CASTXML" "${ITK_ARGS[@]}" -o itk.ref.xml)
  fi
}

# Fresh (empty) directory.
fresh_dir() { rm -rf "$1"; mkdir -p "$1"; }

# verify_log FILE EXPECTED COUNT: every record is result=EXPECTED and there are exactly COUNT.
verify_log() {
  local file=$1 want=$2 count=$3 total good
  total=$(grep -c 'result=' "$file" 2>/dev/null || true)
  good=$(grep -c "result=$want " "$file" 2>/dev/null || true)
  if [ "$total" != "$count" ] || [ "$good" != "$count" ]; then
    log "VERIFY FAILED: $file has $total records, $good of them result=$want, expected $count"
    grep -o 'result=[a-z-]*' "$file" | sort | uniq -c >&2 || true
    grep -v "result=$want " "$file" | head -3 >&2 || true
    return 1
  fi
  log "verified: $file has $count records, all result=$want"
}

# Records the load around a measurement: appends "label start|end loadavg running-procs" to load.txt.
load_mark() { echo "$1 $(date -u +%H:%M:%S) $(cut -d' ' -f1-4 /proc/loadavg)" >> "$BENCH_OUT/load.txt"; }

# hyperfine with the common options; JSON goes to $BENCH_OUT/$1.json.
hf() {
  local name=$1; shift
  load_mark "$name:start"
  hyperfine --shell=none --style basic --export-json "$BENCH_OUT/$name.json" "$@" >&2
  load_mark "$name:end"
}

runs() { if [ "$BENCH_QUICK" = 1 ]; then echo "$2"; else echo "$1"; fi; }
