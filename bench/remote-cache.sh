#!/usr/bin/env bash
# The shared remote cache (issue 14) on loopback: a remote hit against a local hit and castxml on the
# ITK TU, with a private nginx (WebDAV PUT, the configuration of Tests/EndToEnd/nginx_support.py) on
# 127.0.0.1. hyperfine, one run, side by side:
#   castxml                      plain castxml (the baseline of a miss)
#   miss, no remote              castxml-cache miss (local store only)
#   miss + upload                castxml-cache miss with the remote: GET (404), castxml, store, PUT x2
#   local hit, output deleted    the usual direct hit that writes the XML
#   remote hit, output deleted   local entry and object removed before each run: GET index, GET object
#                                (SHA-256 checked), write both into the local root, restore the XML
# Goals (issue 14): remote hit <= local hit + 25 ms; miss + upload <= castxml + 5 %.
# Every cache run is checked in its --log file.
#
#   bash bench/remote-cache.sh <release-bin-dir> <python>
source "$(dirname "$0")/lib.sh"
ensure_tools
setup_tu
[ -x /usr/sbin/nginx ] || die "/usr/sbin/nginx not found (make setup installs nginx-light)"
cd "$TU"

R=$BENCH_WORK/remote
fresh_dir "$R"
mkdir -p "$R/root" "$R/tmp" "$R/logs"
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# nginx's workers run as "nobody" unless told otherwise: as root (the benchmark machine), run them as
# root so they can write the directories made here.
USER_LINE=""
[ "$(id -u)" = 0 ] && USER_LINE="user root root;"
cat > "$R/nginx.conf" <<CONF
$USER_LINE
daemon off;
master_process on;
worker_processes 1;
pid $R/nginx.pid;
error_log $R/error.log;
events { worker_connections 256; }
http {
    access_log $R/access.log;
    client_body_temp_path $R/tmp;
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$PORT;
        location / {
            root $R/root;
            dav_methods PUT;
            create_full_put_path on;
            client_max_body_size 0;
        }
    }
}
CONF
/usr/sbin/nginx -p "$R" -e "$R/error.log" -c "$R/nginx.conf" </dev/null >/dev/null 2>&1 &
NGINX_PID=$!
trap 'kill $NGINX_PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  "$PY" -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 0.2)" 2>/dev/null && break
  sleep 0.05
done
URL=http://127.0.0.1:$PORT/bench
L=$BENCH_OUT/remote-cache
rm -f "$L".*.log

C_LOCAL=$R/cache-local C_REMOTE=$R/cache-remote C_MISS=$R/cache-miss C_UP=$R/cache-upload
LOCAL=("$CACHE_BIN" --cache-dir "$C_LOCAL")
REMOTE=("$CACHE_BIN" --cache-dir "$C_REMOTE" --remote "$URL")
log "priming: a local hit cache, and the server (one miss with upload)"
rm -f itk.xml
"${LOCAL[@]}" --log "$L.prime.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml
"${REMOTE[@]}" --log "$L.prime.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml
[ -n "$(find "$R/root" -path '*/v2/cas/*' -type f)" ] || die "nothing was uploaded to $URL"
# One remote hit, checked byte for byte.
rm -rf "$C_REMOTE/v2/manifests" "$C_REMOTE/v2/objects" "$C_REMOTE/v2/outputs" itk.xml
"${REMOTE[@]}" --log "$L.prime.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml
grep -q 'result=remote-hit ' "$L.prime.log" || die "priming gave no remote hit: $(tail -1 "$L.prime.log")"
cmp -s itk.xml itk.ref.xml || die "the remote hit's itk.xml differs from a plain castxml run"

W=$(runs 1 0); MIN=$(runs 5 2); MAX=$(runs 40 5); SLOW=$(runs 5 1)
DROP_LOCAL="rm -rf $C_REMOTE/v2/manifests $C_REMOTE/v2/objects $C_REMOTE/v2/outputs itk.xml"
DROP_MISS="rm -rf $C_MISS/v2/manifests $C_MISS/v2/objects $C_MISS/v2/outputs itk.xml"
DROP_UP="rm -rf $C_UP/v2/manifests $C_UP/v2/objects $C_UP/v2/outputs $R/root/bench itk.xml"
if [ "${HITS_ONLY:-0}" != 1 ]; then  # HITS_ONLY=1: only the hit comparison (castxml runs take minutes)
log "hyperfine: castxml and misses ($SLOW runs each)"
hf remote-cache-miss -w 0 -r "$SLOW" \
  -n castxml          --prepare "rm -f itk.plain.xml" "$(cmdline "$CASTXML" "${ITK_ARGS[@]}" -o itk.plain.xml)" \
  -n "miss, no remote" --prepare "$DROP_MISS" "$(cmdline "$CACHE_BIN" --cache-dir "$C_MISS" --log "$L.miss.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml)" \
  -n "miss + upload"   --prepare "$DROP_UP"   "$(cmdline "$CACHE_BIN" --cache-dir "$C_UP" --remote "$URL" --log "$L.upload.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml)"
fi
log "hyperfine: local hit vs remote hit"
hf remote-cache-hit -w "$W" -m "$MIN" -M "$MAX" \
  -n "local hit, output deleted"  --prepare "rm -f itk.xml" "$(cmdline "${LOCAL[@]}" --log "$L.local.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml)" \
  -n "remote hit, output deleted" --prepare "$DROP_LOCAL"   "$(cmdline "${REMOTE[@]}" --log "$L.remote.log" "$CASTXML" "${ITK_ARGS[@]}" -o itk.xml)"

if [ "${HITS_ONLY:-0}" != 1 ]; then
  verify_log "$L.miss.log" miss "$SLOW"
  verify_log "$L.upload.log" miss "$SLOW"
  grep -c 'uploaded to the remote cache' "$L.upload.log" | grep -qx "$SLOW" || die "not every miss uploaded: $L.upload.log"
fi
n_local=$("$PY" "$BENCH_DIR/analyze.py" runs "$BENCH_OUT/remote-cache-hit.json" 0)
n_remote=$("$PY" "$BENCH_DIR/analyze.py" runs "$BENCH_OUT/remote-cache-hit.json" 1)
verify_log "$L.local.log" direct-hit $((n_local + W))
verify_log "$L.remote.log" remote-hit $((n_remote + W))
cmp -s itk.xml itk.ref.xml || die "the last remote hit's itk.xml differs from the reference"

"$PY" - "$BENCH_OUT/remote-cache-miss.json" "$BENCH_OUT/remote-cache-hit.json" <<'PY' | tee "$BENCH_OUT/remote-cache.md"
# (with HITS_ONLY=1 the miss rows are those of the previous full run)
import json, statistics, sys
rows = []
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        rows.append((r["command"], statistics.median(r["times"]) * 1000, min(r["times"]) * 1000, len(r["times"])))
by = {name: med for name, med, _, _ in rows}
print("| command | median ms | min ms | runs |\n|---|---|---|---|")
for name, med, low, n in rows:
    print(f"| {name} | {med:.1f} | {low:.1f} | {n} |")
hit = by["remote hit, output deleted"] - by["local hit, output deleted"]
up = by["miss + upload"] / by["castxml"] - 1
print(f"\nremote hit - local hit: {hit:+.1f} ms (goal <= +25 ms): {'met' if hit <= 25 else 'NOT met'}")
print(f"miss + upload vs castxml: {up * 100:+.1f} % (goal <= +5 %): {'met' if up <= 0.05 else 'NOT met'}")
PY
