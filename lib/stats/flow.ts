// -z flow,any|tcp|icmp|icmpv6,standard|network[,FILTER]: tshark's ASCII flow graph (sequence diagram), byte for byte.
//
// Nodes are the addresses in order of appearance, NODE columns apart; each packet is a label line (time,
// label, comment) and an arrow line with the ports. Text is laid over a blank row with GLib's semantics,
// including its refusal to erase past the end of the row (long labels then push the rest right).
import { sinceFirst } from "./since-first.ts";
import { ToolError } from "../cli/error.ts";
import { fieldByAbbrev } from "../dissect/registry.ts";
import type { Field } from "../dissect/field.ts";
import type { Node, Packet } from "../dissect/tree.ts";
import { addrText } from "../format/columns.ts";
import { ipv4Text, ipv6At } from "../format/address.ts";
import { intervalText } from "../format/time.ts";
import type { CaptureSpan, Stat } from "./stat.ts";

export type FlowKind = "any" | "tcp" | "icmp" | "icmpv6";
export const FLOW_KINDS: readonly FlowKind[] = ["any", "icmp", "icmpv6", "tcp"];

interface Item {
  readonly conv: number;
  readonly time: string;
  readonly src: string;
  readonly dst: string;
  readonly sport: number;
  readonly dport: number;
  readonly label: string;
  readonly comment: string;
}

const NODE = 20;
const TCP_FLAG_NAMES = ["FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"];

const field = (abbrev: string): Field => {
  const f = fieldByAbbrev(abbrev);
  if (!f) throw new Error(`field ${abbrev} is not registered`);
  return f;
};

/** Parse "standard|network[,FILTER]" after "flow,KIND,". */
export function flowStat(kind: FlowKind, rest: string, arg: string, timeDigits: (pkt: Packet) => number): Stat {
  const comma = rest.indexOf(",");
  const addrType = comma < 0 ? rest : rest.slice(0, comma);
  if (addrType !== "standard" && addrType !== "network") throw new ToolError("flow - Invalid address type.", 1);
  const network = addrType === "network";
  const filter = comma < 0 ? "" : rest.slice(comma + 1);
  const F = {
    stream: field("tcp.stream"), sport: field("tcp.srcport"), dport: field("tcp.dstport"), flags: field("tcp.flags"),
    seq: field("tcp.seq"), ack: field("tcp.ack"), len: field("tcp.len"),
    ip4s: field("ip.src"), ip4d: field("ip.dst"), ip6s: field("ipv6.src"), ip6d: field("ipv6.dst"),
    icmpType: field(kind === "icmpv6" ? "icmpv6.type" : "icmp.type"), icmpCode: field(kind === "icmpv6" ? "icmpv6.code" : "icmp.code"),
  };
  const items: Item[] = [];
  const num = (n: Node | undefined) => (typeof n?.value === "number" ? n.value : 0);

  /** The packet's two ends: network-layer addresses, or the address columns for "standard". */
  const ends = (pkt: Packet): [string, string] | null => {
    if (!network && pkt.cols && pkt.cols.src.kind && pkt.cols.dst.kind) {
      return [addrText(pkt.cols.src, pkt.session.resolve.mac), addrText(pkt.cols.dst, pkt.session.resolve.mac)];
    }
    const v4 = pkt.nodes(F.ip4s)[0], v6 = pkt.nodes(F.ip6s)[0];
    if (v4 && (!v6 || v4.start < v6.start)) return [ipv4Text(v4.value as number), ipv4Text(pkt.nodes(F.ip4d)[0]!.value as number)];
    if (v6) {
      const d = pkt.nodes(F.ip6d)[0]!;
      return [ipv6At(v6.data, v6.start), ipv6At(d.data, d.start)];
    }
    return null;
  };

  return {
    arg, filter, fullTree: false, columns: kind !== "tcp" || !network,
    fields: Object.values(F),
    packet(pkt: Packet) {
      const e = ends(pkt);
      if (!e) return;
      const time = intervalText(sinceFirst(pkt), timeDigits(pkt));
      const info = pkt.cols ? `${pkt.cols.protocol}: ${pkt.cols.info}` : "";
      if (kind === "tcp") {
        if (!pkt.nodes(F.sport).length) return;
        const flags = num(pkt.nodes(F.flags)[0]);
        const names = TCP_FLAG_NAMES.filter((_, i) => flags & (1 << i)).join(", ") || "<None>";
        const len = num(pkt.nodes(F.len)[0]);
        const ack = flags & 0x10 ? ` Ack = ${num(pkt.nodes(F.ack)[0])}` : "";
        items.push({
          conv: num(pkt.nodes(F.stream)[0]), time, src: e[0], dst: e[1],
          sport: num(pkt.nodes(F.sport)[0]), dport: num(pkt.nodes(F.dport)[0]),
          label: len ? `${names} - Len: ${len}` : names, comment: `Seq = ${num(pkt.nodes(F.seq)[0])}${ack}`,
        });
      } else if (kind === "any") {
        // only TCP and UDP set ports here; ICMP's (0)/(type<<8|code) appear in its own flow only
        const ports = pkt.info.ptype ? [pkt.info.srcport, pkt.info.dstport] : [0, 0];
        items.push({ conv: 0, time, src: e[0], dst: e[1], sport: ports[0]!, dport: ports[1]!, label: pkt.cols?.info ?? "", comment: info });
      } else {
        const t = pkt.nodes(F.icmpType)[0];
        if (!t) return;
        const type = num(t), code = num(pkt.nodes(F.icmpCode)[0]);
        items.push({ conv: 0, time, src: e[0], dst: e[1], sport: 0, dport: (type << 8) | code, label: pkt.cols?.info ?? "", comment: info });
      }
    },
    report(_span: CaptureSpan) {
      return drawFlow(items);
    },
  };
}

