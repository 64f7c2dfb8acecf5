// -G fields from the registry against tshark -G fields for the core protocols (same names, types, bases, masks).
import { expect } from "bun:test";
import { needs } from "../support/needs.ts";
import { ours, run } from "../support/proc.ts";

const { test } = needs("tool:tshark");
/** Protocols whose every field is declared; eth and frame declare the subset tsshark fills in. */
const COMPLETE = ["ip", "ipv6", "ipv6.hopopts", "ipv6.routing", "ipv6.fraghdr", "ipv6.dstopts", "tcp", "udp", "icmp", "icmpv6", "arp", "vlan", "ieee8021ad", "sll", "null"];
const PARTIAL = ["eth", "frame", "data"];

function byProto(lines: string[]): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const l of lines) {
    const p = l.split("\t");
    if (p[0] !== "F") continue;
    const key = p[4]!;
    if (!m.has(key)) m.set(key, new Set());
    m.get(key)!.add(l);
  }
  return m;
}

test("-G fields matches tshark for the core protocols", async () => {
  const [t, o] = await Promise.all([run(["tshark", "-G", "fields"], { timeoutMs: 60_000 }), run([...ours("tsshark"), "-G", "fields"])]);
  expect(o.code).toBe(0);
  const theirs = byProto(t.out.split("\n"));
  const mine = byProto(o.out.split("\n"));
  for (const p of COMPLETE) expect({ p, lines: [...(mine.get(p) ?? [])].sort() }).toEqual({ p, lines: [...(theirs.get(p) ?? [])].sort() });
  for (const p of PARTIAL) {
    const missing = [...(mine.get(p) ?? [])].filter((l) => !theirs.get(p)?.has(l));
    expect({ p, missing }).toEqual({ p, missing: [] });
  }
}, 60_000);
