// Read the sockets a selection asks for, table by table in ss's order, from sock_diag or (when that fails) /proc/net.
import { NETLINK, NLM_F, NetlinkError, nlDump, nlRequest } from "./netlink.ts";
import { SysError, strerror } from "../sys/libc.ts";
import { IPPROTO, dumpInet, type InetExtensions } from "./inet-diag.ts";
import { dumpUnix } from "./unix-diag.ts";
import { dumpNetlinkSockets, dumpPacketSockets, dumpVsockSockets, dumpXdpSockets } from "./other-diag.ts";
import { procForced, readProcInet, readProcUnix } from "./proc-net.ts";
import { readTcpDiagFile } from "./tcpdiag-file.ts";
import { DB, FAMILY, type SocketRecord } from "./record.ts";
import { UNIX_DBM, PACKET_DBM, hasDb, hasFamily, type SsSelection } from "./ss-query.ts";

export interface CollectOptions extends InetExtensions {
  readonly details?: boolean;
  /** stderr lines ss would print while reading (e.g. DCCP's "RTNETLINK answers"), for the caller to print after the listing */
  readonly notes?: string[];
  /** called once per table that fell back to /proc (for -v) */
  readonly onFallback?: (table: string, why: string) => void;
}

/** Run a netlink dump; undefined when netlink is unavailable for it (no socket, no diag module). */
function tryNetlink<T>(dump: () => T): { ok: T } | { failed: string; errno?: number } {
  try {
    return { ok: dump() };
  } catch (e) {
    if (e instanceof SysError) return { failed: e.message };
    if (e instanceof NetlinkError) return { failed: `netlink error ${e.errno}`, errno: e.errno };
    throw e;
  }
}

/**
 * ss retries a failed DCCP dump with the old DCCPDIAG_GETSOCK request; the kernel's answer to that one is
 * what ss reports (libnetlink stays quiet about ENOENT and EOPNOTSUPP).
 */
function reportLegacyDccp(states: number, notes: string[] | undefined): void {
  const req = new Uint8Array(56);
  const v = new DataView(req.buffer);
  v.setUint8(0, FAMILY.INET);
  v.setUint32(52, states >>> 0, true);
  try {
    nlDump(NETLINK.SOCK_DIAG, nlRequest(19, NLM_F.REQUEST | NLM_F.DUMP, req), () => {});
  } catch (e) {
    if (e instanceof NetlinkError && e.errno !== 2 && e.errno !== 95) {
      const line = `RTNETLINK answers: ${strerror(e.errno)}\n`;
      if (notes) notes.push(line);
      else process.stderr.write(line);
    }
  }
}

const INET_TABLES: readonly { db: number; proto: number; proc?: string }[] = [
  { db: DB.RAW, proto: IPPROTO.RAW, proc: "raw" },
  { db: DB.UDP, proto: IPPROTO.UDP, proc: "udp" },
  { db: DB.TCP, proto: IPPROTO.TCP, proc: "tcp" },
  { db: DB.DCCP, proto: IPPROTO.DCCP },
  { db: DB.SCTP, proto: IPPROTO.SCTP },
];

/** Every socket the selection names, in ss's order: netlink, packet, unix, raw, udp, tcp, dccp, sctp. */
export function collectSockets(sel: SsSelection, o: CollectOptions = {}): SocketRecord[] {
  let out: SocketRecord[] = [];
  const push = (rs: readonly SocketRecord[]) => {
    for (const r of rs) out.push(r);
  };
  if (hasDb(sel, DB.NETLINK) && hasFamily(sel, FAMILY.NETLINK) && sel.states & (1 << 7)) {
    const r = tryNetlink(() => dumpNetlinkSockets(o.mem ?? false));
    if ("ok" in r) push(r.ok);
  }
  if (sel.dbs & PACKET_DBM && hasFamily(sel, FAMILY.PACKET) && sel.states & (1 << 7)) {
    const r = tryNetlink(() => dumpPacketSockets(sel));
    if ("ok" in r) push(r.ok);
  }
  if (sel.dbs & UNIX_DBM && hasFamily(sel, FAMILY.UNIX)) {
    const r = procForced("unix") ? { failed: "PROC_ROOT set" } : tryNetlink(() => dumpUnix(sel.states, o));
    if ("ok" in r) push(r.ok.filter((s) => hasDb(sel, s.db)));
    else {
      o.onFallback?.("unix", r.failed);
      push(readProcUnix(sel.states, sel.dbs) ?? []);
    }
  }
  // vsock and XDP come after the inet tables in ss; a kernel without their diag modules shows none.
  const tail: SocketRecord[] = [];
  if (sel.dbs & ((1 << DB.VSOCK_ST) | (1 << DB.VSOCK_DG)) && hasFamily(sel, FAMILY.VSOCK)) {
    const r = tryNetlink(() => dumpVsockSockets(sel));
    if ("ok" in r) tail.push(...r.ok);
  }
  if (hasDb(sel, DB.XDP) && hasFamily(sel, FAMILY.XDP) && sel.states & (1 << 7)) {
    const r = tryNetlink(() => dumpXdpSockets());
    if ("ok" in r) tail.push(...r.ok);
  }
  const v4 = hasFamily(sel, FAMILY.INET);
  const v6 = hasFamily(sel, FAMILY.INET6);
  if (!v4 && !v6) return [...out, ...tail];
  // ss asks for AF_INET then AF_INET6 unless -4/-6 was the last family named; each dump holds one family,
  // so a family the selection leaves out is simply not asked for.
  const families = (sel.preferredFamily === FAMILY.INET6 ? [FAMILY.INET6] : sel.preferredFamily === FAMILY.INET ? [FAMILY.INET] : [FAMILY.INET, FAMILY.INET6]).filter((af) => hasFamily(sel, af));
  for (const t of INET_TABLES) {
    if (!hasDb(sel, t.db)) continue;
    const diagFile = t.db === DB.TCP ? process.env.TCPDIAG_FILE : undefined;
    if (diagFile) {
      push(readTcpDiagFile(diagFile, sel));
      continue;
    }
    const forced = t.proc !== undefined && procForced(t.proc);
    const got: SocketRecord[] = [];
    let failed: string | undefined = forced ? "PROC_ROOT set" : undefined;
    let failedErrno: number | undefined;
    for (const af of forced ? [] : families) {
      const r = tryNetlink(() => dumpInet(af, t.proto, t.db, sel.states, o));
      if ("ok" in r) for (const s of r.ok) got.push(s);
      if ("failed" in r) {
        failed = r.failed;
        failedErrno = r.errno;
        break;
      }
    }
    if (failed === undefined) {
      if (out.length === 0) out = got; // the usual single table: no copy
      else push(got);
      continue;
    }
    // Without a diag module ss shows no rows; for DCCP its netlink layer also reports the kernel's answer once.
    if (!t.proc) {
      if (t.db === DB.DCCP && failedErrno !== undefined) reportLegacyDccp(sel.states, o.notes);
      continue;
    }
    o.onFallback?.(t.proc, failed);
    if (v4) push(readProcInet(t.proc, sel.states) ?? []);
    if (v6) push(readProcInet(`${t.proc}6`, sel.states) ?? []);
  }
  // MPTCP is the last table ss reads; without mptcp_diag it shows nothing and says nothing.
  if (hasDb(sel, DB.MPTCP))
    for (const af of families) {
      const r = tryNetlink(() => dumpInet(af, IPPROTO.MPTCP, DB.MPTCP, sel.states, o));
      if ("ok" in r) tail.push(...r.ok);
    }
  return tail.length ? [...out, ...tail] : out;
}
