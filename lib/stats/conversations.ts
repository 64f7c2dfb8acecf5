// -z conv,eth|ip|ipv6|tcp|udp[,FILTER]: tshark's conversation table, busiest first.
import { sinceFirst } from "./since-first.ts";
import type { CaptureSpan, Stat } from "./stat.ts";
import type { ConversationKind, PacketEnds } from "./address-pair.ts";
import { formatBytes } from "./format-size.ts";
import { portText } from "../format/ports.ts";
import type { Packet } from "../dissect/tree.ts";
import { busiestFirst, countFrame, zeroCounts, type TrafficCounts } from "./traffic-counts.ts";

/** tx counts what a sent (tshark's "->" columns), rx what b sent ("<-"). */
interface Conversation extends TrafficCounts {
  readonly a: string;
  readonly b: string;
  readonly aPort: number;
  readonly bPort: number;
  startNs: bigint;
  stopNs: bigint;
}

const RULE = "=".repeat(80);

/** Conversations in the order they first appeared; the key is the unordered pair plus the stream id. */
export function conversationStat(kind: ConversationKind, filter: string, arg: string): Stat {
  const byKey = new Map<string, Conversation>();
  const list: Conversation[] = [];
  let resolvePorts = false;
  const keyOf = (e: PacketEnds, swap: boolean) =>
    swap ? `${e.id}|${e.dst}|${e.dport}|${e.src}|${e.sport}` : `${e.id}|${e.src}|${e.sport}|${e.dst}|${e.dport}`;

  return {
    arg, filter, fields: kind.fields, fullTree: false,
    packet(pkt: Packet) {
      const e = kind.ends(pkt);
      if (!e) return;
      resolvePorts = pkt.session.resolve.transport;
      const rel = sinceFirst(pkt);
      let c = byKey.get(keyOf(e, false));
      let fromA = true;
      if (!c) {
        c = byKey.get(keyOf(e, true));
        fromA = false;
      }
      if (!c) {
        c = { a: e.src, b: e.dst, aPort: e.sport, bPort: e.dport, ...zeroCounts(), startNs: rel, stopNs: rel };
        byKey.set(keyOf(e, false), c);
        list.push(c);
        fromA = true;
      }
      // a packet whose ends are the same both ways (loopback to itself) counts as sent by a
      if (!fromA && e.src === c.a && e.sport === c.aPort) fromA = true;
      countFrame(c, fromA, pkt.frame.len);
      if (rel > c.stopNs) c.stopNs = rel;
      if (rel < c.startNs) c.startNs = rel;
    },
    report(_span: CaptureSpan) {
      const pad = kind.ports ? " ".repeat(12) : "";
      const width = kind.ports ? 26 : 20;
      const name = (addr: string, port: number) => (kind.ports ? `${addr}:${portText(port, kind.name as "tcp" | "udp", resolvePorts)}` : addr);
      const out = [
        RULE,
        `${kind.title} Conversations`,
        `Filter:${filter || "<No Filter>"}`,
        `${pad}                                               |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |`,
        `${pad}                                               | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |`,
      ];
      for (const c of busiestFirst(list)) {
        out.push(
          `${name(c.a, c.aPort).padEnd(width)} <-> ${name(c.b, c.bPort).padEnd(width)}` +
            `  ${String(c.rxFrames).padStart(6)} ${formatBytes(c.rxBytes).padEnd(9)}` +
            `  ${String(c.txFrames).padStart(6)} ${formatBytes(c.txBytes).padEnd(9)}` +
            `  ${String(c.rxFrames + c.txFrames).padStart(6)} ${formatBytes(c.rxBytes + c.txBytes).padEnd(9)}` +
            `  ${toSeconds(c.startNs).toFixed(9).padStart(14)}   ${(toSeconds(c.stopNs) - toSeconds(c.startNs)).toFixed(4).padStart(12)}`,
        );
      }
      out.push(RULE);
      return out.join("\n") + "\n";
    },
  };
}

/** nstime_to_sec: seconds as a double, so big offsets round the way tshark's printf does. */
export function toSeconds(ns: bigint): number {
  const secs = ns / 1_000_000_000n;
  return Number(secs) + Number(ns - secs * 1_000_000_000n) / 1e9;
}
