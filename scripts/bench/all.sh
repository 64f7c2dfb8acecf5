#!/usr/bin/env bash
# Runs every benchmark in scripts/bench/ (each compares ours with the classic tool in one run and prints ratios).
set -u
cd "$(dirname "$0")/../.."
[ -x dist/tsnc ] || npx bun scripts/build.ts --no-demo
for b in scripts/bench/*.sh; do
  [ "$(basename "$b")" = all.sh ] && continue
  echo "== $b"
  bash "$b" || echo "(benchmark $b failed)"
done
