// ss's socket listing: one row per record (addresses, service names, users, timers, details), then the column layout.
import { DB, FAMILY, STATE_NAMES, type SocketRecord } from "./record.ts";
import { COL, headerRow, renderSsTable, type SsRow } from "./ss-table.ts";
import { detailsText, mptcpInfoText, shutdownText, skmemText, tcpInfoText, timerText, tosText, ulpText } from "./ss-details.ts";
import { isEphemeral, protocolName, serviceName } from "./services.ts";
import { interfaceName } from "./interfaces.ts";
import { usersText, type SocketOwner } from "./processes.ts";
import { cgroupPath } from "./cgroups.ts";
import { ETHERTYPES } from "./other-diag.ts";
import { formatG } from "./c-format.ts";
import { isAnyText } from "./inet-address.ts";
import { readFileSync } from "node:fs";

/** The display flags of ss that change a row. */
export interface SsDisplay {
  readonly numeric: boolean;
  readonly showOptions: boolean;
  readonly details: boolean;
  readonly mem: boolean;
  readonly info: boolean;
  readonly tos: boolean;
  readonly cgroup: boolean;
  readonly processes: boolean;
  readonly threads: boolean;
  readonly oneline: boolean;
  readonly header: boolean;
  /** -r: address -> host name, filled in before rendering */
  readonly hostNames?: ReadonlyMap<string, string>;
  readonly owners?: ReadonlyMap<number, SocketOwner[]>;
  /** --inet-sockopt */
  readonly inetSockopt?: boolean;
  /** -b: print packet sockets' BPF programs */
  readonly bpf?: boolean;
  /** nothing after the addresses (no -p -e -o -m -i --tos --cgroup): the Process field stays empty */
  readonly plain?: boolean;
}

const IPPROTO_UDP = 17;

/** resolve_service: "*" for 0, the /etc/services name unless -n or the port is ephemeral, raw sockets by protocol. */
const PORT_TEXT: string[] = [];
const NAMED_PORT_TEXT: string[] = [];
export function portText(port: number, netid: string, numeric: boolean): string {
  if (port === 0) return "*";
  if (numeric) return (PORT_TEXT[port] ??= String(port));
  if (netid === "raw" || netid === "???" || netid === "icmp6") return protocolName(port);
  const udp = netid === "udp";
  return (NAMED_PORT_TEXT[udp ? port + 65536 : port] ??= isEphemeral(port) ? String(port) : (serviceName(port, udp ? "udp" : "tcp") ?? String(port)));
}

/** inet_addr_print: "*" for a dual-stack wildcard, brackets around IPv6, host names under -r. */
const COLON_TEXT = new Map<string, string>();
export const withColon = (addr: string): string => {
  let t = COLON_TEXT.get(addr);
  if (t === undefined) COLON_TEXT.set(addr, (t = `${addr}:`));
  return t;
};

function inetAddrText(s: SocketRecord, addr: string, isAny: boolean, d: SsDisplay): string {
  if (s.family === FAMILY.INET6 && !s.v6only && isAny) return "*";
  const shown = d.hostNames?.get(addr) ?? addr;
  return s.family === FAMILY.INET6 && shown.includes(":") ? `[${shown}]` : shown;
}


