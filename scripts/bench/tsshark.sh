#!/usr/bin/env bash
# tsshark vs tshark (and tcpdump -n -r for the summary) on generated 100k and 1M packet files:
# packets/s from wall time and from CPU time (user+sys), the ratios, and peak RSS.
# Usage: bash scripts/bench/tsshark.sh [packets=1000000]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
BUN=node_modules/.bin/bun
TMP=${TMPDIR:-/tmp}/tsshark-bench-$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
$BUN scripts/build.ts --no-demo tsshark >/dev/null
$BUN scripts/gen-pcap.ts "$TMP/small.pcap" 100000
$BUN scripts/gen-pcap.ts "$TMP/big.pcap" "$N"

# run LABEL FILE PACKETS CMD... -> prints one line; keeps wall and cpu seconds in $WALL $CPU
run() {
  local label=$1 pkts=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$TMP/t" "$@" >/dev/null 2>"$TMP/err" || { echo "$label: failed: $(head -2 "$TMP/err")"; WALL=0; CPU=0; return; }
  read -r WALL U S RSS <"$TMP/t"
  CPU=$(echo "$U + $S" | bc -l)
  printf '%-44s %8.2f s wall %9.0f pkt/s   %7.2f s cpu %9.0f pkt/s   %7d KB rss\n' "$label" "$WALL" "$(echo "$pkts / $WALL" | bc -l)" "$CPU" "$(echo "$pkts / ($CPU + 0.0001)" | bc -l)" "$RSS"
}
ratio() { printf '  ratio %-36s wall x%.2f   cpu x%.2f\n' "$1" "$(echo "$2 / $3" | bc -l)" "$(echo "$4 / $5" | bc -l)"; }

echo "== default summary, $N packets"
run "tsshark -r" "$N" dist/tsshark -r "$TMP/big.pcap"; OW=$WALL OC=$CPU
run "tshark -r" "$N" tshark -r "$TMP/big.pcap"; TW=$WALL TC=$CPU
run "tcpdump -n -r" "$N" tcpdump -n -r "$TMP/big.pcap"; DW=$WALL DC=$CPU
ratio "tshark/tsshark" "$TW" "$OW" "$TC" "$OC"
ratio "tcpdump/tsshark" "$DW" "$OW" "$DC" "$OC"

echo "== -T fields -e ip.src -e tcp.dstport, $N packets"
run "tsshark -T fields" "$N" dist/tsshark -r "$TMP/big.pcap" -T fields -e ip.src -e tcp.dstport; OW=$WALL OC=$CPU
run "tshark -T fields" "$N" tshark -r "$TMP/big.pcap" -T fields -e ip.src -e tcp.dstport; TW=$WALL TC=$CPU
ratio "tshark/tsshark" "$TW" "$OW" "$TC" "$OC"

echo "== -w copy, $N packets"
run "tsshark -w" "$N" dist/tsshark -r "$TMP/big.pcap" -w "$TMP/out1.pcapng"; OW=$WALL OC=$CPU
run "tshark -w" "$N" tshark -r "$TMP/big.pcap" -w "$TMP/out2.pcapng"; TW=$WALL TC=$CPU
[ "$OW" != 0 ] && ratio "tshark/tsshark" "$TW" "$OW" "$TC" "$OC" || true

echo "== peak RSS, default summary"
run "tsshark 100k" 100000 dist/tsshark -r "$TMP/small.pcap"
run "tshark 100k" 100000 tshark -r "$TMP/small.pcap"
run "tsshark $N" "$N" dist/tsshark -r "$TMP/big.pcap"
run "tshark $N" "$N" tshark -r "$TMP/big.pcap"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine inflates wall times; cpu figures are steadier)"
