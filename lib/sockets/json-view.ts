// --json: one document with stable field names for scripts that today cut ss/netstat columns (documented in docs/tsss.md).
import { FAMILY, STATE_NAMES, type SocketRecord } from "./record.ts";
import type { SsDisplay } from "./ss-view.ts";
import { skmemText, tcpInfoText, timerText } from "./ss-details.ts";

/** One socket as JSON: numbers stay numbers, absent facts are left out rather than guessed. */
export function socketJson(r: SocketRecord, d: SsDisplay): Record<string, unknown> {
  const inet = r.family === FAMILY.INET || r.family === FAMILY.INET6;
  const o: Record<string, unknown> = {
    netid: r.netid,
    family: r.family === FAMILY.INET ? "inet" : r.family === FAMILY.INET6 ? "inet6" : r.family === FAMILY.UNIX ? "unix" : r.family === FAMILY.NETLINK ? "netlink" : "packet",
    state: STATE_NAMES[r.state]?.ss ?? "UNKNOWN",
    recv_q: r.recvQ,
    send_q: r.sendQ,
    local: inet ? { address: r.local.addr, port: r.local.port } : { address: r.local.addr || null, inode: r.local.port },
    peer: inet ? { address: r.remote.addr, port: r.remote.port } : { address: r.remote.addr || null, inode: r.remote.port },
    inode: r.inode,
    uid: r.uid,
  };
  if (r.iface) o.interface_index = r.iface;
  if (r.source === "netlink" && inet) o.cookie = r.cookie.toString(16);
  if (r.v6only !== undefined) o.v6only = r.v6only === 1;
  const owners = d.owners?.get(r.inode);
  if (owners) o.users = owners.map((u) => ({ name: u.name, pid: u.pid, fd: u.fd, ...(d.threads ? { tid: u.tid } : {}) }));
  if (r.timer) o.timer = { name: timerText(r).slice(8, -1).split(",")[0], expires_ms: r.expires, retrans: r.retrans };
  if (r.skmem) o.skmem = Object.fromEntries(["rmem_alloc", "rcvbuf", "wmem_alloc", "sndbuf", "fwd_alloc", "wmem_queued", "optmem", "backlog", "drops"].map((k, i) => [k, r.skmem![i]]).filter(([, v]) => v !== undefined));
  if (r.tcp) {
    o.tcp_info = Object.fromEntries(Object.entries(r.tcp.fields).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]));
    if (r.cong) o.congestion = r.cong;
    o.tcp_info_text = tcpInfoText(r, d.showOptions, d.numeric).trim();
  }
  if (d.mem && !r.skmem && r.meminfo) o.mem_text = skmemText(r).trim();
  o.source = r.source;
  return o;
}

export function socketsJson(records: readonly SocketRecord[], d: SsDisplay): { tool: string; sockets: Record<string, unknown>[] } {
  return { tool: "tsss", sockets: records.map((r) => socketJson(r, d)) };
}

/** JSON field names are snake_case everywhere (recv_q, tcp_timewait, rx_ok), whatever the TypeScript names are. */
export function snakeKeys<T extends object>(o: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
}
