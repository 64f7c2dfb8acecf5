// inet_diag over NETLINK_SOCK_DIAG: the request for TCP/UDP/raw sockets of one family, and the reply decoded into SocketRecords.
import { NETLINK, NLM_F, nlDump, nlRequest, withAttr } from "./netlink.ts";
import { ntop6 } from "./inet-address.ts";
import { FAMILY, type SocketRecord } from "./record.ts";
import { decodeTcpInfo } from "./tcp-info.ts";

export const SOCK_DIAG_BY_FAMILY = 20;

/** INET_DIAG_* attribute numbers (linux/inet_diag.h). */
export const INET_DIAG = {
  MEMINFO: 1, INFO: 2, VEGASINFO: 3, CONG: 4, TOS: 5, TCLASS: 6, SKMEMINFO: 7, SHUTDOWN: 8,
  DCTCPINFO: 9, PROTOCOL: 10, SKV6ONLY: 11, MARK: 15, BBRINFO: 16, CLASS_ID: 17, ULP_INFO: 19, CGROUP_ID: 21, SOCKOPT: 22,
} as const;

export const IPPROTO = { ICMP: 1, TCP: 6, UDP: 17, ICMPV6: 58, SCTP: 132, DCCP: 33, RAW: 255, MPTCP: 262 } as const;

/** What extra attributes to ask for (ss's -m, -i, --tos). */
export interface InetExtensions {
  readonly mem?: boolean;
  readonly info?: boolean;
  readonly tos?: boolean;
  /** keep the attributes only -e, --cgroup and fwmark filters read (shutdown, mark, cgroup); IPv6 always keeps v6only */
  readonly attrs?: boolean;
  /** keep each socket's raw id, for -K */
  readonly keepId?: boolean;
}

/** inet_diag_req_v2: family, protocol, extension mask, states; the socket id left zero (dump everything). */
export function inetDiagRequest(family: number, protocol: number, states: number, ext: InetExtensions): Uint8Array {
  const bit = (a: number) => 1 << (a - 1);
  let mask = 0;
  if (ext.mem) mask |= bit(INET_DIAG.MEMINFO) | bit(INET_DIAG.SKMEMINFO);
  if (ext.info) mask |= bit(INET_DIAG.INFO) | bit(INET_DIAG.VEGASINFO) | bit(INET_DIAG.CONG);
  if (ext.tos) mask |= bit(INET_DIAG.TOS) | bit(INET_DIAG.TCLASS);
  const req = new Uint8Array(56);
  const v = new DataView(req.buffer);
  v.setUint8(0, family);
  v.setUint8(1, protocol & 0xff);
  v.setUint8(2, mask & 0xff);
  v.setUint32(4, states >>> 0, true);
  // Protocols past 255 (MPTCP) travel in an INET_DIAG_REQ_PROTOCOL attribute, as ss sends them.
  if (protocol > 255) {
    const p = new Uint8Array(4);
    new DataView(p.buffer).setUint32(0, protocol, true);
    return withAttr(req, 3, p); // INET_DIAG_REQ_PROTOCOL
  }
  return req;
}

/** ss's netid for an inet socket, from its IP protocol (proto_name in ss.c). */
export function inetNetid(protocol: number): string {
  switch (protocol) {
    case 0: return "raw";
    case IPPROTO.UDP: return "udp";
    case IPPROTO.TCP: return "tcp";
    case 262: return "mptcp";
    case IPPROTO.SCTP: return "sctp";
    case IPPROTO.DCCP: return "dccp";
    case IPPROTO.ICMPV6: return "icmp6";
    default: return "???";
  }
}

const utf8 = new TextDecoder();

/** The attributes a record keeps, read in one pass (no Map, no per-attribute objects: this runs 20,000 times for ss -tan). */
interface InetAttrs {
  protocol?: number; v6only?: number; shutdown?: number; mark?: number; cgroupId?: number; tos?: number; tclass?: number;
  classId?: number; sockopt?: number; ulp?: SocketRecord["ulp"]; info?: DataView; cong?: string; meminfo?: number[]; skmem?: number[]; bbr?: number[];
}

const NO_ATTRS: InetAttrs = {};

