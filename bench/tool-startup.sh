#!/usr/bin/env bash
# Start-up of wrapgen and stubgen (issue 17: the static Swift runtime): `wrapgen --version` and a
# stubgen no-op run (the example's stubs already up to date), baseline against this build, in one
# hyperfine run per order (baseline first, then this build first).
#   bash bench/tool-startup.sh <baseline dir with wrapgen and stubgen> [<this build's dir>] [<python>]
# Both builds are copied into one directory first (where a binary lives changes its start-up cost).
set -euo pipefail
baseline=${1:?baseline directory}
current=${2:-$PWD/.build/release}
python=${3:-$PWD/build/venv/bin/python}
work=${BENCH_WORK:-/tmp/swiftwrap-bench/work}/tool-startup
out=${BENCH_OUT:-/tmp/swiftwrap-bench/results}/tool-startup
rm -rf "$work" && mkdir -p "$work/bin" "$out"
for tool in wrapgen stubgen; do
  cp "$baseline/$tool" "$work/bin/$tool-baseline"
  cp "$current/$tool" "$work/bin/$tool-current"
done
cp "$current/castxml-cache" "$work/bin/castxml-cache"
cp "$current/wrapgen" "$work/bin/wrapgen"
cp "$current/stubgen" "$work/bin/stubgen"
cmake -S examples -B "$work/example" -G Ninja -DSWIFTWRAP_TOOLS_DIR="$work/bin" -DPython3_EXECUTABLE="$python" \
      -DSWIFTWRAP_CACHE_DIR="$work/cache" >/dev/null
ninja -C "$work/example" geom-stubs >/dev/null
ex=$work/example
stub_args="--database-dir $ex/swiftwrap-records --output-dir $ex/python/geom --owner geom --manifest-list $ex/swiftwrap/geom.manifests.txt --stamp-list $ex/swiftwrap/geom.stamps.txt --prune"
cd "$work/bin"
uptime > "$out/load.txt"
hyperfine -N --warmup 20 --runs 300 --export-json "$out/wrapgen-1.json" './wrapgen-baseline --version' './wrapgen-current --version'
hyperfine -N --warmup 20 --runs 300 --export-json "$out/wrapgen-2.json" './wrapgen-current --version' './wrapgen-baseline --version'
hyperfine -N --warmup 10 --runs 150 --export-json "$out/stubgen-1.json" "./stubgen-baseline $stub_args" "./stubgen-current $stub_args"
hyperfine -N --warmup 10 --runs 150 --export-json "$out/stubgen-2.json" "./stubgen-current $stub_args" "./stubgen-baseline $stub_args"
uptime >> "$out/load.txt"
"$python" - "$out" <<'PY'
import json, statistics, sys
from pathlib import Path
out = Path(sys.argv[1])
cells = {}
for f in sorted(out.glob("*.json")):
    for r in json.loads(f.read_text())["results"]:
        name = r["command"].split()[0].lstrip("./")
        cells.setdefault(name, []).append(r)
print("| binary | runs | median ms | min ms | mean user+sys ms |")
print("|---|---|---|---|---|")
for name, rs in sorted(cells.items()):
    times = [t for r in rs for t in r["times"]]
    cpu = statistics.mean(r["user"] + r["system"] for r in rs)
    print(f"| {name} | {len(times)} | {statistics.median(times)*1e3:.2f} | {min(times)*1e3:.2f} | {cpu*1e3:.2f} |")
PY
