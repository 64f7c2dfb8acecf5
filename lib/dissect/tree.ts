// The per-packet tree (one Node per field occurrence) and the Packet that owns it, its columns and its index.
//
// How a dissector adds to the tree (read this with field.ts):
//
//   dissect(tvb, pkt, parent) {
//     const top = pkt.addProto(parent, udp, tvb, 0, 8);          // "User Datagram Protocol" subtree; also
//                                                                //  records the layer for frame.protocols
//     const sport = tvb.u16(0);                                  // reads are bounds-checked (tvb.ts)
//     pkt.add(top, udp.f.srcport, tvb, 0, 2, sport);             // a node: field, offset, length, value
//     pkt.add(top, udp.f.port, tvb, 0, 2, sport).hide();         // hidden: filterable, not shown by -V
//     pkt.add(top, udp.f.stream, tvb, 0, 0, n).generated();      // generated: -V shows it in [brackets]
//     if (pkt.full) top.append(`, Src Port: ${sport}`);          // label text only when a tree is wanted
//     const c = pkt.cols;                                        // null when no renderer needs columns
//     if (c) { c.setProtocol("UDP"); c.setInfo(`${sport} → ${dport} Len=${n}`); }
//     return callNext(...)                                       // hand off: tables.ts (dispatchPort etc.)
//   }
//
// add() is cheap when nothing asked for a field: unless `pkt.full` (a renderer or filter wants the whole
// tree) or the field is in `pkt.want` (-T fields -e), it returns the shared NOOP node and builds nothing.
// Values: integers are numbers (FT_UINT64/INT64: bigint), booleans the masked-and-shifted integer, FT_IPv4
// a uint32, FT_ETHER / FT_IPv6 / FT_BYTES null (the bytes are node.data[start, start+length)), strings
// strings, FT_ABSOLUTE_TIME / FT_RELATIVE_TIME bigint nanoseconds. Labels are made by lib/format/value.ts.
import { TEXT_FIELD, type Field, type Protocol } from "./field.ts";
import type { Tvb } from "./tvb.ts";
import type { Frame } from "../pcap/frame.ts";
import type { Session } from "./session.ts";

export type Value = number | bigint | string | Uint8Array | null;

export const HIDDEN = 1;
export const GENERATED = 2;

export class Node {
  children: Node[] | null = null;
  /** proto_item_append_text: added after the formatted "Name: value" (or after the protocol name) */
  text: string | null = null;
  /** proto_item_set_text: replaces the whole label */
  label: string | null = null;
  flags = 0;
  /** expert infos attached to this node (part 2 fills these) */
  expert: Expert[] | null = null;
  constructor(
    readonly field: Field,
    /** absolute offset in `data` */
    public start: number,
    public length: number,
    public value: Value,
    /** the bytes the offsets refer to (the frame, or a reassembled buffer) */
    readonly data: Uint8Array,
  ) {}
  hide(): this {
    this.flags |= HIDDEN;
    return this;
  }
  generated(): this {
    this.flags |= GENERATED;
    return this;
  }
  append(s: string): this {
    this.text = this.text === null ? s : this.text + s;
    return this;
  }
  setLabel(s: string): this {
    this.label = s;
    return this;
  }
  /** Set the length once a header's real size is known (proto_item_set_len). */
  setLen(n: number): this {
    this.length = n;
    return this;
  }
}

/** An expert info item (Wireshark's expert_add_info): severity and group as tshark names them. */
export interface Expert {
  readonly abbrev: string;
  readonly severity: "Chat" | "Note" | "Warning" | "Error" | "Comment";
  readonly group: string;
  readonly message: string;
}

class NoopNode extends Node {
  override hide(): this {
    return this;
  }
  override generated(): this {
    return this;
  }
  override append(): this {
    return this;
  }
  override setLabel(): this {
    return this;
  }
  override setLen(): this {
    return this;
  }
}

