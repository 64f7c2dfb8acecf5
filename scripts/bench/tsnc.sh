#!/usr/bin/env bash
# tsnc vs nc in one run: 1 GiB loopback TCP transfer (throughput, peak RSS) and -z wall time against an open port; prints ratios.
set -u
cd "$(dirname "$0")/../.."
[ -x dist/tsnc ] || node_modules/.bin/bun scripts/build.ts --no-demo tsnc >/dev/null
TSNC=$PWD/dist/tsnc
NC=$(command -v nc)
BYTES=$((1024 * 1024 * 1024))
ZRUNS=${ZRUNS:-20}
RUNS=${RUNS:-3} # transfers per tool, alternating; the fastest time and the highest RSS are reported
tmp=$(mktemp -d /tmp/tsnc-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_listen() { for _ in $(seq 100); do ss -Hltn "sport = :$1" | grep -q . && return 0; sleep 0.02; done; return 1; }
now() { date +%s.%N; }

# transfer TOOL -> prints "seconds server_rss_kib client_rss_kib"
transfer() {
  local tool=$1 port t0 t1
  port=$(free_port)
  /usr/bin/time -f %M -o "$tmp/srv.rss" "$tool" -l 127.0.0.1 "$port" >/dev/null </dev/null &
  local spid=$!
  wait_listen "$port"
  t0=$(now)
  head -c "$BYTES" /dev/zero | /usr/bin/time -f %M -o "$tmp/cli.rss" "$tool" -N 127.0.0.1 "$port"
  wait "$spid"
  t1=$(now)
  echo "$(echo "$t1 - $t0" | bc -l) $(tail -1 "$tmp/srv.rss") $(tail -1 "$tmp/cli.rss")"
}

# scan TOOL PORT -> seconds for ZRUNS runs of -z
scan() {
  local tool=$1 port=$2 t0 t1
  t0=$(now)
  for _ in $(seq "$ZRUNS"); do "$tool" -z 127.0.0.1 "$port" || echo "scan failed" >&2; done
  t1=$(now)
  echo "$t1 - $t0" | bc -l
}

echo "tsnc benchmark ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $(date -u +%Y-%m-%d))"
nc_s=999; ts_s=999; nc_srv=0; nc_cli=0; ts_srv=0; ts_cli=0
max() { [ "$1" -gt "$2" ] && echo "$1" || echo "$2"; }
for _ in $(seq "$RUNS"); do
  read -r s a b < <(transfer "$NC")
  [ "$(echo "$s < $nc_s" | bc -l)" = 1 ] && nc_s=$s
  nc_srv=$(max "$a" "$nc_srv"); nc_cli=$(max "$b" "$nc_cli")
  read -r s a b < <(transfer "$TSNC")
  [ "$(echo "$s < $ts_s" | bc -l)" = 1 ] && ts_s=$s
  ts_srv=$(max "$a" "$ts_srv"); ts_cli=$(max "$b" "$ts_cli")
done
mib=$((BYTES / 1024 / 1024))
printf '1 GiB transfer (best of %d)\n' "$RUNS"
printf '1 GiB transfer   nc->nc   %6.2f s  %7.0f MiB/s  peak RSS server %6d KiB client %6d KiB\n' "$nc_s" "$(echo "$mib / $nc_s" | bc -l)" "$nc_srv" "$nc_cli"
printf '1 GiB transfer   tsnc->tsnc %4.2f s  %7.0f MiB/s  peak RSS server %6d KiB client %6d KiB\n' "$ts_s" "$(echo "$mib / $ts_s" | bc -l)" "$ts_srv" "$ts_cli"
printf 'throughput ratio tsnc/nc: %.2f (target >= 1.00); peak RSS %d MiB (target < 64 MiB)\n' "$(echo "$nc_s / $ts_s" | bc -l)" "$(( (ts_srv > ts_cli ? ts_srv : ts_cli) / 1024 ))"

# an always-accepting loopback server for -z
port=$(free_port)
python3 -c "
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $port)); s.listen(128)
s.settimeout(60)
try:
    while True: s.accept()[0].close()
except Exception: pass
" &
zpid=$!
wait_listen "$port"
nc_z=$(scan "$NC" "$port")
ts_z=$(scan "$TSNC" "$port")
kill "$zpid" 2>/dev/null
printf -- '-z open port x%d  nc %.3f s (%.1f ms each)  tsnc %.3f s (%.1f ms each)  ratio tsnc/nc %.2f (target <= 3.00)\n' \
  "$ZRUNS" "$nc_z" "$(echo "$nc_z * 1000 / $ZRUNS" | bc -l)" "$ts_z" "$(echo "$ts_z * 1000 / $ZRUNS" | bc -l)" "$(echo "$ts_z / $nc_z" | bc -l)"
