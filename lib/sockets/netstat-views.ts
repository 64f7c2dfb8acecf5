// net-tools netstat's text views: Internet and UNIX socket lists, the routing table and the interface table.
import { readFileSync } from "node:fs";
import { readProcInet } from "./proc-net.ts";
import { STATE_NAMES, SS, type SocketRecord } from "./record.ts";
import { protocolName, serviceName } from "./services.ts";
import { ntop4 } from "./inet-address.ts";
import type { SocketOwner } from "./processes.ts";

export interface NetstatFlags {
  readonly all: boolean;
  readonly listening: boolean;
  readonly numericHosts: boolean;
  readonly numericPorts: boolean;
  readonly numericUsers: boolean;
  readonly extend: number;
  readonly programs: boolean;
  readonly timers: boolean;
  readonly wide: boolean;
  /** pid -> "pid/program" for -p, built once per run */
  readonly programOf?: (inode: number) => string;
  readonly hostNames?: ReadonlyMap<string, string>;
}

const scope = (f: NetstatFlags) => (f.all ? "(servers and established)" : f.listening ? "(only servers)" : "(w/o servers)");

/** "%-Ns" and "%Ns" of printf. */
const padR = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const padL = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

/** net-tools' address:port, with the address cut so the pair fits 23 columns unless -W. */
function endpoint(e: SocketRecord["local"], proto: string, f: NetstatFlags): string {
  const port = e.port === 0 ? "*" : f.numericPorts ? String(e.port) : proto === "raw" ? protocolName(e.port) : (serviceName(e.port, proto) ?? String(e.port));
  let addr = f.numericHosts ? e.addr : e.addr === "::" ? "[::]" : (f.hostNames?.get(e.addr) ?? e.addr);
  if (!f.wide && addr.length + port.length > 22) addr = addr.slice(0, Math.max(0, 22 - port.length));
  return `${addr}:${port}`;
}

let users: Map<number, string> | undefined;
function userName(uid: number): string | undefined {
  if (!users) {
    users = new Map();
    try {
      for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
        const [name, , id] = line.split(":");
        if (name && id !== undefined && !users.has(Number(id))) users.set(Number(id), name);
      }
    } catch {
      // numbers only
    }
  }
  return users.get(uid);
}

/** finish_this_one: -e user and inode, -p program, -o timer. */
function tail(r: SocketRecord, f: NetstatFlags): string {
  let out = "";
  if (f.extend > 1) {
    const name = f.numericUsers ? undefined : userName(r.uid);
    out += ` ${padR(name ?? String(r.uid), 10)} ${padR(String(r.inode), 10)}`;
  }
  if (f.programs) out += ` ${padR(f.programOf?.(r.inode) ?? "-", 20)}`;
  if (f.timers) out += ` ${timerText(r)}`;
  return out;
}

const TIMER_WORDS = ["off", "on", "keepalive", "timewait", "probe"];
function timerText(r: SocketRecord): string {
  return `${TIMER_WORDS[r.timer] ?? "unkn"} (${(r.expires / 1000).toFixed(2)}/${r.retrans}/0)`;
}

/** Which rows a listing shows: -a all, -l only listeners, default only connections. */
function wanted(r: SocketRecord, f: NetstatFlags): boolean {
  const listening = r.db === 0 ? r.state === SS.LISTEN : r.remote.port === 0 && r.state === SS.CLOSE;
  return f.all || (f.listening ? listening : !listening);
}

function inetRow(r: SocketRecord, proto: string, f: NetstatFlags): string {
  const base = proto.replace("6", "");
  const local = endpoint(r.local, base, f);
  const remote = endpoint(r.remote, base, f);
  const state = base === "tcp" ? STATE_NAMES[r.state]?.netstat ?? "UNKNOWN" : base === "udp" ? (r.state === SS.ESTABLISHED ? "ESTABLISHED" : "") : String(r.state);
  return `${padR(proto, 4)}  ${padL(String(r.recvQ), 6)} ${padL(String(r.sendQ), 6)} ${padR(local, Math.max(23, local.length))} ${padR(remote, Math.max(23, remote.length))} ${padR(state, 11)}${tail(r, f)}`;
}

