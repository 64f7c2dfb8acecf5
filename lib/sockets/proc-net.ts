// The /proc/net fallback: tcp, tcp6, udp, udp6, raw, raw6 and unix tables parsed into SocketRecords, as ss does without netlink.
import { readFileSync } from "node:fs";
import { ntop4, ntop6 } from "./inet-address.ts";
import { DB, FAMILY, SS, type SocketRecord } from "./record.ts";
import { UNIX_TYPES } from "./unix-diag.ts";

/** Where the tables are: $PROC_ROOT/net/... (PROC_ROOT defaults to /proc), or PROC_NET_<TABLE> for one file. */
export function procNetPath(table: string): string {
  const one = process.env[`PROC_NET_${table.toUpperCase()}`];
  return one ?? `${process.env.PROC_ROOT ?? "/proc"}/net/${table}`;
}

/** ss reads /proc when PROC_ROOT or the table's PROC_NET_* variable is set, as a way to test that path. */
export const procForced = (table: string): boolean =>
  process.env.PROC_ROOT !== undefined || process.env[`PROC_NET_${table.toUpperCase()}`] !== undefined;

const USER_HZ = 100;

/** "0100007F:0016" -> bytes and port; addresses are 32-bit words in host (little-endian) order. */
function hexEndpoint(text: string, family: number): { addr: string; bytes: Uint8Array; port: number } {
  const [a, p] = text.split(":");
  const bytes = new Uint8Array(family === FAMILY.INET ? 4 : 16);
  for (let w = 0; w < bytes.length / 4; w++) {
    const word = parseInt(a!.slice(w * 8, w * 8 + 8), 16) >>> 0;
    bytes[w * 4] = word & 0xff;
    bytes[w * 4 + 1] = (word >>> 8) & 0xff;
    bytes[w * 4 + 2] = (word >>> 16) & 0xff;
    bytes[w * 4 + 3] = word >>> 24;
  }
  return { addr: family === FAMILY.INET ? ntop4(bytes) : ntop6(bytes), bytes, port: parseInt(p!, 16) };
}

function readLines(table: string): string[] | undefined {
  try {
    return readFileSync(procNetPath(table), "latin1").split("\n").slice(1).filter((l) => l.trim());
  } catch {
    return undefined;
  }
}

/** One inet table (tcp, tcp6, udp, udp6, raw, raw6); undefined when the file cannot be read. */
export function readProcInet(table: string, states: number): SocketRecord[] | undefined {
  const lines = readLines(table);
  if (!lines) return undefined;
  const family = table.endsWith("6") ? FAMILY.INET6 : FAMILY.INET;
  const kind = table.replace("6", "");
  const db = kind === "tcp" ? DB.TCP : kind === "udp" ? DB.UDP : DB.RAW;
  const out: SocketRecord[] = [];
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const state = parseInt(f[3]!, 16);
    if (!(states & (1 << state))) continue;
    const [tx, rx] = f[4]!.split(":").map((h) => parseInt(h, 16));
    const [tr, when] = f[5]!.split(":").map((h) => parseInt(h, 16));
    const retrnsmt = parseInt(f[6]!, 16);
    const probes = Number(f[8]);
    const local = hexEndpoint(f[1]!, family);
    const remote = hexEndpoint(f[2]!, family);
    let procTcp: SocketRecord["procTcp"];
    if (kind === "tcp") {
      // Lines without the rto..ssthresh columns (TIME-WAIT) get ss's defaults: cwnd 2, the rest 0.
      const full = f.length >= 13;
      const num = (i: number) => Number(f[i] ?? 0) || 0;
      const rto = full ? num(12) : 0;
      const ssthresh = full ? num(16) : -1;
      procTcp = {
        rto: rto !== 3 * USER_HZ ? rto / USER_HZ : 0,
        ato: full ? num(13) / USER_HZ : 0,
        qack: full ? Math.trunc(num(14) / 2) : 0,
        cwnd: full ? num(15) : 2,
        ssthresh: ssthresh === -1 ? 0 : ssthresh,
      };
    }
    out.push({
      netid: kind === "raw" ? "raw" : kind,
      db,
      family,
      state,
      recvQ: rx!,
      sendQ: tx!,
      local,
      remote,
      inode: Number(f[9]),
      uid: Number(f[7]),
      cookie: BigInt(`0x${f[11] ?? "0"}`),
      iface: 0,
      timer: kind === "tcp" ? tr! : 0,
      expires: kind === "tcp" ? Math.floor((when! * 1000 + USER_HZ - 1) / USER_HZ) : 0,
      retrans: tr !== 1 ? probes : retrnsmt,
      protocol: kind === "raw" ? local.port : undefined,
      procTcp,
      source: "proc",
    });
  }
  return out;
}

const UNIX_STATE_MAP = [SS.CLOSE, SS.SYN_SENT, SS.ESTABLISHED, SS.CLOSING];

/** /proc/net/unix, sorted by type then inode as ss sorts it. */
export function readProcUnix(states: number, dbs: number): SocketRecord[] | undefined {
  const lines = readLines("unix");
  if (!lines) return undefined;
  const out: { r: SocketRecord; type: number }[] = [];
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    if (f.length < 7) continue;
    const flags = parseInt(f[3]!, 16);
    const type = parseInt(f[4]!, 16);
    const st = parseInt(f[5]!, 16);
    const t = UNIX_TYPES[type] ?? UNIX_TYPES[2]!;
    let state = st;
    if (flags & (1 << 16)) state = SS.LISTEN;
    else if (st > 0 && st <= UNIX_STATE_MAP.length) {
      state = UNIX_STATE_MAP[st - 1]!;
      // ss reads the kernel address in the first column as a peer id: a bound datagram socket shows as ESTAB
      // whenever that address is not hidden (kptr_restrict), and we print what ss prints.
      const num = parseInt(f[0]!.replace(":", "").slice(-8), 16);
      if (type === 2 && state === SS.CLOSE && num) state = SS.ESTABLISHED;
    }
    if (!(dbs & (1 << t.db)) || !(states & (1 << state))) continue;
    const ino = Number(f[6]);
    out.push({ type, r: {
      netid: t.netid, db: t.db, family: FAMILY.UNIX, state, recvQ: 0, sendQ: 0,
      local: { addr: f.slice(7).join(" "), port: ino }, remote: { addr: "", port: 0 },
      inode: ino, uid: 0, cookie: 0n, iface: 0, timer: 0, expires: 0, retrans: 0, source: "proc",
    } });
  }
  return out.sort((a, b) => a.type - b.type || a.r.inode - b.r.inode).map((x) => x.r);
}
