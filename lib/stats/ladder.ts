// --ladder [STREAM]: a TCP conversation drawn as a sequence (ladder) diagram, one arrow per packet.
//
//   TCP stream 0: 10.0.0.1:40000 → 10.0.0.2:8080, 9 packets in 12.400 s
//
//          time  10.0.0.1:40000                                   10.0.0.2:8080
//      0.000000  │── SYN  Seq=0 ──────────────────────────────────────▶│
//      0.000100  │◀────────────────────────────── SYN, ACK  Seq=0 Ack=1 ──│
//
// Relative sequence numbers and flags come from the TCP dissector's fields; colour (on a terminal only)
// marks the handshake green, teardown and resets red, and segments that carry data cyan.
import { sinceFirst } from "./since-first.ts";
import type { CaptureSpan, Stat } from "./stat.ts";
import { fieldByAbbrev } from "../dissect/registry.ts";
import type { Field } from "../dissect/field.ts";
import type { Node, Packet } from "../dissect/tree.ts";
import { ipv4Text, ipv6At } from "../format/address.ts";
import { intervalText as secondsText } from "../format/time.ts";
import type { Colors } from "../cli/color.ts";

interface Hop {
  readonly time: bigint;
  readonly fromA: boolean;
  readonly flags: number;
  readonly seq: number;
  readonly ack: number;
  readonly len: number;
  readonly notes: string;
}

interface Ladder {
  readonly stream: number;
  readonly a: string;
  readonly b: string;
  readonly hops: Hop[];
}

/** Flag bits in tshark's order of naming. */
const FLAG_NAMES: readonly [number, string][] = [
  [0x01, "FIN"], [0x02, "SYN"], [0x04, "RST"], [0x08, "PSH"], [0x10, "ACK"], [0x20, "URG"], [0x40, "ECE"], [0x80, "CWR"],
];
const ORDER = ["SYN", "FIN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"];
const MIN_SPAN = 44;
/** At most this many arrows per diagram, so a bulk transfer does not scroll for ever. */
export const LADDER_MAX_HOPS = 400;

const field = (abbrev: string): Field => {
  const f = fieldByAbbrev(abbrev);
  if (!f) throw new Error(`field ${abbrev} is not registered`);
  return f;
};

/** Collect the chosen TCP stream (or every stream when `stream` is undefined) and draw it at the end. */
export function ladderStat(stream: number | undefined, color: Colors): Stat {
  const F = {
    stream: field("tcp.stream"), sport: field("tcp.srcport"), dport: field("tcp.dstport"), flags: field("tcp.flags"),
    seq: field("tcp.seq"), ack: field("tcp.ack"), len: field("tcp.len"), analysis: field("tcp.analysis.flags"),
    ip4s: field("ip.src"), ip4d: field("ip.dst"), ip6s: field("ipv6.src"), ip6d: field("ipv6.dst"),
  };
  const ladders = new Map<number, Ladder>();
  const num = (n: Node | undefined) => (typeof n?.value === "number" ? n.value : 0);
  const endpoint = (pkt: Packet, src: boolean): string => {
    const v4 = pkt.nodes(src ? F.ip4s : F.ip4d)[0], v6 = pkt.nodes(src ? F.ip6s : F.ip6d)[0];
    const port = num(pkt.nodes(src ? F.sport : F.dport)[0]);
    if (v4 && (!v6 || v4.start < v6.start)) return `${ipv4Text(v4.value as number)}:${port}`;
    return v6 ? `[${ipv6At(v6.data, v6.start)}]:${port}` : `?:${port}`;
  };

  return {
    arg: "ladder", filter: "", fields: Object.values(F), fullTree: false,
    packet(pkt: Packet) {
      const sn = pkt.nodes(F.stream)[0];
      if (!sn) return;
      const id = num(sn);
      if (stream !== undefined && id !== stream) return;
      const src = endpoint(pkt, true), dst = endpoint(pkt, false);
      let l = ladders.get(id);
      if (!l) {
        l = { stream: id, a: src, b: dst, hops: [] };
        ladders.set(id, l);
      }
      if (l.hops.length >= LADDER_MAX_HOPS) return;
      l.hops.push({
        time: sinceFirst(pkt),
        fromA: src === l.a,
        flags: num(pkt.nodes(F.flags)[0]),
        seq: num(pkt.nodes(F.seq)[0]),
        ack: num(pkt.nodes(F.ack)[0]),
        len: num(pkt.nodes(F.len)[0]),
        notes: pkt.nodes(F.analysis).length ? " [analysis]" : "",
      });
    },
    report(_span: CaptureSpan) {
      if (ladders.size === 0) return stream === undefined ? "No TCP conversations.\n" : `No TCP stream ${stream}.\n`;
      return [...ladders.values()].map((l) => drawLadder(l, color)).join("\n");
    },
  };
}

/** "SYN, ACK" in the order a textbook writes them. */
function flagText(flags: number): string {
  const names = FLAG_NAMES.filter(([bit]) => flags & bit).map(([, n]) => n);
  return names.sort((x, y) => ORDER.indexOf(x) - ORDER.indexOf(y)).join(", ") || "<none>";
}

function label(h: Hop): string {
  const parts = [`${flagText(h.flags)} `, `Seq=${h.seq}`];
  if (h.flags & 0x10) parts.push(`Ack=${h.ack}`);
  if (h.len) parts.push(`Len=${h.len}`);
  return parts.join(" ") + h.notes;
}

function paint(h: Hop, text: string, c: Colors): string {
  if (h.flags & 0x04 || h.flags & 0x01) return c.red(text);
  if (h.flags & 0x02) return c.green(text);
  if (h.len > 0) return c.cyan(text);
  return text;
}

function drawLadder(l: Ladder, c: Colors): string {
  const labels = l.hops.map(label);
  const span = Math.max(MIN_SPAN, ...labels.map((s) => s.length + 8), l.a.length + 2, l.b.length + 2);
  const last = l.hops.length ? l.hops[l.hops.length - 1]!.time - l.hops[0]!.time : 0n;
  const out = [
    c.bold(`TCP stream ${l.stream}: ${l.a} → ${l.b}, ${l.hops.length} packet${l.hops.length === 1 ? "" : "s"} in ${secondsText(last, 6)} s`),
    "",
    `${"time".padStart(12)}  ${l.a.padEnd(span + 1)}${l.b}`,
  ];
  l.hops.forEach((h, i) => {
    const text = ` ${labels[i]} `;
    const rest = span - text.length - 3;
    const arrow = h.fromA ? `──${text}${"─".repeat(rest)}▶` : `◀${"─".repeat(rest)}${text}──`;
    out.push(`${secondsText(h.time, 6).padStart(12)}  │${paint(h, arrow, c)}│`);
  });
  return out.join("\n") + "\n";
}
