// -z follow,tcp|udp,ascii|hex|raw|yaml,STREAM|ADDR:PORT,ADDR:PORT: one conversation's payload, as tshark prints it.
import type { CaptureSpan, Stat } from "./stat.ts";
import { fieldByAbbrev } from "../dissect/registry.ts";
import type { Field } from "../dissect/field.ts";
import type { Node, Packet } from "../dissect/tree.ts";
import { ipv4Text, ipv6At } from "../format/address.ts";
import { ToolError } from "../cli/error.ts";
import { toSeconds } from "./conversations.ts";

export type FollowMode = "ascii" | "hex" | "raw" | "yaml";
export const FOLLOW_MODES: readonly FollowMode[] = ["ascii", "hex", "raw", "yaml"];

/** Which conversation to follow: a stream index, or the two ends given as address:port. */
export type FollowSelector = { readonly stream: number } | { readonly a: Peer; readonly b: Peer };

interface Peer {
  readonly addr: string;
  readonly port: number;
}

/** One payload chunk, in the order tshark prints them. */
interface Chunk {
  readonly node: 0 | 1;
  readonly num: number;
  readonly ts: bigint;
  readonly data: Uint8Array;
}

const RULE = "=".repeat(67);

const field = (abbrev: string): Field => {
  const f = fieldByAbbrev(abbrev);
  if (!f) throw new Error(`field ${abbrev} is not registered`);
  return f;
};

/** Parse "0" or "10.0.0.1:80,10.0.0.2:5000" ("[::1]:80" for IPv6). */
export function parseFollowSelector(text: string): FollowSelector | undefined {
  if (/^\d+$/.test(text)) return { stream: Number(text) };
  const parts = text.split(/,(?![^\[]*\])/);
  if (parts.length !== 2) return undefined;
  const peers = parts.map(parsePeer);
  if (!peers[0] || !peers[1]) return undefined;
  return { a: peers[0], b: peers[1] };
}

function parsePeer(s: string): Peer | undefined {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(s);
  return m ? { addr: m[1]!, port: Number(m[2]) } : undefined;
}

export function followStat(proto: "tcp" | "udp", mode: string, selector: FollowSelector, arg: string): Stat {
  if (!(FOLLOW_MODES as readonly string[]).includes(mode)) throw new ToolError("follow - Invalid display mode.", 1);
  const F = {
    stream: field(`${proto}.stream`), sport: field(`${proto}.srcport`), dport: field(`${proto}.dstport`),
    payload: field(`${proto}.payload`), seq: field("tcp.seq_raw"), len: field("tcp.len"), syn: field("tcp.flags.syn"),
    ip4s: field("ip.src"), ip4d: field("ip.dst"), ip6s: field("ipv6.src"), ip6d: field("ipv6.dst"),
  };
  const nodes: (Peer & { v6: boolean })[] = [];
  const chunks: Chunk[] = [];
  const nextSeq: (number | undefined)[] = [undefined, undefined];
  const shownFilter = "stream" in selector ? `${proto}.stream eq ${selector.stream}` : addressFilter(proto, selector);

  const ends = (pkt: Packet) => {
    const v4 = pkt.nodes(F.ip4s)[0], v6 = pkt.nodes(F.ip6s)[0];
    const useV4 = v4 !== undefined && (v6 === undefined || v4.start < v6.start);
    const at = (n: Node | undefined) => (n === undefined ? "" : useV4 ? ipv4Text(n.value as number) : ipv6At(n.data, n.start));
    return {
      src: { addr: at(useV4 ? v4 : v6), port: num(pkt.nodes(F.sport)[0]), v6: !useV4 },
      dst: { addr: at(useV4 ? pkt.nodes(F.ip4d)[0] : pkt.nodes(F.ip6d)[0]), port: num(pkt.nodes(F.dport)[0]), v6: !useV4 },
    };
  };
  const selected = (pkt: Packet, e: ReturnType<typeof ends>): boolean => {
    if ("stream" in selector) return num(pkt.nodes(F.stream)[0]) === selector.stream;
    const same = (p: Peer, q: Peer) => p.addr === q.addr && p.port === q.port;
    return (same(e.src, selector.a) && same(e.dst, selector.b)) || (same(e.src, selector.b) && same(e.dst, selector.a));
  };

  return {
    arg, filter: "", fields: Object.values(F), fullTree: false,
    packet(pkt: Packet) {
      if (pkt.nodes(F.sport).length === 0) return;
      const e = ends(pkt);
      if (!selected(pkt, e)) return;
      if (nodes.length === 0) nodes.push(e.src, e.dst);
      const node: 0 | 1 = e.src.addr === nodes[0]!.addr && e.src.port === nodes[0]!.port ? 0 : 1;
      const p = pkt.nodes(F.payload)[0];
      let data = p ? p.data.subarray(p.start, p.start + p.length) : new Uint8Array(0);
      if (proto === "tcp") {
        const seq = num(pkt.nodes(F.seq)[0]);
        const syn = num(pkt.nodes(F.syn)[0]) === 1;
        const base = syn ? (seq + 1) >>> 0 : seq;
        const expected = nextSeq[node];
        if (syn && expected === undefined) nextSeq[node] = base;
        if (data.length === 0) return;
        // keep only bytes past what this direction already delivered (retransmissions and overlaps)
        const behind = expected === undefined ? 0 : (expected - base) | 0;
        if (behind >= data.length) return;
        if (behind > 0) data = data.subarray(behind);
        nextSeq[node] = (base + Math.max(behind, 0) + data.length) >>> 0;
      } else if (data.length === 0) return;
      chunks.push({ node, num: pkt.num, ts: pkt.frame.ts, data });
    },
    report(_span: CaptureSpan) {
      const peer = (i: number) => {
        const n = nodes[i];
        return n ? (n.v6 ? `[${n.addr}]:${n.port}` : `${n.addr}:${n.port}`) : ":0";
      };
      if (mode === "yaml") return yamlReport(nodes, chunks);
      const out = ["", RULE, `Follow: ${proto},${mode}`, `Filter: ${shownFilter}`, `Node 0: ${peer(0)}`, `Node 1: ${peer(1)}`];
      const offsets = [0, 0];
      for (const c of chunks) {
        const tab = c.node === 1 ? "\t" : "";
        if (mode === "ascii") out.push(`${tab}${c.data.length}`, `${asciiText(c.data)}`);
        else if (mode === "raw") out.push(tab + Buffer.from(c.data).toString("hex"));
        else {
          for (let i = 0; i < c.data.length; i += 16) out.push(tab + hexLine(c.data.subarray(i, i + 16), offsets[c.node]! + i));
          offsets[c.node]! += c.data.length;
        }
      }
      out.push(RULE);
      return out.join("\n") + "\n";
    },
  };
}

