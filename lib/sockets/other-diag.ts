// netlink_diag and packet_diag: the AF_NETLINK and AF_PACKET rows `ss -a` shows (nl, p_raw, p_dgr).
import { NETLINK, NLM_F, nlDump, nlRequest, parseAttrs } from "./netlink.ts";
import { SOCK_DIAG_BY_FAMILY } from "./inet-diag.ts";
import { DB, FAMILY, SS, type SocketRecord } from "./record.ts";
import type { SsSelection } from "./ss-query.ts";

/** nl_proto_n2a's names for netlink protocols. */
export const NETLINK_PROTOCOLS: Readonly<Record<number, string>> = {
  0: "rtnl", 1: "unused", 2: "usersock", 3: "fw", 4: "tcpdiag", 5: "nflog", 6: "xfrm", 7: "selinux",
  8: "iscsi", 9: "audit", 10: "fiblookup", 11: "connector", 12: "nft", 13: "ip6fw", 14: "dec-rt",
  15: "uevent", 16: "genl", 18: "scsi-trans", 19: "ecryptfs", 20: "rdma", 21: "crypto",
};

/** ll_proto_n2a's names for the ethertypes packet sockets bind to. */
export const ETHERTYPES: Readonly<Record<number, string>> = {
  0x0800: "ip", 0x0806: "arp", 0x86dd: "ipv6", 0x8100: "802.1Q", 0x88a8: "802.1ad", 0x88cc: "lldp",
  0x8035: "rarp", 0x8863: "ppp_disc", 0x8864: "ppp_ses", 0x888e: "802.1X", 0x0004: "802.2", 0x0001: "802.3",
};

const u32s = (d: DataView): number[] => {
  const out: number[] = [];
  for (let i = 0; i + 4 <= d.byteLength; i += 4) out.push(d.getUint32(i, true));
  return out;
};

/** Netlink sockets; the local end is "protocol:portid", the peer "group:portid" when connected. */
export function dumpNetlinkSockets(withMem: boolean): SocketRecord[] {
  const req = new Uint8Array(20);
  const v = new DataView(req.buffer);
  v.setUint8(0, FAMILY.NETLINK);
  v.setUint8(1, 255);
  v.setUint32(8, 0x2 | 0x1, true);
  const out: SocketRecord[] = [];
  nlDump(NETLINK.SOCK_DIAG, nlRequest(SOCK_DIAG_BY_FAMILY, NLM_F.REQUEST | NLM_F.DUMP, req), (m) => {
    if (m.type !== SOCK_DIAG_BY_FAMILY) return;
    const d = m.data;
    const attrs = parseAttrs(d, 28);
    const mem = attrs.get(0) ? u32s(attrs.get(0)!) : undefined;
    const groups = attrs.get(1);
    out.push({
      netid: "nl", db: DB.NETLINK, family: FAMILY.NETLINK, state: SS.CLOSE,
      recvQ: mem?.[0] ?? 0, sendQ: mem?.[2] ?? 0,
      local: { addr: NETLINK_PROTOCOLS[d.getUint8(2)] ?? String(d.getUint8(2)), port: d.getInt32(4, true) },
      remote: { addr: d.getUint8(3) === 1 ? String(d.getUint32(12, true)) : "", port: d.getUint8(3) === 1 ? d.getInt32(8, true) : -1 },
      inode: d.getUint32(16, true), uid: 0, cookie: 0n, iface: 0, timer: 0, expires: 0, retrans: 0,
      protocol: d.getUint8(2),
      mark: groups && groups.byteLength >= 4 ? groups.getUint32(0, true) : 0,
      skmem: withMem ? mem : undefined,
      source: "netlink",
    });
  });
  return out;
}

/** Packet sockets; the local end is "ethertype:interface". */
export function dumpPacketSockets(sel: SsSelection): SocketRecord[] {
  const req = new Uint8Array(20);
  const v = new DataView(req.buffer);
  v.setUint8(0, FAMILY.PACKET);
  v.setUint32(8, 0x1 | 0x4 | 0x8 | 0x10 | 0x20, true);
  const out: SocketRecord[] = [];
  nlDump(NETLINK.SOCK_DIAG, nlRequest(SOCK_DIAG_BY_FAMILY, NLM_F.REQUEST | NLM_F.DUMP, req), (m) => {
    if (m.type !== SOCK_DIAG_BY_FAMILY) return;
    const d = m.data;
    const type = d.getUint8(1);
    const db = type === 3 ? DB.PACKET_R : DB.PACKET_DG;
    if (!(sel.dbs & (1 << db))) return;
    const attrs = parseAttrs(d, 16);
    const mem = attrs.get(6) ? u32s(attrs.get(6)!) : undefined;
    const info = attrs.get(0);
    const ifindex = info ? info.getUint32(0, true) : 0;
    out.push({
      netid: type === 3 ? "p_raw" : "p_dgr", db, family: FAMILY.PACKET, state: SS.CLOSE,
      recvQ: mem?.[0] ?? 0, sendQ: 0,
      local: { addr: "", port: ifindex }, remote: { addr: "", port: 0 },
      inode: d.getUint32(4, true), uid: attrs.get(5)?.getUint32(0, true) ?? 0,
      cookie: (BigInt(d.getUint32(12, true)) << 32n) | BigInt(d.getUint32(8, true)),
      iface: ifindex, timer: 0, expires: 0, retrans: 0, protocol: d.getUint16(2, true),
      skmem: mem,
      packetInfo: info && info.byteLength >= 24 ? { version: info.getUint32(4, true), copyThresh: info.getUint32(12, true), flags: info.getUint32(20, true) } : undefined,
      bpf: attrs.get(7) ? bpfProgram(attrs.get(7)!) : undefined,
      source: "netlink",
    });
  });
  return out;
}