/** The "Active Internet connections" block for the chosen protocols, in /proc order (tcp, tcp6, udp, udp6, raw, raw6). */
export function internetListing(protocols: readonly ("tcp" | "udp" | "raw")[], families: { v4: boolean; v6: boolean }, f: NetstatFlags): string {
  let head = "Proto Recv-Q Send-Q Local Address           Foreign Address         State      ";
  if (f.extend > 1) head += " User       Inode     ";
  if (f.programs) head += " PID/Program name    ";
  if (f.timers) head += " Timer";
  const lines = [`Active Internet connections ${scope(f)}`, head];
  for (const p of protocols)
    for (const table of [...(families.v4 ? [p] : []), ...(families.v6 ? [`${p}6`] : [])])
      for (const r of readProcInet(table, (1 << 12) - 1) ?? []) if (wanted(r, f)) lines.push(inetRow(r, table, f));
  return lines.join("\n") + "\n";
}

/** Every inet address the chosen tables hold (for resolving names before printing). */
export function internetRecords(protocols: readonly string[]): SocketRecord[] {
  return protocols.flatMap((p) => [...(readProcInet(p, (1 << 12) - 1) ?? []), ...(readProcInet(`${p}6`, (1 << 12) - 1) ?? [])]);
}

const UNIX_TYPE_NAMES: Readonly<Record<number, string>> = { 1: "STREAM", 2: "DGRAM", 3: "RAW", 4: "RDM", 5: "SEQPACKET" };
const UNIX_STATE_NAMES = ["FREE", "", "CONNECTING", "CONNECTED", "DISCONNECTING"];
const SO_ACCEPTCON = 1 << 16;

/** The "Active UNIX domain sockets" block, straight from /proc/net/unix. */
export function unixListing(f: NetstatFlags): string {
  const lines = [`Active UNIX domain sockets ${scope(f)}`, `Proto RefCnt Flags       Type       State         I-Node   ${f.programs ? "PID/Program name     " : ""}Path`];
  let text = "";
  try {
    text = readFileSync(`${process.env.PROC_ROOT ?? "/proc"}/net/unix`, "latin1");
  } catch {
    return lines.join("\n") + "\n";
  }
  for (const line of text.split("\n").slice(1)) {
    const c = line.trim().split(/\s+/);
    if (c.length < 7) continue;
    const refcnt = parseInt(c[1]!, 16);
    const flags = parseInt(c[3]!, 16);
    const type = parseInt(c[4]!, 16);
    const st = parseInt(c[5]!, 16);
    const inode = Number(c[6]);
    const path = c.slice(7).join(" ");
    const listening = st === 1 && (flags & SO_ACCEPTCON) !== 0;
    if (!f.all && (f.listening ? !listening : listening)) continue;
    const flagText = `[ ${flags & SO_ACCEPTCON ? "ACC " : ""}${flags & (1 << 17) ? "W " : ""}${flags & (1 << 18) ? "N " : ""}]`;
    const state = st === 1 ? (flags & SO_ACCEPTCON ? "LISTENING" : "") : (UNIX_STATE_NAMES[st] ?? "UNKNOWN");
    const prog = f.programs ? `${padR(f.programOf?.(inode) ?? "-", 20)} ` : "";
    lines.push(`unix  ${padR(String(refcnt), 6)} ${padR(flagText, 11)} ${padR(UNIX_TYPE_NAMES[type] ?? "UNKNOWN", 10)} ${padR(state, 13)} ${padR(String(inode), 8)} ${prog}${path}`);
  }
  return lines.join("\n") + "\n";
}

/** "pid/program" as net-tools builds it: argv[0] from cmdline, its basename when absolute, cut to 19 characters. */
export function programNames(owners: ReadonlyMap<number, SocketOwner[]>): (inode: number) => string {
  const cache = new Map<number, string>();
  return (inode) => {
    const o = owners.get(inode)?.at(-1);
    if (!o) return "-";
    let name = cache.get(o.pid);
    if (name === undefined) {
      let cmd = "";
      try {
        cmd = readFileSync(`/proc/${o.pid}/cmdline`, "latin1").split("\0")[0] ?? "";
      } catch {
        // process gone
      }
      if (cmd.startsWith("/")) cmd = cmd.slice(cmd.lastIndexOf("/") + 1);
      name = `${o.pid}/${cmd}`.slice(0, 19);
      cache.set(o.pid, name);
    }
    return name;
  };
}

const ROUTE_FLAGS: readonly [number, string][] = [
  [0x1, "U"], [0x2, "G"], [0x4, "H"], [0x8, "R"], [0x10, "D"], [0x20, "M"], [0x40000, "A"], [0x1000000, "C"], [0x200, "!"],
];

const hexAddr = (h: string) => {
  const n = parseInt(h, 16) >>> 0;
  return ntop4(new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24]));
};