function readInetAttrs(d: DataView, from: number, end: number): InetAttrs {
  const a: InetAttrs = {};
  let at = from;
  while (at + 4 <= end) {
    const len = d.getUint16(at, true);
    if (len < 4 || at + len > end) break;
    const v = at + 4;
    const plen = len - 4;
    switch (d.getUint16(at + 2, true) & 0x3fff) {
      case INET_DIAG.PROTOCOL: a.protocol = d.getUint8(v); break;
      case INET_DIAG.SKV6ONLY: a.v6only = d.getUint8(v); break;
      case INET_DIAG.SHUTDOWN: a.shutdown = d.getUint8(v); break;
      case INET_DIAG.MARK: a.mark = d.getUint32(v, true); break;
      case INET_DIAG.CGROUP_ID: a.cgroupId = d.getUint32(v + 4, true) * 0x100000000 + d.getUint32(v, true); break;
      case INET_DIAG.TOS: a.tos = d.getUint8(v); break;
      case INET_DIAG.TCLASS: a.tclass = d.getUint8(v); break;
      case INET_DIAG.CLASS_ID: a.classId = d.getUint32(v, true); break;
      case INET_DIAG.INFO: a.info = new DataView(d.buffer.slice(d.byteOffset + v, d.byteOffset + v + plen)); break;
      case INET_DIAG.CONG: a.cong = utf8.decode(new Uint8Array(d.buffer, d.byteOffset + v, plen)).replace(/\0.*$/s, ""); break;
      case INET_DIAG.MEMINFO: a.meminfo = u32At(d, v, plen); break;
      case INET_DIAG.SKMEMINFO: a.skmem = u32At(d, v, plen); break;
      case INET_DIAG.BBRINFO: a.bbr = u32At(d, v, plen); break;
      case INET_DIAG.ULP_INFO: a.ulp = readUlp(d, v, v + plen); break;
      case INET_DIAG.SOCKOPT: if (plen >= 2) a.sockopt = d.getUint8(v) | (d.getUint8(v + 1) << 8); break;
    }
    at += (len + 3) & ~3;
  }
  return a;
}

function u32At(d: DataView, at: number, len: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= len; i += 4) out.push(d.getUint32(at + i, true));
  return out;
}

/** Dotted quads already made: a dump repeats the same few addresses thousands of times. */
const V4_TEXT = new Map<number, string>();

function endpoint(d: DataView, at: number, v4: boolean, port: number): SocketRecord["local"] {
  if (v4) {
    const key = d.getUint32(at, false);
    let addr = V4_TEXT.get(key);
    if (addr === undefined) {
      addr = `${key >>> 24}.${(key >>> 16) & 0xff}.${(key >>> 8) & 0xff}.${key & 0xff}`;
      V4_TEXT.set(key, addr);
    }
    return { addr, port };
  }
  const bytes = new Uint8Array(d.buffer.slice(d.byteOffset + at, d.byteOffset + at + 16));
  return { addr: ntop6(bytes), bytes, port };
}

/** Decode one inet_diag_msg (and its attributes) into a record. */
export function decodeInetDiag(view: DataView, db: number, protocol: number, base = 0, length = view.byteLength - base, allAttrs = true): SocketRecord {
  // Read straight from the receive buffer at `base`: no view object per message on this hot path.
  const d = view;
  const b = base;
  const family = d.getUint8(b + 0);
  const v4 = family === FAMILY.INET;
  // A plain listing of IPv4 sockets needs none of the attributes; skipping them is most of the cost saved.
  const a = length > 72 && (allAttrs || !v4) ? readInetAttrs(view, base + 72, base + length) : NO_ATTRS;
  const type = a.protocol ?? protocol;
  return {
    netid: inetNetid(protocol === IPPROTO.RAW ? 0 : type),
    db,
    family,
    state: d.getUint8(b + 1),
    timer: d.getUint8(b + 2),
    retrans: d.getUint8(b + 3),
    local: endpoint(d, b + 8, v4, d.getUint16(b + 4, false)),
    remote: endpoint(d, b + 24, v4, d.getUint16(b + 6, false)),
    iface: d.getUint32(b + 40, true),
    cookie: d.getUint32(b + 48, true) * 0x100000000 + d.getUint32(b + 44, true),
    expires: d.getUint32(b + 52, true),
    recvQ: d.getInt32(b + 56, true),
    sendQ: d.getInt32(b + 60, true),
    uid: d.getUint32(b + 64, true),
    inode: d.getUint32(b + 68, true),
    protocol: protocol === IPPROTO.RAW ? (a.protocol !== undefined ? type : 0) : type,
    v6only: a.v6only,
    shutdown: a.shutdown,
    mark: a.mark,
    cgroupId: a.cgroupId,
    tos: a.tos,
    tclass: a.tclass,
    classId: a.classId,
    sockopt: a.sockopt,
    ulp: a.ulp,
    tcp: a.info && protocol === IPPROTO.TCP ? decodeTcpInfo(a.info) : undefined,
    mptcp: a.info && protocol === IPPROTO.MPTCP ? decodeMptcpInfo(a.info) : undefined,
    cong: a.cong,
    meminfo: a.meminfo,
    skmem: a.skmem,
    bbr: a.bbr,
    source: "netlink",
  };
}

