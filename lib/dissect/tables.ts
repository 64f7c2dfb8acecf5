// Named dispatch tables (Wireshark's dissector tables): which dissector takes a link type, ethertype, IP protocol or port.
import type { Protocol } from "./field.ts";
import type { Node, Packet } from "./tree.ts";
import type { Tvb } from "./tvb.ts";

/** The tables lower layers look their payload up in. */
export type TableName = "link" | "ethertype" | "ip.proto" | "tcp.port" | "udp.port" | "ppp.protocol";
export const TABLE_NAMES: readonly TableName[] = ["link", "ethertype", "ip.proto", "tcp.port", "udp.port", "ppp.protocol"];

/** Heuristic lists: tried in order when no table entry took the payload. */
export type HeurName = "tcp" | "udp";

/**
 * One protocol's entry point. `dissect` returns the bytes it consumed, or 0 for "not mine" (only
 * heuristic dissectors and table entries that check their input return 0; the caller then tries the next).
 */
export interface Dissector {
  readonly proto: Protocol;
  /** the name -d uses (`-d udp.port==53,dns`); usually proto.abbrev */
  readonly name: string;
  dissect(tvb: Tvb, pkt: Packet, parent: Node): number;
  /** where lower layers find this dissector: [table, key] pairs (data, not calls) */
  readonly handoff?: readonly (readonly [TableName, number])[];
  /** heuristic lists this dissector joins */
  readonly heuristic?: readonly HeurName[];
}

/** The tables of one session: built from the registry, then changed by -d (Decode As). */
export interface Tables {
  readonly byName: Readonly<Record<TableName, Map<number, Dissector>>>;
  readonly heur: Readonly<Record<HeurName, Dissector[]>>;
  /** every dissector by its -d name */
  readonly byDissectorName: ReadonlyMap<string, Dissector>;
  /** the fallback for payload nobody claims */
  readonly data: Dissector;
}

export function buildTables(dissectors: readonly Dissector[]): Tables {
  const byName = Object.fromEntries(TABLE_NAMES.map((n) => [n, new Map<number, Dissector>()])) as Record<TableName, Map<number, Dissector>>;
  const heur: Record<HeurName, Dissector[]> = { tcp: [], udp: [] };
  const byDissectorName = new Map<string, Dissector>();
  for (const d of dissectors) {
    byDissectorName.set(d.name, d);
    for (const [table, key] of d.handoff ?? []) byName[table].set(key, d);
    for (const h of d.heuristic ?? []) heur[h].push(d);
  }
  const data = byDissectorName.get("data");
  if (!data) throw new Error("the registry has no data dissector");
  return { byName, heur, byDissectorName, data };
}

/** Call one dissector; the current protocol name is restored afterwards, as Wireshark does. */
export function callDissector(d: Dissector, tvb: Tvb, pkt: Packet, parent: Node): number {
  const saved = pkt.curProto;
  const n = d.dissect(tvb, pkt, parent);
  if (n === 0) pkt.curProto = saved;
  return n;
}

/** Look `key` up in a table and call the dissector found; 0 when there is none or it declined. */
export function tryTable(pkt: Packet, table: TableName, key: number, tvb: Tvb, parent: Node): number {
  const d = pkt.session.tables.byName[table].get(key);
  return d ? callDissector(d, tvb, pkt, parent) : 0;
}

/** Try the heuristic dissectors of a list in order. */
export function tryHeuristics(pkt: Packet, list: HeurName, tvb: Tvb, parent: Node): number {
  for (const d of pkt.session.tables.heur[list]) {
    const n = callDissector(d, tvb, pkt, parent);
    if (n) return n;
  }
  return 0;
}

/** Hand the rest of the bytes to the Data dissector (what Wireshark does with unclaimed payload). */
export function callData(tvb: Tvb, pkt: Packet, parent: Node): number {
  if (tvb.reported <= 0) return 0;
  return callDissector(pkt.session.tables.data, tvb, pkt, parent);
}

/** Table lookup, falling back to Data: how eth/ip/sll hand their payload on. */
export function dispatch(pkt: Packet, table: TableName, key: number, tvb: Tvb, parent: Node): number {
  return tryTable(pkt, table, key, tvb, parent) || callData(tvb, pkt, parent);
}

/**
 * Wireshark's port rule for TCP and UDP: the lower port first, then the higher one, then heuristics
 * (decode_udp_ports / decode_tcp_ports), then Data.
 */
export function dispatchPorts(pkt: Packet, table: "tcp.port" | "udp.port", sport: number, dport: number, tvb: Tvb, parent: Node): number {
  const lo = sport < dport ? sport : dport;
  const hi = sport < dport ? dport : sport;
  return (
    (lo !== 0 && tryTable(pkt, table, lo, tvb, parent)) ||
    (hi !== 0 && hi !== lo && tryTable(pkt, table, hi, tvb, parent)) ||
    tryHeuristics(pkt, table === "tcp.port" ? "tcp" : "udp", tvb, parent) ||
    callData(tvb, pkt, parent)
  );
}
