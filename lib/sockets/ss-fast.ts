// ss's plain listing of TCP/UDP sockets (with or without -p) from the dump straight to bytes: no object per socket.
//
// `ss -tan` on 20,000 sockets is the case people time. Building a SocketRecord, its endpoints and a row of strings
// per socket costs several times the kernel's dump, so this path keeps the printed fields in typed columns, measures
// them, and writes digits and cached address bytes into one buffer. Anything beyond a plain listing (filters,
// -e -o -i -m, JSON, watch, -K, -E, -r) takes the general path, which prints the same bytes (the tests hold both
// to ss's output).
import { NETLINK, NLM_F, NetlinkError, nlDumpRaw, nlRequest } from "./netlink.ts";
import { SysError } from "../sys/libc.ts";
import { IPPROTO, SOCK_DIAG_BY_FAMILY, inetDiagRequest } from "./inet-diag.ts";
import { ntop6 } from "./inet-address.ts";
import { DB, FAMILY, STATE_NAMES } from "./record.ts";
import { hasDb, hasFamily } from "./ss-query.ts";
import { procForced } from "./proc-net.ts";
import { COL, SS_COLUMNS, byteLength, columnWidths, copyText } from "./ss-table.ts";
import { portText } from "./ss-view.ts";
import { usersText, type SocketOwner } from "./processes.ts";
import type { SsPlan } from "./ss-main.ts";

/** Whether a plan is a plain TCP/UDP listing this path prints exactly as the general one does. */
export function fastEligible(plan: SsPlan): boolean {
  const s = plan.settings;
  const onlyTcpUdp = (s.sel.dbs & ~((1 << DB.TCP) | (1 << DB.UDP))) === 0;
  return (
    onlyTcpUdp && !plan.filter && !s.json && s.watch === undefined && !s.kill && !s.events && !s.resolve &&
    !s.showOptions && !s.details && !s.mem && !s.info && !s.tos && !s.cgroup && !s.threads && !s.inetSockopt &&
    !procForced("tcp") && !procForced("udp") && !process.env.TCPDIAG_FILE
  );
}

/** The printed fields of every socket, column by column; addresses as ids into `addrText`. */
class Columns {
  n = 0;
  cap = 1024;
  netid = new Uint8Array(this.cap);
  state = new Uint8Array(this.cap);
  rq = new Int32Array(this.cap);
  wq = new Int32Array(this.cap);
  lport = new Uint16Array(this.cap);
  rport = new Uint16Array(this.cap);
  laddr = new Uint32Array(this.cap);
  raddr = new Uint32Array(this.cap);
  inode = new Uint32Array(this.cap);
  /** address text with its colon ("127.0.0.1:", "[::1]:", "*:"), by id */
  readonly addrText: string[] = [];
  private readonly v4Ids = new Map<number, number>();
  private readonly v6Ids = new Map<string, number>();

  grow(): void {
    this.cap *= 2;
    const g = <T extends Uint8Array | Int32Array | Uint16Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(this.cap);
      b.set(a);
      return b;
    };
    this.netid = g(this.netid, (n) => new Uint8Array(n));
    this.state = g(this.state, (n) => new Uint8Array(n));
    this.rq = g(this.rq, (n) => new Int32Array(n));
    this.wq = g(this.wq, (n) => new Int32Array(n));
    this.lport = g(this.lport, (n) => new Uint16Array(n));
    this.rport = g(this.rport, (n) => new Uint16Array(n));
    this.laddr = g(this.laddr, (n) => new Uint32Array(n));
    this.raddr = g(this.raddr, (n) => new Uint32Array(n));
    this.inode = g(this.inode, (n) => new Uint32Array(n));
  }

  v4Id(key: number): number {
    let id = this.v4Ids.get(key);
    if (id === undefined) {
      id = this.addrText.push(`${key >>> 24}.${(key >>> 16) & 0xff}.${(key >>> 8) & 0xff}.${key & 0xff}:`) - 1;
      this.v4Ids.set(key, id);
    }
    return id;
  }

  /** inet_addr_print for IPv6: "*" for a dual-stack wildcard, else the address in brackets. */
  v6Id(d: DataView, at: number, v6only: boolean): number {
    const text = ntop6(new Uint8Array(d.buffer, d.byteOffset + at, 16));
    const shown = text === "::" && !v6only ? "*:" : `[${text}]:`;
    let id = this.v6Ids.get(shown);
    if (id === undefined) {
      id = this.addrText.push(shown) - 1;
      this.v6Ids.set(shown, id);
    }
    return id;
  }
}

const INET_DIAG_SKV6ONLY = 11;

/** Whether an IPv6 socket is v6only, from its attributes (the only one this path reads). */
function v6onlyAttr(d: DataView, from: number, end: number): boolean {
  for (let at = from; at + 4 <= end; ) {
    const len = d.getUint16(at, true);
    if (len < 4) break;
    if ((d.getUint16(at + 2, true) & 0x3fff) === INET_DIAG_SKV6ONLY) return d.getUint8(at + 4) !== 0;
    at += (len + 3) & ~3;
  }
  return false;
}

