#!/usr/bin/env bash
# echo-lab tcp-server vs a Python asyncio upper-case server vs ncat -l -k --exec /bin/cat (fork per connection), one run:
# echo-lab bench drives each with 50 connections ping-ponging 32-byte lines; prints requests/s, p99 latency and ratios.
set -u
cd "$(dirname "$0")/../.."
[ -x dist/echo-lab ] || node_modules/.bin/bun scripts/build.ts --no-demo echo-lab >/dev/null
LAB=$PWD/dist/echo-lab
SECS=${SECS:-5}
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

# bench NAME PORT -> one JSON line in $tmp/NAME.json
bench() {
  wait_listen "$2" || { echo "$1 did not start" >&2; return 1; }
  "$LAB" bench 127.0.0.1 "$2" --connections "$CONNS" --size 32 --duration "$SECS" --json >"$tmp/$1.json"
}

p=$(free_port); "$LAB" tcp-server --host 127.0.0.1 --port "$p" >/dev/null 2>&1 & pids+=($!)
bench echo-lab "$p"
p=$(free_port); python3 "$tmp/asyncio_upper.py" "$p" & pids+=($!)
bench python-asyncio "$p"
p=$(free_port); ncat -l -k 127.0.0.1 "$p" --exec /bin/cat & pids+=($!)
bench ncat-exec-cat "$p"

python3 - "$tmp" "$CONNS" "$SECS" <<'PY'
import json, sys
tmp, conns, secs = sys.argv[1], sys.argv[2], sys.argv[3]
rows = {n: json.load(open(f"{tmp}/{n}.json")) for n in ("echo-lab", "python-asyncio", "ncat-exec-cat")}
ours = rows["echo-lab"]["requests_per_second"]
print(f"echo-lab bench, {conns} connections, 32-byte lines, ping-pong (pipeline 1), {secs} s each")
print(f"{'server':<16}{'requests/s':>12}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}   echo-lab / this")
for n, r in rows.items():
    l = r["latency_ms"]
    ratio = ours / r["requests_per_second"] if r["requests_per_second"] else float("inf")
    print(f"{n:<16}{r['requests_per_second']:>12}{l['p50']:>9.3f}{l['p99']:>9.3f}{l['max']:>9.3f}{r['errors']:>8}   {ratio:.2f}x")
PY