/** One IPv4 route as /proc/net/route has it (addresses as dotted quads). */
export interface RouteEntry {
  destination: string; gateway: string; genmask: string; flags: string; mss: number; window: number; irtt: number; iface: string; metric: number;
}

/** The routes that are up, in kernel order. */
export function readRoutes(): RouteEntry[] {
  let text = "";
  try {
    text = readFileSync(`${process.env.PROC_ROOT ?? "/proc"}/net/route`, "latin1");
  } catch {
    return [];
  }
  const out: RouteEntry[] = [];
  for (const line of text.split("\n").slice(1)) {
    const c = line.trim().split(/\s+/);
    if (c.length < 11) continue;
    const flags = parseInt(c[3]!, 16);
    if (!(flags & 0x1)) continue;
    out.push({
      destination: hexAddr(c[1]!), gateway: hexAddr(c[2]!), genmask: hexAddr(c[7]!),
      flags: ROUTE_FLAGS.filter(([b]) => flags & b).map(([, ch]) => ch).join(""),
      mss: Number(c[8]), window: Number(c[9]), irtt: Number(c[10]), iface: c[0]!, metric: Number(c[6]),
    });
  }
  return out;
}

/** netstat -r: "Kernel IP routing table" from /proc/net/route. */
export function routeTable(numeric: boolean): string {
  const lines = ["Kernel IP routing table", "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface"];
  for (const r of readRoutes()) {
    const dest = !numeric && r.destination === "0.0.0.0" ? "default" : r.destination;
    lines.push(`${padR(dest, 15)} ${padR(r.gateway, 15)} ${padR(r.genmask, 15)} ${padR(r.flags, 5)} ${padL(String(r.mss), 5)} ${padR(String(r.window), 6)} ${padL(String(r.irtt), 5)} ${r.iface}`);
  }
  return lines.join("\n") + "\n";
}

const IFF: readonly [number, string][] = [
  [0x200, "A"], [0x2, "B"], [0x4, "D"], [0x8, "L"], [0x1000, "M"], [0x20, "N"], [0x80, "O"], [0x10, "P"], [0x100, "P"], [0x40, "R"], [0x1, "U"],
];

/** One interface's counters and flags (what netstat -i shows). */
export interface InterfaceEntry {
  name: string; mtu: number; rxOk: number; rxErr: number; rxDrop: number; rxOverrun: number;
  txOk: number; txErr: number; txDrop: number; txOverrun: number; flags: string;
}

/** Interfaces from /proc/net/dev and sysfs, sorted by name as net-tools sorts them; down ones only with `all`. */
export function readInterfaces(all: boolean): InterfaceEntry[] {
  let text = "";
  try {
    text = readFileSync(`${process.env.PROC_ROOT ?? "/proc"}/net/dev`, "latin1");
  } catch {
    return [];
  }
  const out: InterfaceEntry[] = [];
  for (const line of text.split("\n").slice(2)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const v = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    const sys = (k: string) => {
      try {
        return readFileSync(`/sys/class/net/${name}/${k}`, "utf8").trim();
      } catch {
        return "";
      }
    };
    let flags = parseInt(sys("flags") || "0", 16);
    if (flags & 0x1 && sys("carrier") === "1") flags |= 0x40;
    if (!all && !(flags & 0x1)) continue;
    const n = (i: number) => v[i] ?? 0;
    out.push({
      name, mtu: Number(sys("mtu") || "0"), rxOk: n(1), rxErr: n(2), rxDrop: n(3), rxOverrun: n(4),
      txOk: n(9), txErr: n(10), txDrop: n(11), txOverrun: n(12), flags: IFF.filter(([b]) => flags & b).map(([, ch]) => ch).join(""),
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** netstat -i: "Kernel Interface table". */
export function interfaceTable(all: boolean): string {
  const lines = ["Kernel Interface table", "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg"];
  const s = (x: number) => String(x);
  for (const i of readInterfaces(all))
    lines.push(`${padR(i.name, 15)} ${padL(s(i.mtu), 5)} ${padL(s(i.rxOk), 8)} ${padL(s(i.rxErr), 6)} ${padL(s(i.rxDrop), 6)} ${padR(s(i.rxOverrun), 6)} ${padL(s(i.txOk), 8)} ${padL(s(i.txErr), 6)} ${padL(s(i.txDrop), 6)} ${padL(s(i.txOverrun), 6)} ${i.flags}`);
  return lines.join("\n") + "\n";
}
