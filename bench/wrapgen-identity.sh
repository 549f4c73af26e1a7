#!/usr/bin/env bash
# Checks that two builds of wrapgen write the same bytes (docs/benchmarks.md, section wrapgen):
#   bench/wrapgen-identity.sh OLD_BIN_DIR NEW_BIN_DIR [PYTHON]
# For the geom example (examples/) and the ITK example (examples/itk), configures each twice, once per
# tool directory, builds only the castxml and wrapgen steps (the <Module>.stamp targets) and compares
# every .i, .idx, .index.txt and warnings file, the stamps (build and tool directories masked) and the record
# database (every row of both tables). Then runs both wrapgen builds on the two XML files of
# bench/wrapgen.sh (when they exist in build/bench/wrapgen) and compares the same outputs.
# Prints one line per comparison; exit status 1 when anything differs.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(cd "${1:?usage: wrapgen-identity.sh OLD_BIN_DIR NEW_BIN_DIR [PYTHON]}" && pwd)
new=$(cd "${2:?usage: wrapgen-identity.sh OLD_BIN_DIR NEW_BIN_DIR [PYTHON]}" && pwd)
python=$(realpath "${3:-build/venv/bin/python}")
work=$PWD/build/bench/identity
mkdir -p "$work"
export SWIFTWRAP_CACHE_DIR=$work/cache
status=0

records() {  # every row of a record database, in a fixed order
  local db
  db=$(find "$1" -name 'records-v*.db' | sort | tail -1)
  [ -n "$db" ] || { echo "no record database under $1" >&2; return 1; }
  sqlite3 "$db" "SELECT * FROM records ORDER BY owner, key; SELECT * FROM modules ORDER BY owner, module;"
}

compare_dirs() {  # compare_dirs LABEL OLD_OUT NEW_OUT OLD_BUILD NEW_BUILD
  local label=$1 a=$2 b=$3 files=0 bad=0 name
  for file in "$a"/*; do
    name=$(basename "$file")
    case $name in *.stamp.d|*.rsp|*.project-types.txt) continue;; esac
    files=$((files + 1))
    if [[ $name == *.stamp ]]; then
      # The stamp records the command line and the working directory: mask the build and tool directories.
      cmp -s <(sed "s#$4#BUILD#g; s#$old/#BIN/#g" "$file") <(sed "s#$5#BUILD#g; s#$new/#BIN/#g" "$b/$name") \
        || { echo "  DIFFERS: $name"; bad=1; }
    else
      cmp -s "$file" "$b/$name" || { echo "  DIFFERS: $name"; bad=1; }
    fi
  done
  if cmp -s <(records "$4") <(records "$5"); then :; else echo "  DIFFERS: record database"; bad=1; fi
  if [ $bad = 0 ]; then echo "$label: identical ($files files, $(records "$4" | wc -l) database rows)"; else echo "$label: DIFFERENT"; status=1; fi
}

for example in geom itk; do
  case $example in geom) source=examples;; itk) source=examples/itk;; esac
  for side in old new; do
    build=$work/$side-$example
    bin=$old; [ $side = new ] && bin=$new
    rm -rf "$build"
    cmake -S "$source" -B "$build" -G Ninja -DSWIFTWRAP_TOOLS_DIR="$bin" -DPython3_EXECUTABLE="$python" >/dev/null
    ninja -C "$build" $(ninja -C "$build" -t targets all | grep -o '^swiftwrap/wrap/[A-Za-z0-9_]*\.stamp') >/dev/null
  done
  compare_dirs "example $example" "$work/old-$example/swiftwrap/wrap" "$work/new-$example/swiftwrap/wrap" \
    "$work/old-$example" "$work/new-$example"
done

for xml in build/bench/wrapgen/itkBig.nostart.xml build/bench/wrapgen/itkWrapping.xml; do
  [ -s "$xml" ] || { echo "$xml: missing (run bench/wrapgen.sh first); skipped"; continue; }
  name=$(basename "$xml" .xml)
  for side in old new; do
    bin=$old; [ $side = new ] && bin=$new
    rm -rf "$work/$side-$name"
    mkdir -p "$work/$side-$name"
    "$bin/wrapgen" --module M --owner bench --database-dir "$work/$side-$name" --output-dir "$work/$side-$name/out" \
      --submodule s="$xml" --include s=itkImage.h --warnings-file "$work/$side-$name/out/warnings.txt" 2>/dev/null
  done
  compare_dirs "$xml" "$work/old-$name/out" "$work/new-$name/out" "$work/old-$name" "$work/new-$name"
done
exit $status
