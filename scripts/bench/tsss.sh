#!/usr/bin/env bash
# tsss vs ss with 10,000 loopback TCP connections (20,000 sockets) in a private netns: -tan and -tanp wall time, ratios, peak RSS.
set -u
cd "$(dirname "$0")/../.."
BUN=node_modules/.bin/bun
[ -x dist/tsss ] || $BUN scripts/build.ts --no-demo tsss >/dev/null
CONNS=${CONNS:-10000}
RUNS=${RUNS:-15}
NS=tsss-bench-$$
HOLDER=""

cleanup() {
  [ -n "$HOLDER" ] && kill $HOLDER 2>/dev/null
  ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT

# Run everything inside our own namespace (when we may), so the numbers are not disturbed by other sockets.
if [ "$(id -u)" = 0 ] && ip netns add "$NS" 2>/dev/null; then
  IN="ip netns exec $NS"
  $IN ip link set lo up
else
  IN=""
fi

# Two processes hold the connections (one the accepted ends, one the clients), so each stays under the fd limit.
cat > /tmp/tsss-bench-holder-$$.ts <<'EOF'
const [mode, arg, n] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const deadline = Date.now() + 60_000;
if (mode === "server") {
  const server = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  console.log(server.port);
} else {
  let made = 0;
  for (let i = 0; i < n && Date.now() < deadline; i++) {
    await Bun.connect({ hostname: "127.0.0.1", port: arg, socket: { data() {} } });
    made++;
  }
  console.log(made);
}
await Bun.sleep(600_000);
EOF
$IN $BUN /tmp/tsss-bench-holder-$$.ts server 0 0 > /tmp/tsss-bench-$$.port &
HOLDER=$!
for _ in $(seq 1 100); do [ -s /tmp/tsss-bench-$$.port ] && break; sleep 0.1; done
$IN $BUN /tmp/tsss-bench-holder-$$.ts client "$(cat /tmp/tsss-bench-$$.port)" "$CONNS" > /tmp/tsss-bench-$$.out &
HOLDER="$HOLDER $!"
for _ in $(seq 1 600); do [ -s /tmp/tsss-bench-$$.out ] && break; sleep 0.1; done
echo "connections held: $(cat /tmp/tsss-bench-$$.out) (sockets listed by ss -tan: $($IN ss -tanH | wc -l))"

# Median wall time in ms of RUNS runs of a command (output to /dev/null).
median_ms() {
  local times=()
  for _ in $(seq 1 "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

# Mean CPU time (user + system) in ms: steadier than wall time on a busy machine.
cpu_ms() {
  local total=0
  for _ in $(seq 1 "$RUNS"); do
    local t
    t=$( { /usr/bin/time -f "CPU %U %S" "$@" >/dev/null; } 2>&1 | grep '^CPU' )
    total=$(awk -v a="$total" -v t="$t" 'BEGIN { split(t, x, " "); print a + (x[2] + x[3]) * 1000 }')
  done
  awk -v a="$total" -v n="$RUNS" 'BEGIN { printf "%.1f", a / n }'
}

printf '%-8s %9s %9s %7s %9s %9s %7s %10s %10s\n' flags "ss ms" "tsss ms" "wall" "ss cpu" "tsss cpu" "cpu" "ss RSS KB" "tsss RSS"
for flags in -tan -tanp; do
  ss_ms=$(median_ms $IN ss $flags)
  ts_ms=$(median_ms $IN dist/tsss $flags)
  ss_cpu=$(cpu_ms $IN ss $flags)
  ts_cpu=$(cpu_ms $IN dist/tsss $flags)
  ss_kb=$(peak_kb $IN ss $flags)
  ts_kb=$(peak_kb $IN dist/tsss $flags)
  wall=$(awk -v a="$ts_ms" -v b="$ss_ms" 'BEGIN {printf "%.2fx", a/b}')
  cpu=$(awk -v a="$ts_cpu" -v b="$ss_cpu" 'BEGIN {printf "%.2fx", a/b}')
  printf '%-8s %9s %9s %7s %9s %9s %7s %10s %10s\n' "$flags" "$ss_ms" "$ts_ms" "$wall" "$ss_cpu" "$ts_cpu" "$cpu" "$ss_kb" "$ts_kb"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# Same rows? (a sanity check, not a timing)
if diff <($IN ss -tan) <($IN dist/tsss -tan) >/dev/null; then echo "outputs identical: yes"; else echo "outputs identical: NO"; fi
rm -f /tmp/tsss-bench-holder-$$.ts /tmp/tsss-bench-$$.out /tmp/tsss-bench-$$.port
