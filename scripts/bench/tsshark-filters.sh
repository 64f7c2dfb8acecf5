#!/bin/sh
# tsshark display filters: the cost of -Y on top of dissection, ours (engine + compiled closure) beside tshark's.
set -eu
cd "$(dirname "$0")/../.."
BUN=node_modules/.bin/bun
N=${N:-200000}
CAP=/tmp/tsshark-filters-bench-$$.pcap
trap 'rm -f "$CAP"' EXIT
$BUN scripts/bench/tsshark-filters.ts write "$CAP" "$N"
secs() { /usr/bin/time -f %e "$@" >/dev/null 2>/tmp/tsshark-filters-time-$$ || true; tail -1 /tmp/tsshark-filters-time-$$; }
echo "capture: $N generated frames (TCP 80 with/without payload, TCP 443, UDP 53)"
printf '%-40s %10s %10s %8s %10s %10s %8s\n' filter "ours ms" "+filter" ratio "tshark s" "+filter" ratio
for F in 'tcp.port == 80 && tcp.len > 0' 'ip.addr == 10.0.0.0/24' 'udp || tcp.flags.syn == 1' 'frame contains 00:00:00' 'tcp.port in {80, 443}'; do
  set -- $($BUN scripts/bench/tsshark-filters.ts run "$CAP" "$F")
  ob=$1; of=$2
  tb=$(secs tshark -r "$CAP")
  tf=$(secs tshark -r "$CAP" -Y "$F")
  printf '%-40s %10s %10s %8s %10s %10s %8s\n' "$F" "$ob" "$of" "$(echo "scale=2; $of/$ob" | bc)" "$tb" "$tf" "$(echo "scale=2; $tf/$tb" | bc)"
done
rm -f /tmp/tsshark-filters-time-$$