function extText(s: SocketRecord, d: SsDisplay): string {
  let ext = d.processes || d.threads ? usersText(d.owners?.get(s.inode), d.threads) : "";
  const nl = d.oneline ? "" : "\n\t";
  if (s.family === FAMILY.UNIX) {
    if (d.mem) ext += skmemText(s);
    if (d.details) {
      if (s.shutdown !== undefined) ext += shutdownText(s.shutdown);
      if (s.vfs) ext += ` ino:${s.vfs.ino} dev:${glibcMajor(s.vfs.dev)}/${glibcMinor(s.vfs.dev)}`;
      if (s.icons) ext += ` peers:${s.icons.map((p) => ` ${p}`).join("")}`;
    }
    return ext;
  }
  if (s.family === FAMILY.NETLINK) {
    if (d.details) ext += ` sk=0 cb=0 groups=0x${(s.mark ?? 0).toString(16).padStart(8, "0")}`;
    if (d.mem) ext += `\t${skmemText(s)}`;
    return ext;
  }
  if (s.family === FAMILY.VSOCK) return ext;
  if (s.family === FAMILY.XDP) {
    if (d.details) ext += detailsText(s, cgroupPath);
    if (d.mem) ext += skmemText(s);
    return ext;
  }
  if (s.family === FAMILY.PACKET) {
    if (d.details) ext += detailsText(s, cgroupPath);
    if (d.details && s.packetInfo) {
      const f = s.packetInfo.flags;
      const names = [[1, "running"], [2, " auxdata"], [4, " origdev"], [8, " vnethdr"], [16, " loss"]] as const;
      ext += `${d.oneline ? " " : "\n\t"}ver:${s.packetInfo.version} cpy_thresh:${s.packetInfo.copyThresh} flags( ${names.filter(([b]) => f & b).map(([, n]) => n).join("")}${f ? "" : "0"} )`;
    }
    if (d.bpf && s.bpf) ext += `${d.oneline ? " " : "\n\t"}bpf filter (${s.bpf.length}): ${s.bpf.map(([code, jt, jf, k]) => ` 0x${code.toString(16).padStart(2, "0")} ${jt} ${jf} ${k},`).join("")}`;
    if (d.mem) ext += skmemText(s);
    return ext;
  }
  // On the /proc path ss's UDP and raw reader prints no timers and no details (only TCP's reader does).
  if (s.source === "proc" && s.netid !== "tcp") return ext;
  if (d.showOptions) ext += timerText(s);
  if (d.details) {
    ext += detailsText(s, cgroupPath);
    if (s.source === "netlink" && s.family === FAMILY.INET6 && s.v6only !== undefined) ext += ` v6only:${s.v6only}`;
    if (s.shutdown !== undefined) ext += shutdownText(s.shutdown);
  }
  if (d.tos) ext += tosText(s);
  if (d.cgroup && s.cgroupId) ext += ` cgroup:${cgroupPath(s.cgroupId)}`;
  if (d.inetSockopt && s.sockopt !== undefined) {
    const names = ["recverr", "is_icsk", "freebind", "hdrincl", "mc_loop", "transparent", "mc_all", "nodefrag", "bind_addr_no_port", "recverr_rfc4884", "defer_connect"];
    ext += `${d.oneline ? " " : "\n\t"}inet-sockopt: (${names.filter((_, i) => s.sockopt! & (1 << i)).map((n) => ` ${n}`).join("")})`;
  }
  if (s.source === "proc") {
    if (d.info && s.procTcp) ext += procTcpText(s.procTcp, s.retrans);
    return ext;
  }
  if (d.mem || (d.info && s.protocol !== IPPROTO_UDP)) ext += nl + skmemText(s) + (s.db === DB.MPTCP ? mptcpInfoText(s) : tcpInfoText(s, d.showOptions, d.numeric) + ulpText(s));
  return ext;
}

/** ss's -i on the /proc path: the few fields /proc/net/tcp carries. */
function procTcpText(p: NonNullable<SocketRecord["procTcp"]>, retrans: number): string {
  let out = "";
  if (p.rto) out += ` rto:${formatG(p.rto)}`;
  if (p.ato) out += ` ato:${formatG(p.ato)}`;
  if (p.qack) out += ` qack:${p.qack}`;
  if (p.qack & 1) out += " bidir";
  if (p.cwnd) out += ` cwnd:${p.cwnd}`;
  if (p.ssthresh) out += ` ssthresh:${p.ssthresh}`;
  if (retrans) out += ` retrans:${retrans}/0`;
  return out + " reordering:0";
}

/** glibc's major()/minor() applied to the kernel's internal dev_t, exactly as ss does. */
const glibcMajor = (dev: number): number => (dev >>> 8) & 0xfff;
const glibcMinor = (dev: number): number => ((dev & 0xff) | ((dev >>> 12) & ~0xff)) >>> 0;

const QUEUE_TEXT: string[] = [];
/** "%-6d" of a queue length; small values come from a table. */
export const queueText = (n: number): string => (n >= 0 && n < 256 ? (QUEUE_TEXT[n] ??= String(n).padEnd(6)) : String(n).padEnd(6));