const num = (n: Node | undefined): number => (typeof n?.value === "number" ? n.value : -1);

/** tshark's address form of the follow filter. */
function addressFilter(proto: string, s: { a: Peer; b: Peer }): string {
  const fam = (p: Peer) => (p.addr.includes(":") ? "ipv6" : "ip");
  const side = (src: Peer, dst: Peer) =>
    `((${fam(src)}.src eq ${src.addr} and ${proto}.srcport eq ${src.port}) and (${fam(dst)}.dst eq ${dst.addr} and ${proto}.dstport eq ${dst.port}))`;
  return `${side(s.a, s.b)} or ${side(s.b, s.a)}`;
}

/** Printable ASCII and line breaks as they are; every other byte (tabs too) as ".". */
function asciiText(d: Uint8Array): string {
  let s = "";
  for (const b of d) s += (b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d ? String.fromCharCode(b) : ".";
  return s;
}

/** "00000010  48 6f 73 74 3a 20 78 0d  0a 0d 0a                 Host: x. ..." */
function hexLine(d: Uint8Array, offset: number): string {
  let hex = "";
  let text = "";
  for (let i = 0; i < 16; i++) {
    hex += i < d.length ? d[i]!.toString(16).padStart(2, "0") + " " : "   ";
    if (i === 7) hex += " ";
    if (i < d.length) {
      if (i === 8) text += " ";
      const b = d[i]!;
      text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".";
    }
  }
  // tshark right-trims the line, so a final space byte leaves no trailing blank
  return `${offset.toString(16).toUpperCase().padStart(8, "0")}  ${hex} ${text}`.trimEnd();
}

function yamlReport(nodes: readonly (Peer & { v6: boolean })[], chunks: readonly Chunk[]): string {
  const out = ["peers:"];
  // tshark lists two peers even when the stream was never seen (empty host, port 0)
  for (let i = 0; i < 2; i++) out.push(`  - peer: ${i}`, `    host: ${nodes[i]?.addr ?? ""}`, `    port: ${nodes[i]?.port ?? 0}`);
  out.push("packets:");
  for (const c of chunks) {
    // a double, as tshark prints it (nstime_to_sec), so the last digits round the same way
    out.push(`  - packet: ${c.num}`, `    peer: ${c.node}`, `    timestamp: ${toSeconds(c.ts).toFixed(9)}`, "    data: !!binary |");
    const b64 = Buffer.from(c.data).toString("base64");
    for (let i = 0; i < b64.length; i += 76) out.push(`      ${b64.slice(i, i + 76)}`);
  }
  return out.join("\n") + "\n";
}