function scan(cols: Columns, family: number, protocol: number, netid: number, states: number): void {
  const req = nlRequest(SOCK_DIAG_BY_FAMILY, NLM_F.REQUEST | NLM_F.DUMP, inetDiagRequest(family, protocol, states, {}));
  nlDumpRaw(NETLINK.SOCK_DIAG, req, (type, d, b, length) => {
    if (type !== SOCK_DIAG_BY_FAMILY) return;
    if (cols.n === cols.cap) cols.grow();
    const i = cols.n++;
    cols.netid[i] = netid;
    cols.state[i] = d.getUint8(b + 1);
    cols.lport[i] = d.getUint16(b + 4, false);
    cols.rport[i] = d.getUint16(b + 6, false);
    if (d.getUint8(b) === FAMILY.INET) {
      cols.laddr[i] = cols.v4Id(d.getUint32(b + 8, false));
      cols.raddr[i] = cols.v4Id(d.getUint32(b + 24, false));
    } else {
      const v6only = v6onlyAttr(d, b + 72, b + length);
      cols.laddr[i] = cols.v6Id(d, b + 8, v6only);
      cols.raddr[i] = cols.v6Id(d, b + 24, v6only);
    }
    cols.rq[i] = d.getInt32(b + 56, true);
    cols.wq[i] = d.getInt32(b + 60, true);
    cols.inode[i] = d.getUint32(b + 68, true);
  });
}

const digits = (n: number): number => {
  if (n < 0) return 1 + digits(-n);
  let k = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    k++;
  }
  return k;
};