const NOOP_FIELD = { abbrev: "", name: "", type: "FT_NONE", id: -1, shift: 0, bits: 0 } as unknown as Field;
/** What add() returns when nobody asked for the node; writes to it are ignored. */
export const NOOP: Node = new NoopNode(NOOP_FIELD, 0, 0, null, new Uint8Array(0));

/** Where an address column points: formatted only when the line is printed. */
export type AddrKind = 0 | 1 | 2 | 3 | 4; // none, ether, ipv4, ipv6, text
export const ADDR_NONE = 0, ADDR_ETHER = 1, ADDR_IPV4 = 2, ADDR_IPV6 = 3, ADDR_TEXT = 4;

export interface Addr {
  kind: AddrKind;
  data: Uint8Array;
  off: number;
  text: string;
}

/**
 * The summary columns as the dissectors write them (Wireshark's col_* calls). Info keeps a fence: text
 * before it survives setInfo/clear by upper layers. `writable = false` freezes everything (ICMP sets it
 * while it dissects the datagram quoted in an error message).
 */
export class Columns {
  protocol = "";
  info = "";
  fence = 0;
  writable = true;
  src: Addr = { kind: 0, data: EMPTY, off: 0, text: "" };
  dst: Addr = { kind: 0, data: EMPTY, off: 0, text: "" };
  /** hardware / network source and destination as separate column kinds, for -e _ws.col.* and custom layouts */
  setProtocol(s: string): void {
    if (this.writable) this.protocol = s;
  }
  setInfo(s: string): void {
    if (this.writable) this.info = this.fence ? this.info.slice(0, this.fence) + s : s;
  }
  appendInfo(s: string): void {
    if (this.writable) this.info += s;
  }
  /** col_append_sep_str: the separator only when the column already has text */
  appendInfoSep(sep: string, s: string): void {
    if (this.writable) this.info = this.info.length ? this.info + sep + s : s;
  }
  prependInfo(s: string): void {
    if (this.writable) this.info = s + this.info;
  }
  clearInfo(): void {
    if (this.writable) this.info = this.fence ? this.info.slice(0, this.fence) : "";
  }
  setFence(): void {
    if (this.writable) this.fence = this.info.length;
  }
  setAddr(which: "src" | "dst", kind: AddrKind, data: Uint8Array, off: number): void {
    if (!this.writable) return;
    const a = this[which];
    a.kind = kind;
    a.data = data;
    a.off = off;
  }
  setAddrText(which: "src" | "dst", text: string): void {
    if (!this.writable) return;
    const a = this[which];
    a.kind = ADDR_TEXT;
    a.text = text;
  }
}
const EMPTY = new Uint8Array(0);

/** What lower layers tell upper ones (Wireshark's packet_info): addresses, ports, protocol numbers. */
export interface PacketInfo {
  /** network-layer addresses (IPv4: 4 bytes, IPv6: 16) as offsets into netData; -1 when none */
  netSrc: number;
  netDst: number;
  netLen: number;
  netData: Uint8Array;
  srcport: number;
  dstport: number;
  /** the transport that set the ports: "tcp" | "udp" | "" */
  ptype: string;
  /** inside an ICMP error's quoted datagram: no stream tracking, no column writes */
  inError: boolean;
  /** IP fragment that is not the first one (the payload is "Fragmented IP protocol") */
  fragmented: boolean;
  /** the IP protocol number of the payload, for ICMP's and IPv6's handoff */
  ipProto: number;
  /** Time to live / hop limit of the innermost IP header (ICMP echo shows it) */
  ttl: number;
}