/** The ten fields of one socket. */
export function ssRow(s: SocketRecord, d: SsDisplay): SsRow {
  const row: SsRow = [s.netid, STATE_NAMES[s.state]?.ss ?? "UNKNOWN", queueText(s.recvQ), queueText(s.sendQ), "", "", "", "", "", ""];
  switch (s.family) {
    case FAMILY.UNIX:
      row[COL.ADDR] = `${s.local.addr || "*"} `;
      row[COL.SERV] = String(s.local.port);
      row[COL.RADDR] = "* ";
      row[COL.RSERV] = String(s.remote.port);
      break;
    case FAMILY.NETLINK: {
      // nl_proto_n2a prints the protocol's number under -n.
      row[COL.ADDR] = `${d.numeric ? String(s.protocol ?? 0) : s.local.addr}:`;
      row[COL.SERV] = netlinkOwner(s.local.port, d.numeric);
      row[COL.RADDR] = s.remote.port === -1 ? "*" : `${s.remote.addr}:`;
      row[COL.RSERV] = s.remote.port === -1 ? "" : String(s.remote.port);
      break;
    }
    case FAMILY.PACKET:
      // ll_proto_n2a: "*" for ETH_P_ALL, the ethertype's name, or "[number]" (always the number under -n).
      row[COL.ADDR] = `${s.protocol === 3 ? "*" : ((d.numeric ? undefined : ETHERTYPES[s.protocol ?? 0]) ?? `[${s.protocol}]`)}:`;
      row[COL.SERV] = s.iface ? interfaceName(s.iface) : "*";
      row[COL.RADDR] = "*";
      row[COL.RSERV] = "";
      break;
    case FAMILY.VSOCK:
      row[COL.ADDR] = `${s.local.addr}:`;
      row[COL.SERV] = s.local.port === 0xffffffff ? "*" : String(s.local.port);
      row[COL.RADDR] = `${s.remote.addr}:`;
      row[COL.RSERV] = s.remote.port === 0xffffffff ? "*" : String(s.remote.port);
      break;
    case FAMILY.XDP:
      row[COL.ADDR] = s.iface ? `${interfaceName(s.iface)}:` : "*";
      row[COL.SERV] = s.iface ? `q${s.local.port}` : "";
      row[COL.RADDR] = "*";
      row[COL.RSERV] = "";
      break;
    default: {
      if (s.family === FAMILY.INET && !s.iface && !d.hostNames) {
        // The common case, thousands of times over: "127.0.0.1:" made once per address.
        row[COL.ADDR] = withColon(s.local.addr);
        row[COL.RADDR] = withColon(s.remote.addr);
      } else {
        const ifname = s.iface ? `%${interfaceName(s.iface)}` : "";
        row[COL.ADDR] = `${inetAddrText(s, s.local.addr, isAnyText(s.local.addr), d)}${ifname}:`;
        row[COL.RADDR] = `${inetAddrText(s, s.remote.addr, isAnyText(s.remote.addr), d)}:`;
      }
      row[COL.SERV] = portText(s.local.port, s.netid, d.numeric);
      row[COL.RSERV] = portText(s.remote.port, s.netid, d.numeric);
    }
  }
  if (!d.plain) row[COL.EXT] = extText(s, d);
  return row;
}

/** A netlink socket's owner: "kernel", "*", or "comm/pid" from /proc unless -n. */
function netlinkOwner(pid: number, numeric: boolean): string {
  if (pid === -1) return "*";
  if (numeric) return String(pid);
  if (pid === 0) return "kernel";
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    const open = stat.indexOf("(");
    const close = stat.indexOf(")", open + 1);
    if (open >= 0 && close > open) return `${stat.slice(open + 1, close)}/${pid}`;
  } catch {
    // not a process id (an autobound port id)
  }
  return String(pid);
}

/** The whole listing as ss prints it; Netid and State columns drop out when only one table or state is asked for. */
export function renderSsListing(
  records: readonly SocketRecord[],
  d: SsDisplay,
  oneTable: boolean,
  oneState: boolean,
  screenWidth?: number,
  paintState?: (state: string) => string,
  carried?: number[],
): Uint8Array {
  const rows: SsRow[] = d.header ? [headerRow()] : [];
  for (const s of records) rows.push(ssRow(s, d));
  const disabled = [oneTable, oneState, false, false, false, false, false, false, false, false];
  return renderSsTable(rows, disabled, screenWidth, paintState, d.header ? 1 : 0, carried);
}

/** Colour per state for a terminal: listening blue, established green, closing states yellow, waiting red. */
export function stateColors(c: { blue(s: string): string; green(s: string): string; yellow(s: string): string; red(s: string): string; dim(s: string): string }): (state: string) => string {
  const byState: Record<string, (s: string) => string> = {
    LISTEN: c.blue, ESTAB: c.green, "SYN-SENT": c.yellow, "SYN-RECV": c.yellow, "FIN-WAIT-1": c.yellow, "FIN-WAIT-2": c.yellow,
    "CLOSE-WAIT": c.red, "LAST-ACK": c.red, CLOSING: c.red, "TIME-WAIT": c.dim, UNCONN: (s) => s,
  };
  return (state) => (byState[state] ?? ((s: string) => s))(state);
}