/** GLib's g_string_erase refuses a range past the end; the insert still happens. */
function overwrite(s: string, text: string, p1: number, p2: number): string {
  if (p1 === p2) return s;
  let pos = Math.min(p1, p2);
  let len = Math.abs(p1 - p2);
  const chars = [...text];
  if (len > chars.length) len = chars.length;
  const ins = chars.slice(0, len).join("");
  if (pos > s.length) pos = s.length;
  const erased = pos + len <= s.length ? s.slice(0, pos) + s.slice(pos + len) : s;
  return erased.slice(0, pos) + ins + erased.slice(pos);
}

function drawFlow(items: readonly Item[]): string {
  if (items.length === 0) return "";
  const nodes: string[] = [];
  const nodeOf = (a: string) => {
    let i = nodes.indexOf(a);
    if (i < 0) i = nodes.push(a) - 1;
    return i;
  };
  const placed = items.map((it) => ({ it, s: nodeOf(it.src), d: nodeOf(it.dst) }));
  const several = items.some((it) => it.conv !== items[0]!.conv);
  const head = several ? "Conv.| Time    " : "|Time     ";
  const emptyHead = several ? "     |         " : "|         ";
  const headLen = several ? 16 : 10;

  let out = head;
  let empty = "";
  for (let i = 0; i < nodes.length; i += 2) {
    out += `| ${nodes[i]}`.padEnd(NODE * 2);
    empty += "| ".padEnd(NODE);
  }
  out += `|\n${emptyHead}${"| ".padEnd(NODE)}`;
  for (let i = 1; i < nodes.length; i += 2) {
    let l = `| ${nodes[i]}`;
    if (l.length < NODE) l = l.padEnd(NODE) + "| ";
    out += l.padEnd(NODE * 2);
    empty += "| ".padEnd(NODE);
  }
  out += "\n";
  empty += "|";
  const separator = "-".repeat(empty.length + headLen);

  let conv = items[0]!.conv;
  for (const { it, s, d } of placed) {
    const start = s * NODE + NODE / 2;
    let end = d * NODE + NODE / 2;
    let width = Math.abs(start - end);
    if (start === end) {
      end = start + NODE;
      width = NODE;
    }
    if (it.conv !== conv) {
      out += separator + "\n";
      conv = it.conv;
    }
    if (several) out += String(it.conv).padEnd(5);
    out += `|${it.time}`.padEnd(10);
    out += overwrite(empty, it.label, start, end) + it.comment + "\n";
    const arrow = start < end ? "-".repeat(width - 2) + ">" : "<" + "-".repeat(width - 2);
    let line = overwrite(empty, arrow, start, end);
    const sp = `(${it.sport})`, dp = `(${it.dport})`;
    if (start < end) {
      line = overwrite(line, sp, start - 9, start - 1);
      line = overwrite(line, dp, end + 1, end + 9);
    } else {
      line = overwrite(line, sp, start + 1, start + 9);
      line = overwrite(line, dp, end - 9, end + 1);
    }
    out += emptyHead + line + "\n";
  }
  return out;
}