/** vsock_diag: AF_VSOCK sockets; an end is "cid:port", with "*" for the wildcard (-1). */
export function dumpVsockSockets(sel: SsSelection): SocketRecord[] {
  const req = new Uint8Array(24);
  const v = new DataView(req.buffer);
  v.setUint8(0, FAMILY.VSOCK);
  v.setUint32(4, sel.states >>> 0, true);
  const out: SocketRecord[] = [];
  const any = (n: number) => (n === 0xffffffff ? "*" : String(n));
  nlDump(NETLINK.SOCK_DIAG, nlRequest(SOCK_DIAG_BY_FAMILY, NLM_F.REQUEST | NLM_F.DUMP, req), (m) => {
    if (m.type !== SOCK_DIAG_BY_FAMILY) return;
    const d = m.data;
    const type = d.getUint8(1);
    const db = type === 1 ? DB.VSOCK_ST : type === 2 ? DB.VSOCK_DG : -1;
    if (db >= 0 && !(sel.dbs & (1 << db))) return;
    out.push({
      netid: type === 1 ? "v_str" : type === 2 ? "v_dgr" : "???", db: db < 0 ? DB.VSOCK_ST : db, family: FAMILY.VSOCK,
      state: d.getUint8(2), recvQ: 0, sendQ: 0,
      local: { addr: any(d.getUint32(4, true)), port: d.getUint32(8, true) },
      remote: { addr: any(d.getUint32(12, true)), port: d.getUint32(16, true) },
      inode: d.getUint32(20, true), uid: 0, cookie: d.getUint32(28, true) * 0x100000000 + d.getUint32(24, true),
      iface: 0, timer: 0, expires: 0, retrans: 0, shutdown: d.getUint8(3), source: "netlink",
    });
  });
  return out;
}

/** xdp_diag: AF_XDP sockets; the local end is "ifname:q<queue>" when bound. */
export function dumpXdpSockets(): SocketRecord[] {
  const req = new Uint8Array(20);
  const v = new DataView(req.buffer);
  v.setUint8(0, FAMILY.XDP);
  v.setUint32(8, 0x1 | 0x8, true); // XDP_SHOW_INFO | XDP_SHOW_MEMINFO
  const out: SocketRecord[] = [];
  nlDump(NETLINK.SOCK_DIAG, nlRequest(SOCK_DIAG_BY_FAMILY, NLM_F.REQUEST | NLM_F.DUMP, req), (m) => {
    if (m.type !== SOCK_DIAG_BY_FAMILY) return;
    const d = m.data;
    const attrs = parseAttrs(d, 16);
    const info = attrs.get(1);
    const mem = attrs.get(8) ? u32s(attrs.get(8)!) : undefined;
    out.push({
      netid: "xdp", db: DB.XDP, family: FAMILY.XDP, state: SS.CLOSE, recvQ: mem?.[0] ?? 0, sendQ: 0,
      local: { addr: "", port: info ? info.getUint32(4, true) : 0 }, remote: { addr: "", port: 0 },
      inode: d.getUint32(4, true), uid: attrs.get(2)?.getUint32(0, true) ?? 0,
      cookie: d.getUint32(12, true) * 0x100000000 + d.getUint32(8, true),
      iface: info ? info.getUint32(0, true) : 0, timer: 0, expires: 0, retrans: 0, skmem: mem, source: "netlink",
    });
  });
  return out;
}

/** struct sock_filter[]: code, jt, jf, k per instruction. */
function bpfProgram(d: DataView): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  for (let at = 0; at + 8 <= d.byteLength; at += 8) out.push([d.getUint16(at, true), d.getUint8(at + 2), d.getUint8(at + 3), d.getUint32(at + 4, true)]);
  return out;
}