export class Packet {
  /** the frame subtree ("Frame 1: 74 bytes on wire ..."), the root of everything */
  root: Node = NOOP;
  private _index: Map<number, Node[]> | null = null;
  private _notes: Map<string, unknown> | null = null;
  /** field id -> its nodes in the order they were added (for -e, filters, stats); made on first use */
  get index(): Map<number, Node[]> {
    return (this._index ??= new Map());
  }
  /** protocol abbrevs in order, for frame.protocols ("eth:ethertype:ip:tcp") */
  readonly layers: string[] = [];
  /** short name of the protocol being dissected ("[Malformed Packet: TCP]") */
  curProto = "";
  /** the frame's time: whole seconds, nanoseconds, and ns since the session's first second (set by frame.ts) */
  sec = 0;
  nsec = 0;
  rel = 0;
  /** the bytes a BoundsError marker covers: set by the engine */
  readonly info: PacketInfo = {
    netSrc: -1, netDst: -1, netLen: 0, netData: EMPTY, srcport: 0, dstport: 0, ptype: "",
    inError: false, fragmented: false, ipProto: -1, ttl: 0,
  };
  /** per-packet analysis results that renderers show (reassembly links ...); made on first use */
  get notes(): Map<string, unknown> {
    return (this._notes ??= new Map());
  }

  constructor(
    readonly num: number,
    readonly frame: Frame,
    readonly session: Session,
    /** build every node (for -V, json, pdml, filters) */
    readonly full: boolean,
    /** field ids asked for by -e when not full: nonzero = build that field's nodes */
    readonly want: Uint8Array | null,
    /** null when no renderer prints columns */
    readonly cols: Columns | null,
  ) {}

  /** Add a field occurrence. `len` -1 means "to the end of the captured view". */
  add(parent: Node, f: Field, tvb: Tvb, off: number, len: number, value: Value): Node {
    if (len < 0) len = tvb.remaining(off);
    else if (off + len > tvb.captured) tvb.check(off, len);
    if (!this.full && (this.want === null || this.want[f.id] === 0)) return NOOP;
    const n = new Node(f, tvb.start + off, len, value, tvb.data);
    this.link(parent, n);
    return n;
  }

  /** Add a generated field with no bytes behind it (stream indexes, relative numbers, response links). */
  addGenerated(parent: Node, f: Field, tvb: Tvb, off: number, len: number, value: Value): Node {
    if (!this.full && (this.want === null || this.want[f.id] === 0)) return NOOP;
    const n = new Node(f, tvb.start + off, len, value, tvb.data);
    n.flags |= GENERATED;
    this.link(parent, n);
    return n;
  }

  /** Open a protocol's subtree and record the layer for frame.protocols. */
  addProto(parent: Node, p: Protocol, tvb: Tvb, off: number, len: number): Node {
    this.layers.push(p.abbrev);
    this.curProto = p.short;
    if (len < 0) len = tvb.remaining(off);
    else if (off + len > tvb.captured) len = tvb.remaining(off);
    if (!this.full && (this.want === null || this.want[p.self.id] === 0)) return NOOP;
    const n = new Node(p.self, tvb.start + off, len, null, tvb.data);
    this.link(parent, n);
    return n;
  }

  /** A text-only item (a subtree heading such as "IP Option - Record Route (7 bytes)"); built only for full trees. */
  addText(parent: Node, tvb: Tvb, off: number, len: number, label: string): Node {
    if (!this.full) return NOOP;
    if (len < 0) len = tvb.remaining(off);
    const n = new Node(TEXT_FIELD, tvb.start + off, len, null, tvb.data);
    n.label = label;
    if (parent !== NOOP) (parent.children ??= []).push(n);
    return n;
  }

  /** Only record a layer (Wireshark's "ethertype" pseudo-protocol has no subtree of its own). */
  addLayer(abbrev: string): void {
    this.layers.push(abbrev);
  }

  /** Whether anybody will read nodes of this field (lets a dissector skip computing costly values). */
  wants(f: Field): boolean {
    return this.full || (this.want !== null && this.want[f.id] !== 0);
  }

  private link(parent: Node, n: Node): void {
    if (parent !== NOOP) (parent.children ??= []).push(n);
    const list = this.index.get(n.field.id);
    if (list) list.push(n);
    else this.index.set(n.field.id, [n]);
  }

  /** All nodes of a field, in tree order (empty when absent). */
  nodes(f: Field): readonly Node[] {
    return this._index?.get(f.id) ?? NONE;
  }
}
const NONE: readonly Node[] = [];
