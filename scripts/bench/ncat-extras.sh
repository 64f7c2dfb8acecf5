#!/usr/bin/env bash
# tsnc's ncat extras vs ncat in one run: TLS transfer, --sh-exec output, --ssl listener start-up (temporary key); prints ratios.
set -u
cd "$(dirname "$0")/../.."
[ -x dist/tsnc ] || node_modules/.bin/bun scripts/build.ts --no-demo tsnc >/dev/null
TSNC=$PWD/dist/tsnc
NCAT=$(command -v ncat) || { echo "ncat is not installed: nothing to compare with"; exit 0; }
NC=$(command -v nc)
MIB=${MIB:-256}
RUNS=${RUNS:-5}
tmp=$(mktemp -d /tmp/tsnc-extras-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_listen() { for _ in $(seq 500); do ss -Hltn "sport = :$1" | grep -q . && return 0; sleep 0.01; done; return 1; }
now() { date +%s.%N; }
ratio() { echo "$1 / $2" | bc -l; }

# tls TOOL SERVER_FLAG CLIENT_FLAG -> seconds for a TLS listener to send MIB MiB to a client of the same tool.
# This direction because ncat 7.93's TLS client loses data when it closes at EOF on stdin (0-64 KiB arrive);
# the listener quits at EOF on its input (ncat --send-only, nc's -N), the client only reads (--recv-only, -d).
tls() {
  local tool=$1 send=$2 recv=$3 port t0 t1
  port=$(free_port)
  "$tool" -l $send --ssl 127.0.0.1 "$port" <"$tmp/payload" >/dev/null 2>&1 &
  local spid=$!
  wait_listen "$port"
  t0=$(now)
  "$tool" $recv --ssl 127.0.0.1 "$port" 2>/dev/null </dev/null | wc -c >"$tmp/tls.got"
  wait "$spid"
  t1=$(now)
  [ "$(cat "$tmp/tls.got")" -eq $((MIB * 1024 * 1024)) ] || echo "short TLS transfer from $tool: $(cat "$tmp/tls.got") bytes" >&2
  echo "$t1 - $t0" | bc -l
}

# exec_out TOOL -> seconds for a --sh-exec child's MIB MiB of output to reach an nc client
exec_out() {
  local tool=$1 port t0 t1
  port=$(free_port)
  "$tool" -l 127.0.0.1 "$port" -c "head -c $((MIB * 1024 * 1024)) /dev/zero" >/dev/null 2>&1 </dev/null &
  local spid=$!
  wait_listen "$port"
  t0=$(now)
  "$NC" -d 127.0.0.1 "$port" | wc -c >"$tmp/got"
  wait "$spid"
  t1=$(now)
  [ "$(cat "$tmp/got")" -eq $((MIB * 1024 * 1024)) ] || echo "short exec output from $tool: $(cat "$tmp/got") bytes" >&2
  echo "$t1 - $t0" | bc -l
}

# startup TOOL -> mean seconds from start to listening with --ssl (includes making the temporary RSA key)
startup() {
  local tool=$1 total=0 port t0 t1 pid
  for _ in $(seq "$RUNS"); do
    port=$(free_port)
    t0=$(now)
    "$tool" -l --ssl 127.0.0.1 "$port" >/dev/null 2>&1 </dev/null &
    pid=$!
    wait_listen "$port"
    t1=$(now)
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    total=$(echo "$total + $t1 - $t0" | bc -l)
  done
  echo "$total / $RUNS" | bc -l
}

echo "tsnc ncat-extras benchmark ($(nproc) cores, $(date -u +%Y-%m-%d), ${MIB} MiB transfers)"
# best of three: single TLS runs vary by 2x on this machine
best() { printf '%s\n' "$@" | sort -g | head -1; }
head -c "$((MIB * 1024 * 1024))" /dev/zero >"$tmp/payload"
n_tls=$(best "$(tls "$NCAT" --send-only --recv-only)" "$(tls "$NCAT" --send-only --recv-only)" "$(tls "$NCAT" --send-only --recv-only)")
t_tls=$(best "$(tls "$TSNC" -N -d)" "$(tls "$TSNC" -N -d)" "$(tls "$TSNC" -N -d)")
printf 'TLS transfer (best of 3)  ncat->ncat %6.2f s (%5.0f MiB/s)  tsnc->tsnc %6.2f s (%5.0f MiB/s)  throughput ratio tsnc/ncat %.2f\n' \
  "$n_tls" "$(ratio "$MIB" "$n_tls")" "$t_tls" "$(ratio "$MIB" "$t_tls")" "$(ratio "$n_tls" "$t_tls")"
n_ex=$(best "$(exec_out "$NCAT")" "$(exec_out "$NCAT")" "$(exec_out "$NCAT")")
t_ex=$(best "$(exec_out "$TSNC")" "$(exec_out "$TSNC")" "$(exec_out "$TSNC")")
printf -- '--sh-exec output (best of 3)  ncat %6.2f s (%5.0f MiB/s)  tsnc %6.2f s (%5.0f MiB/s)  throughput ratio tsnc/ncat %.2f\n' \
  "$n_ex" "$(ratio "$MIB" "$n_ex")" "$t_ex" "$(ratio "$MIB" "$t_ex")" "$(ratio "$n_ex" "$t_ex")"
n_up=$(startup "$NCAT")
t_up=$(startup "$TSNC")
printf -- '--ssl listener up (x%d, mean)  ncat %.0f ms  tsnc %.0f ms  time ratio tsnc/ncat %.2f\n' \
  "$RUNS" "$(echo "$n_up * 1000" | bc -l)" "$(echo "$t_up * 1000" | bc -l)" "$(ratio "$t_up" "$n_up")"
