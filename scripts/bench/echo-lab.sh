#!/usr/bin/env bash
# echo-lab tcp-server vs a Python asyncio upper-case server vs ncat -l -k --exec /bin/cat (fork per connection), one run:
# echo-lab bench drives each with 50 connections ping-ponging 32-byte lines; prints requests/s, p50/p99 latency and ratios.
set -u
cd "$(dirname "$0")/../.."
[ -x dist/echo-lab ] || node_modules/.bin/bun scripts/build.ts --no-demo echo-lab >/dev/null
LAB=$PWD/dist/echo-lab
SECS=${SECS:-3}
CONNS=${CONNS:-50}
tmp=$(mktemp -d /tmp/echo-lab-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_listen() { for _ in $(seq 250); do ss -Hltn "sport = :$1" | grep -q . && return 0; sleep 0.02; done; return 1; }

# the peer every course teaches next: asyncio, one coroutine per client, upper-casing each line
cat > "$tmp/asyncio_upper.py" <<'PY'
import asyncio, sys
async def serve(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
    writer.close()
async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", int(sys.argv[1]))
    async with server:
        await server.serve_forever()
asyncio.run(main())
PY

# The machine is shared, so its load drifts during a run: the three servers run side by side and are benched in
# alternating rounds (ROUNDS x SECS each); the report takes each server's median round.
ROUNDS=${ROUNDS:-3}
port_lab=$(free_port); "$LAB" tcp-server --host 127.0.0.1 --port "$port_lab" >/dev/null 2>&1 & pids+=($!)
port_py=$(free_port); python3 "$tmp/asyncio_upper.py" "$port_py" & pids+=($!)
port_ncat=$(free_port); ncat -l -k 127.0.0.1 "$port_ncat" --exec /bin/cat & pids+=($!)
for p in "$port_lab" "$port_py" "$port_ncat"; do wait_listen "$p" || { echo "a server on port $p did not start" >&2; exit 1; }; done

for round in $(seq "$ROUNDS"); do
  for pair in "echo-lab:$port_lab" "python-asyncio:$port_py" "ncat-exec-cat:$port_ncat"; do
    "$LAB" bench 127.0.0.1 "${pair#*:}" --connections "$CONNS" --size 32 --duration "$SECS" --json >>"$tmp/${pair%%:*}.json"
  done
done

python3 - "$tmp" "$CONNS" "$SECS" "$ROUNDS" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, sys
tmp, conns, secs, rounds, load = sys.argv[1:6]
def median_round(name):
    runs = sorted((json.loads(l) for l in open(f"{tmp}/{name}.json")), key=lambda r: r["requests_per_second"])
    return runs[len(runs) // 2], [r["requests_per_second"] for r in runs]
rows = {n: median_round(n) for n in ("echo-lab", "python-asyncio", "ncat-exec-cat")}
ours = rows["echo-lab"][0]["requests_per_second"]
print(f"echo-lab bench, {conns} connections, 32-byte lines, ping-pong (pipeline 1); median of {rounds} alternating rounds of {secs} s; load average {load}")
print(f"{'server':<16}{'requests/s':>12}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}   echo-lab/this   rounds (req/s)")
for n, (r, all_rps) in rows.items():
    l = r["latency_ms"]
    ratio = ours / r["requests_per_second"] if r["requests_per_second"] else float("inf")
    print(f"{n:<16}{r['requests_per_second']:>12}{l['p50']:>9.3f}{l['p99']:>9.3f}{l['max']:>9.3f}{r['errors']:>8}   {ratio:>8.2f}x      {' '.join(map(str, all_rps))}")
PY
