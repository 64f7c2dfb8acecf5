#!/usr/bin/env bash
# tsshark vs tshark on the detail renderers (-V, -x, -T json, -T ek, -T pdml) over a generated DNS capture.
# Prints wall and CPU seconds for both tools and the tshark/tsshark ratio (above 1 = tsshark is faster).
# Usage: bash scripts/bench/tsshark-output.sh [packets=20000]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-20000}
BUN=node_modules/.bin/bun
TMP=${TMPDIR:-/tmp}/tsshark-output-bench-$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
$BUN scripts/build.ts --no-demo tsshark >/dev/null
$BUN scripts/bench/tsshark-output.ts "$TMP/dns.pcap" "$N"

# timed LABEL CMD... -> sets WALL and CPU (seconds)
timed() {
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$TMP/t" "$@" >/dev/null 2>"$TMP/err" || { echo "$label: failed: $(head -2 "$TMP/err")"; WALL=0; CPU=0; return; }
  read -r WALL U S RSS <"$TMP/t"
  CPU=$(echo "$U + $S" | bc -l)
  printf '  %-28s %7.2f s wall %7.2f s cpu %8d KB rss\n' "$label" "$WALL" "$CPU" "$RSS"
}

for args in "-V" "-x" "-T json" "-T ek" "-T pdml" "-O dns"; do
  echo "== $args, $N packets"
  # shellcheck disable=SC2086
  timed "tsshark $args" dist/tsshark -r "$TMP/dns.pcap" $args; OW=$WALL OC=$CPU
  # shellcheck disable=SC2086
  timed "tshark $args" tshark -r "$TMP/dns.pcap" $args; TW=$WALL TC=$CPU
  printf '  ratio tshark/tsshark           wall x%.2f   cpu x%.2f\n' "$(echo "$TW / ($OW + 0.001)" | bc -l)" "$(echo "$TC / ($OC + 0.001)" | bc -l)"
done
