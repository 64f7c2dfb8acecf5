// inet_diag over NETLINK_SOCK_DIAG: the request for TCP/UDP/raw sockets of one family, and the reply decoded into SocketRecords.
import { NETLINK, NLM_F, nlDump, nlRequest, parseAttrs } from "./netlink.ts";
import { ntop4, ntop6 } from "./inet-address.ts";
import { FAMILY, type SocketRecord, type TcpInfo } from "./record.ts";
import { decodeTcpInfo } from "./tcp-info.ts";

export const SOCK_DIAG_BY_FAMILY = 20;

/** INET_DIAG_* attribute numbers (linux/inet_diag.h). */
export const INET_DIAG = {
  MEMINFO: 1, INFO: 2, VEGASINFO: 3, CONG: 4, TOS: 5, TCLASS: 6, SKMEMINFO: 7, SHUTDOWN: 8,
  DCTCPINFO: 9, PROTOCOL: 10, SKV6ONLY: 11, MARK: 15, BBRINFO: 16, CLASS_ID: 17, CGROUP_ID: 21,
} as const;

export const IPPROTO = { ICMP: 1, TCP: 6, UDP: 17, ICMPV6: 58, SCTP: 132, DCCP: 33, RAW: 255 } as const;

/** What extra attributes to ask for (ss's -m, -i, --tos). */
export interface InetExtensions {
  readonly mem?: boolean;
  readonly info?: boolean;
  readonly tos?: boolean;
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
  v.setUint8(1, protocol);
  v.setUint8(2, mask & 0xff);
  v.setUint32(4, states >>> 0, true);
  return req;
}

const u32s = (d: DataView): number[] => {
  const out: number[] = [];
  for (let i = 0; i + 4 <= d.byteLength; i += 4) out.push(d.getUint32(i, true));
  return out;
};

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

/** Decode one inet_diag_msg (and its attributes) into a record. */
export function decodeInetDiag(d: DataView, db: number, protocol: number): SocketRecord {
  const family = d.getUint8(0);
  const bytes = new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  const alen = family === FAMILY.INET ? 4 : 16;
  const src = bytes.slice(8, 8 + alen);
  const dst = bytes.slice(24, 24 + alen);
  const text = (b: Uint8Array) => (alen === 4 ? ntop4(b) : ntop6(b));
  const attrs = parseAttrs(d, 72);
  const a = (t: number) => attrs.get(t);
  const protoAttr = a(INET_DIAG.PROTOCOL);
  const type = protoAttr ? protoAttr.getUint8(0) : protocol;
  let tcp: TcpInfo | undefined;
  const info = a(INET_DIAG.INFO);
  if (info && protocol === IPPROTO.TCP) tcp = decodeTcpInfo(info);
  const cong = a(INET_DIAG.CONG);
  const bbr = a(INET_DIAG.BBRINFO);
  return {
    netid: inetNetid(protocol === IPPROTO.RAW ? 0 : type),
    db,
    family,
    state: d.getUint8(1),
    timer: d.getUint8(2),
    retrans: d.getUint8(3),
    local: { addr: text(src), bytes: src, port: d.getUint16(4, false) },
    remote: { addr: text(dst), bytes: dst, port: d.getUint16(6, false) },
    iface: d.getUint32(40, true),
    cookie: (BigInt(d.getUint32(48, true)) << 32n) | BigInt(d.getUint32(44, true)),
    expires: d.getUint32(52, true),
    recvQ: d.getUint32(56, true),
    sendQ: d.getUint32(60, true),
    uid: d.getUint32(64, true),
    inode: d.getUint32(68, true),
    protocol: protocol === IPPROTO.RAW ? (protoAttr ? type : 0) : type,
    v6only: a(INET_DIAG.SKV6ONLY)?.getUint8(0),
    shutdown: a(INET_DIAG.SHUTDOWN)?.getUint8(0),
    mark: a(INET_DIAG.MARK)?.getUint32(0, true),
    cgroupId: a(INET_DIAG.CGROUP_ID)?.getBigUint64(0, true),
    tos: a(INET_DIAG.TOS)?.getUint8(0),
    tclass: a(INET_DIAG.TCLASS)?.getUint8(0),
    classId: a(INET_DIAG.CLASS_ID)?.getUint32(0, true),
    tcp,
    cong: cong ? new TextDecoder().decode(new Uint8Array(cong.buffer, cong.byteOffset, cong.byteLength)).replace(/\0.*$/s, "") : undefined,
    meminfo: a(INET_DIAG.MEMINFO) ? u32s(a(INET_DIAG.MEMINFO)!) : undefined,
    skmem: a(INET_DIAG.SKMEMINFO) ? u32s(a(INET_DIAG.SKMEMINFO)!) : undefined,
    bbr: bbr ? u32s(bbr) : undefined,
    source: "netlink",
  };
}

/** Dump one protocol of one family. */
export function dumpInet(family: number, protocol: number, db: number, states: number, ext: InetExtensions): SocketRecord[] {
  const out: SocketRecord[] = [];
  const req = nlRequest(SOCK_DIAG_BY_FAMILY, NLM_F.REQUEST | NLM_F.DUMP, inetDiagRequest(family, protocol, states, ext));
  nlDump(NETLINK.SOCK_DIAG, req, (m) => {
    if (m.type !== SOCK_DIAG_BY_FAMILY) return;
    out.push(decodeInetDiag(m.data, db, protocol));
  });
  return out;
}
