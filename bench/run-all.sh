#!/usr/bin/env bash
# Every castxml-cache benchmark, then a summary table (make bench calls this).
#
#   bash bench/run-all.sh <release-bin-dir> <python>
#
# Results: $BENCH_OUT (default /tmp/swiftwrap-bench/results): hyperfine JSON, cache logs, load.txt,
# profile/, binary.txt and summary.md (also printed); then bench/wrapgen.sh (BENCH_SKIP_WRAPGEN=1 skips
# it). About 5-6 minutes on 2 cores plus the wrapgen benchmark, longer under load.
# BENCH_QUICK=1 runs each measurement only a few times (checks the scripts, not the numbers).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: run-all.sh <release-bin-dir> <python>}
py=${2:?usage: run-all.sh <release-bin-dir> <python>}
export BENCH_OUT=${BENCH_OUT:-/tmp/swiftwrap-bench/results}
export BENCH_WORK=${BENCH_WORK:-/tmp/swiftwrap-bench/work}
rm -rf "$BENCH_OUT"; mkdir -p "$BENCH_OUT"
[ -x "$py" ] || py=$(command -v python3)
failed=()
# Which binary was measured: the lead may rebuild .build/release while this runs.
binary_id() { echo "$1 $(date -u +%H:%M:%S) $(stat -c '%y' "$bin/castxml-cache") sha256:$(sha256sum "$bin/castxml-cache" | cut -c1-16) git:$(git -C "$here/.." rev-parse --short HEAD 2>/dev/null || echo none)"; }
binary_id start > "$BENCH_OUT/binary.txt"
for s in hit-itk hit-many-entries hit-stl-vs-ccache preprocessed-hit cold-miss compression profile; do
  echo "=== $s ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  bash "$here/$s.sh" "$bin" "$py" || failed+=("$s")
done
binary_id end >> "$BENCH_OUT/binary.txt"
if [ "$(awk '{print $3, $4, $6}' "$BENCH_OUT/binary.txt" | sort -u | wc -l)" != 1 ]; then   # mtime, sha256
  echo "bench: WARNING: $bin/castxml-cache changed during the run; the numbers mix two binaries" >&2
fi
"$py" "$here/analyze.py" report "$BENCH_OUT"
# The wrapgen benchmark (its own section of docs/benchmarks.md), unless BENCH_SKIP_WRAPGEN=1.
if [ "${BENCH_SKIP_WRAPGEN:-0}" != 1 ] && [ -f "$here/wrapgen.sh" ]; then
  echo "=== wrapgen ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  bash "$here/wrapgen.sh" "$bin" "$py" || failed+=(wrapgen)
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench: these scripts failed (see the messages above): ${failed[*]}" >&2
  exit 1
fi
