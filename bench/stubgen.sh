#!/usr/bin/env bash
# stubgen benchmark (docs/benchmarks.md, section stubgen).
#   bench/stubgen.sh [BIN_DIR] [PYTHON]
# 1. Writes a synthetic record database: 10,000 records (20 modules x 10 submodules x 50 classes, each
#    with constructors, overloads, statics, a pure virtual method, operators, a nested enum, std::vector
#    arguments and a base class in the previous submodule of its module, so hierarchies are up to 10 deep)
#    and the 200 manifests (bench/stubgen_records.py).
# 2. Times with hyperfine (15 runs each), in the same run:
#    - full run: no stubs on disk, no state file (decode + render + write 200 stubs);
#    - compare run: stubs on disk, state file deleted (decode + render + compare, nothing written);
#    - no-op run: the state file says nothing changed;
#    - baseline: the sqlite3 shell reading the same rows (key, data) to /dev/null.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(cd "${1:-.build/release}" && pwd)
python=${2:-build/venv/bin/python}
work=build/bench/stubgen
rm -rf "$work"
mkdir -p "$work"
"$python" bench/stubgen_records.py "$work" 20 10 50
cd "$work"
echo "records: $(sqlite3 db/records-v2.db 'SELECT COUNT(*) FROM records')," \
     "submodules: $(wc -l < manifests.txt), database: $(du -h db/records-v2.db | cut -f1)"
stubgen="$bin/stubgen --database-dir db --output-dir pkg/bench --owner bench --manifest-list manifests.txt"
$stubgen
echo "stubs: $(ls pkg/bench/*.pyi | wc -l) files, $(cat pkg/bench/*.pyi | wc -l) lines, $(du -sh pkg/bench | cut -f1)"
# hyperfine pairs the n-th --prepare with the n-th command.
hyperfine --warmup 1 --runs 15 --export-markdown results.md \
  --prepare "rm -rf pkg db/stubgen-*.state" --prepare "rm -f db/stubgen-*.state" --prepare "$stubgen" --prepare "true" \
  --command-name "stubgen, full run (nothing on disk)" "$stubgen" \
  --command-name "stubgen, stubs on disk, no state (render + compare)" "$stubgen" \
  --command-name "stubgen, no-op run" "$stubgen" \
  --command-name "sqlite3 shell: SELECT key, data (baseline)" \
    "sqlite3 db/records-v2.db \"SELECT key, data FROM records WHERE owner='bench'\" > /dev/null"
cat results.md