function writeInt(buf: Buffer, off: number, n: number, len: number): number {
  let v = Math.abs(n);
  for (let k = off + len - 1; k >= off; k--) {
    buf[k] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
  if (n < 0) buf[off] = 45;
  return off + len;
}

const NETIDS = ["udp", "tcp"];

/** The listing, or undefined when netlink cannot be used (the general path then falls back to /proc). */
export function fastListing(plan: SsPlan, owners: ReadonlyMap<number, SocketOwner[]> | undefined, screenWidth?: number, paintState?: (state: string) => string): Uint8Array | undefined {
  const s = plan.settings;
  const sel = s.sel;
  const cols = new Columns();
  const families = (sel.preferredFamily === FAMILY.INET6 ? [FAMILY.INET6] : sel.preferredFamily === FAMILY.INET ? [FAMILY.INET] : [FAMILY.INET, FAMILY.INET6]).filter((af) => hasFamily(sel, af));
  try {
    for (const [db, proto, netid] of [[DB.UDP, IPPROTO.UDP, 0], [DB.TCP, IPPROTO.TCP, 1]] as const) {
      if (!hasDb(sel, db)) continue;
      for (const af of families) scan(cols, af, proto, netid, sel.states);
    }
  } catch (e) {
    if (e instanceof SysError || e instanceof NetlinkError) return undefined;
    throw e;
  }

  // Port text and users text per socket, from caches (ports) or the owners map (-p).
  const n = cols.n;
  const lportText: string[] = new Array(n);
  const rportText: string[] = new Array(n);
  const users: string[] | undefined = owners ? new Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const netid = NETIDS[cols.netid[i]!]!;
    lportText[i] = portText(cols.lport[i]!, netid, s.numeric);
    rportText[i] = portText(cols.rport[i]!, netid, s.numeric);
    if (users) users[i] = usersText(owners!.get(cols.inode[i]!), false);
  }

  // render_calc_width over the header and every field (the last row's Process field excepted, as in ss).
  const maxLen = new Array<number>(10).fill(0);
  if (s.header) SS_COLUMNS.forEach((c, k) => (maxLen[k] = c.header.length));
  for (let i = 0; i < n; i++) {
    const st = STATE_NAMES[cols.state[i]!]?.ss ?? "UNKNOWN";
    if (3 > maxLen[COL.NETID]!) maxLen[COL.NETID] = 3;
    if (st.length > maxLen[COL.STATE]!) maxLen[COL.STATE] = st.length;
    const q1 = Math.max(6, digits(cols.rq[i]!));
    if (q1 > maxLen[COL.RECVQ]!) maxLen[COL.RECVQ] = q1;
    const q2 = Math.max(6, digits(cols.wq[i]!));
    if (q2 > maxLen[COL.SENDQ]!) maxLen[COL.SENDQ] = q2;
    const la = cols.addrText[cols.laddr[i]!]!.length;
    if (la > maxLen[COL.ADDR]!) maxLen[COL.ADDR] = la;
    if (lportText[i]!.length > maxLen[COL.SERV]!) maxLen[COL.SERV] = lportText[i]!.length;
    const ra = cols.addrText[cols.raddr[i]!]!.length;
    if (ra > maxLen[COL.RADDR]!) maxLen[COL.RADDR] = ra;
    if (rportText[i]!.length > maxLen[COL.RSERV]!) maxLen[COL.RSERV] = rportText[i]!.length;
    if (users && i < n - 1) {
      const u = byteLength(users[i]!);
      if (u > maxLen[COL.EXT]!) maxLen[COL.EXT] = u;
    }
  }
  const disabled = [plan.oneTable, plan.oneState, false, false, false, false, false, false, false, false];
  const width = columnWidths(maxLen, disabled, screenWidth);
  const enabled = width.map((_, c) => !disabled[c]);
  const firstCol = Math.max(0, width.findIndex((w) => w > 0));

  const lineMax = width.reduce((a, b) => a + b, 0) + 16;
  let usersTotal = 0;
  if (users) for (const u of users) usersTotal += byteLength(u);
  const buf = Buffer.allocUnsafe((n + 1) * (lineMax + (paintState ? 32 : 0)) + usersTotal * 2 + 64);
  let off = 0;

  // One field: delimiter, left padding (right-aligned columns), text, right padding (left-aligned ones).
  let printed = 0;
  const open = (c: number, started: boolean) => {
    printed = 0;
    if (started && SS_COLUMNS[c]!.ldelim) {
      buf[off++] = 32;
      printed = 1;
    }
  };
  const leftPad = (c: number, len: number) => {
    if (SS_COLUMNS[c]!.right) for (let k = width[c]! - len - printed; k > 0; k--, printed++) buf[off++] = 32;
  };
  const rightPad = (c: number) => {
    if (!SS_COLUMNS[c]!.right) for (let k = width[c]! - printed; k > 0; k--) buf[off++] = 32;
  };
  const text = (c: number, t: string, started: boolean) => {
    open(c, started);
    const len = byteLength(t);
    leftPad(c, len);
    if (len) off = copyText(buf, off, t);
    printed += len;
    rightPad(c);
  };

  if (s.header) {
    let started = false;
    for (let c = firstCol; c < 10; c++) {
      if (!enabled[c]) continue;
      text(c, SS_COLUMNS[c]!.header, started);
      started = true;
    }
    buf[off++] = 10;
  }
  // Rows are made of padded segments cached as bytes: the state-and-queues prefix, each address, each port,
  // and the tail. A big listing repeats the same few of each thousands of times, so a row is a handful of copies.
  const firstEnabled = (c: number) => c === enabled.indexOf(true, firstCol);
  const padded = (c: number, t: string): string => {
    const delim = !firstEnabled(c) && SS_COLUMNS[c]!.ldelim ? " " : "";
    const pad = Math.max(0, width[c]! - delim.length - byteLength(t));
    return SS_COLUMNS[c]!.right ? delim + " ".repeat(pad) + t : delim + t + " ".repeat(pad);
  };
  const prefixCache = new Map<number, Uint8Array>();
  const addrCache: (Uint8Array | undefined)[][] = [[], []];
  const portCache = new Map<string, Uint8Array>();
  const rportCache = new Map<string, Uint8Array>();
  const bytesOf = (t: string) => new Uint8Array(Buffer.from(t, "utf8"));
  const tailEmpty = bytesOf(padded(COL.EXT, "") + (enabled[COL.PROC] ? padded(COL.PROC, "") : "") + "\n");
  const put = (b: Uint8Array) => {
    buf.set(b, off);
    off += b.length;
  };
  for (let i = 0; i < n; i++) {
    const rq = cols.rq[i]!;
    const wq = cols.wq[i]!;
    const simpleQ = rq >= 0 && rq < 65536 && wq >= 0 && wq < 65536;
    const key = ((cols.netid[i]! * 16 + cols.state[i]!) * 65536 + rq) * 65536 + wq;
    let prefix = simpleQ ? prefixCache.get(key) : undefined;
    if (!prefix) {
      const st = STATE_NAMES[cols.state[i]!]?.ss ?? "UNKNOWN";
      let t = "";
      if (enabled[COL.NETID]) t += padded(COL.NETID, NETIDS[cols.netid[i]!]!);
      if (enabled[COL.STATE]) {
        const cell = padded(COL.STATE, st);
        t += paintState ? cell.replace(st, paintState(st)) : cell;
      }
      t += padded(COL.RECVQ, String(rq).padEnd(6)) + padded(COL.SENDQ, String(wq).padEnd(6));
      prefix = bytesOf(t);
      if (simpleQ) prefixCache.set(key, prefix);
    }
    put(prefix);
    const la = cols.laddr[i]!;
    put((addrCache[0]![la] ??= bytesOf(padded(COL.ADDR, cols.addrText[la]!))));
    const lp = lportText[i]!;
    let b = portCache.get(lp);
    if (!b) portCache.set(lp, (b = bytesOf(padded(COL.SERV, lp))));
    put(b);
    const ra = cols.raddr[i]!;
    put((addrCache[1]![ra] ??= bytesOf(padded(COL.RADDR, cols.addrText[ra]!))));
    const rp = rportText[i]!;
    b = rportCache.get(rp);
    if (!b) rportCache.set(rp, (b = bytesOf(padded(COL.RSERV, rp))));
    put(b);
    if (users && users[i]) put(bytesOf(padded(COL.EXT, users[i]!) + (enabled[COL.PROC] ? padded(COL.PROC, "") : "") + "\n"));
    else put(tailEmpty);
  }
  return buf.subarray(0, off);
}