/** Dump one protocol of one family. */
export function dumpInet(family: number, protocol: number, db: number, states: number, ext: InetExtensions): SocketRecord[] {
  const out: SocketRecord[] = [];
  const req = nlRequest(SOCK_DIAG_BY_FAMILY, NLM_F.REQUEST | NLM_F.DUMP, inetDiagRequest(family, protocol, states, ext));
  nlDump(NETLINK.SOCK_DIAG, req, (m) => {
    if (m.type !== SOCK_DIAG_BY_FAMILY) return;
    const r = decodeInetDiag(m.view, db, protocol, m.base, m.length, Boolean(ext.attrs || ext.mem || ext.info || ext.tos || ext.keepId || protocol > 255));
    out.push(ext.keepId ? { ...r, diagId: new Uint8Array(m.view.buffer.slice(m.view.byteOffset + m.base + 4, m.view.byteOffset + m.base + 52)) } : r);
  });
  return out;
}

const SOCK_DESTROY = 21;

/** The IP protocol number a table's dump (and destroy) requests carry. */
export const DB_PROTOCOL: Readonly<Record<number, number>> = { 0: IPPROTO.TCP, 3: IPPROTO.UDP, 4: IPPROTO.RAW, 2: IPPROTO.DCCP, 11: IPPROTO.SCTP };

/** -K: ask the kernel to close one socket (SOCK_DESTROY); returns its errno (0 = closed). */
export function destroySocket(ask: (type: number, payload: Uint8Array) => number, r: SocketRecord): number {
  if (!r.diagId) return 95;
  const req = new Uint8Array(56);
  const v = new DataView(req.buffer);
  v.setUint8(0, r.family);
  v.setUint8(1, DB_PROTOCOL[r.db] ?? IPPROTO.TCP);
  if (r.db === 4) v.setUint8(3, r.protocol ?? 0); // inet_diag_req_raw.sdiag_raw_protocol
  req.set(r.diagId, 8);
  return ask(SOCK_DESTROY, req);
}


/** struct mptcp_info, the fields ss prints: six counters, flags, token, and three 64-bit sequence numbers. */
function decodeMptcpInfo(d: DataView): readonly number[] {
  const u8 = (at: number) => (at < d.byteLength ? d.getUint8(at) : 0);
  const u32 = (at: number) => (at + 4 <= d.byteLength ? d.getUint32(at, true) : 0);
  const u64 = (at: number) => (at + 8 <= d.byteLength ? Number(d.getBigUint64(at, true)) : 0);
  return [u8(0), u8(1), u8(2), u8(3), u8(4), u8(5), u32(8), u32(12), u64(16), u64(24), u64(32)];
}

/** INET_DIAG_ULP_INFO: the upper layer protocol's name and, for an MPTCP subflow, its nested attributes by number. */
function readUlp(d: DataView, from: number, end: number): SocketRecord["ulp"] {
  let name = "";
  const subflow = new Map<number, DataView>();
  for (let at = from; at + 4 <= end; ) {
    const len = d.getUint16(at, true);
    if (len < 4 || at + len > end) break;
    const type = d.getUint16(at + 2, true) & 0x3fff;
    const body = new DataView(d.buffer.slice(d.byteOffset + at + 4, d.byteOffset + at + len));
    if (type === 1) name = utf8.decode(new Uint8Array(body.buffer)).replace(/\0.*$/s, "");
    if (type === 3)
      for (let k = 0; k + 4 <= body.byteLength; ) {
        const l = body.getUint16(k, true);
        if (l < 4 || k + l > body.byteLength) break;
        subflow.set(body.getUint16(k + 2, true) & 0x3fff, new DataView(body.buffer.slice(k + 4, k + l)));
        k += (l + 3) & ~3;
      }
    at += (len + 3) & ~3;
  }
  return { name, subflow: subflow.size ? subflow : undefined };
}
