// unix_diag over NETLINK_SOCK_DIAG: AF_UNIX sockets with name, peer, queue lengths and (on request) memory and VFS data.
import { NETLINK, NLM_F, nlDump, nlRequest, parseAttrs } from "./netlink.ts";
import { SOCK_DIAG_BY_FAMILY } from "./inet-diag.ts";
import { DB, FAMILY, type SocketRecord } from "./record.ts";

const UNIX_DIAG = { NAME: 0, VFS: 1, PEER: 2, ICONS: 3, RQLEN: 4, MEMINFO: 5, SHUTDOWN: 6 } as const;
const UDIAG_SHOW = { NAME: 0x1, VFS: 0x2, PEER: 0x4, ICONS: 0x8, RQLEN: 0x10, MEMINFO: 0x20 } as const;

/** Socket type -> ss's netid and table. */
export const UNIX_TYPES: Readonly<Record<number, { netid: string; db: number }>> = {
  1: { netid: "u_str", db: DB.UNIX_ST },
  2: { netid: "u_dgr", db: DB.UNIX_DG },
  5: { netid: "u_seq", db: DB.UNIX_SQ },
};

/** An abstract name starts with NUL; ss shows every NUL in it as '@'. */
export function unixName(raw: Uint8Array): string {
  let bytes = raw;
  if (bytes[0] !== 0) {
    const nul = bytes.indexOf(0);
    if (nul >= 0) bytes = bytes.subarray(0, nul);
    return new TextDecoder().decode(bytes);
  }
  return new TextDecoder().decode(bytes).replace(/\0/g, "@");
}

const u32s = (d: DataView): number[] => {
  const out: number[] = [];
  for (let i = 0; i + 4 <= d.byteLength; i += 4) out.push(d.getUint32(i, true));
  return out;
};

export function decodeUnixDiag(d: DataView): SocketRecord {
  const type = d.getUint8(1);
  const t = UNIX_TYPES[type] ?? UNIX_TYPES[2]!;
  const ino = d.getUint32(4, true);
  const attrs = parseAttrs(d, 16);
  const name = attrs.get(UNIX_DIAG.NAME);
  const rq = attrs.get(UNIX_DIAG.RQLEN);
  const vfs = attrs.get(UNIX_DIAG.VFS);
  const icons = attrs.get(UNIX_DIAG.ICONS);
  const mem = attrs.get(UNIX_DIAG.MEMINFO);
  return {
    netid: t.netid,
    db: t.db,
    family: FAMILY.UNIX,
    state: d.getUint8(2),
    recvQ: rq ? rq.getUint32(0, true) : 0,
    sendQ: rq ? rq.getUint32(4, true) : 0,
    local: { addr: name ? unixName(new Uint8Array(name.buffer, name.byteOffset, name.byteLength)) : "", port: ino },
    remote: { addr: "", port: attrs.get(UNIX_DIAG.PEER)?.getUint32(0, true) ?? 0 },
    inode: ino,
    uid: 0,
    cookie: (BigInt(d.getUint32(12, true)) << 32n) | BigInt(d.getUint32(8, true)),
    iface: 0,
    timer: 0,
    expires: 0,
    retrans: 0,
    shutdown: attrs.get(UNIX_DIAG.SHUTDOWN)?.getUint8(0),
    skmem: mem ? u32s(mem) : undefined,
    vfs: vfs ? { ino: vfs.getUint32(0, true), dev: vfs.getUint32(4, true) } : undefined,
    icons: icons ? u32s(icons) : undefined,
    source: "netlink",
  };
}

/** Dump every AF_UNIX socket in the given states. */
export function dumpUnix(states: number, opts: { mem?: boolean; details?: boolean }): SocketRecord[] {
  const req = new Uint8Array(24);
  const v = new DataView(req.buffer);
  v.setUint8(0, FAMILY.UNIX);
  v.setUint32(4, states >>> 0, true);
  let show = UDIAG_SHOW.NAME | UDIAG_SHOW.PEER | UDIAG_SHOW.RQLEN;
  if (opts.mem) show |= UDIAG_SHOW.MEMINFO;
  if (opts.details) show |= UDIAG_SHOW.VFS | UDIAG_SHOW.ICONS;
  v.setUint32(12, show, true);
  const out: SocketRecord[] = [];
  nlDump(NETLINK.SOCK_DIAG, nlRequest(SOCK_DIAG_BY_FAMILY, NLM_F.REQUEST | NLM_F.DUMP, req), (m) => {
    if (m.type === SOCK_DIAG_BY_FAMILY) out.push(decodeUnixDiag(m.data));
  });
  return out;
}
