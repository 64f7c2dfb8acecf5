// The default one-line summary (No. Time Source → Destination Protocol Length Info), as tshark prints it.
import type { Addr, Packet } from "../dissect/tree.ts";
import { ADDR_ETHER, ADDR_IPV4, ADDR_IPV6, ADDR_TEXT } from "../dissect/tree.ts";
import { macName } from "../dissect/names.ts";
import { ipv4At, ipv6At } from "./address.ts";
import { timeColumn, type TimeFormat } from "./time.ts";

export interface SummaryOptions {
  readonly timeFormat: TimeFormat;
  readonly hms: boolean;
  /** -T tabs: TABs between the columns instead of spaces (the widths stay) */
  readonly tabs: boolean;
}

/** The column names of the default layout, and their _ws.col.* field suffixes. */
export const COLUMN_TITLES = ["No.", "Time", "Source", "Destination", "Protocol", "Length", "Info"] as const;
export type ColumnTitle = (typeof COLUMN_TITLES)[number];

/** Reference times a printed line needs besides the packet's own (ns since the session's first second, as Packet.rel). */
export interface LineTimes {
  readonly first: number;
  readonly prevCaptured: number;
  readonly prevDisplayed: number;
  /** fraction digits: 6 for microsecond files, 9 for nanosecond ones */
  readonly digits: number;
}

// Addresses repeat across a capture: their text is kept (the cache is dropped when it grows large).
const ipv4Texts = new Map<number, string>();

function ipv4Cached(d: Uint8Array, off: number): string {
  const key = ((d[off]! << 24) | (d[off + 1]! << 16) | (d[off + 2]! << 8) | d[off + 3]!) >>> 0;
  let s = ipv4Texts.get(key);
  if (s === undefined) {
    if (ipv4Texts.size > 65536) ipv4Texts.clear();
    s = ipv4At(d, off);
    ipv4Texts.set(key, s);
  }
  return s;
}

/** An address column's text (MAC names when -N m, the default). */
export function addrText(a: Addr, resolveMac: boolean): string {
  switch (a.kind) {
    case ADDR_ETHER:
      return macName(a.data, a.off, resolveMac);
    case ADDR_IPV4:
      return ipv4Cached(a.data, a.off);
    case ADDR_IPV6:
      return ipv6At(a.data, a.off);
    case ADDR_TEXT:
      return a.text;
    default:
      return "";
  }
}

/** Every column's text for one packet, in COLUMN_TITLES order. */
export function columnTexts(pkt: Packet, t: LineTimes, o: SummaryOptions): string[] {
  const c = pkt.cols!;
  const mac = pkt.session.resolve.mac;
  const time = timeColumn({ sec: pkt.sec, nsec: pkt.nsec, rel: pkt.rel, first: t.first, prevCaptured: t.prevCaptured, prevDisplayed: t.prevDisplayed }, o.timeFormat, t.digits, o.hms);
  return [String(pkt.num), time, addrText(c.src, mac), addrText(c.dst, mac), c.protocol, String(pkt.frame.len), c.info];
}

const SPACES = " ".repeat(64);
const pad = (s: string, w: number) => (s.length >= w ? s : SPACES.slice(0, w - s.length) + s);
const padEnd = (s: string, w: number) => (s.length >= w ? s : s + SPACES.slice(0, w - s.length));

/** One summary line (without the newline), widths as tshark's print_columns() sets them. */
export function summaryLine(pkt: Packet, t: LineTimes, o: SummaryOptions): string {
  const c = pkt.cols!;
  const mac = pkt.session.resolve.mac;
  const time = timeColumn({ sec: pkt.sec, nsec: pkt.nsec, rel: pkt.rel, first: t.first, prevCaptured: t.prevCaptured, prevDisplayed: t.prevDisplayed }, o.timeFormat, t.digits, o.hms);
  const src = addrText(c.src, mac);
  const dst = addrText(c.dst, mac);
  // -T tabs keeps the widths and puts TABs where the spaces were
  if (o.tabs) return pad(String(pkt.num), 5) + "\t" + pad(time, 10) + "\t" + pad(src, 12) + "\t→\t" + padEnd(dst, 12) + "\t" + c.protocol + "\t" + pkt.frame.len + "\t" + c.info;
  return pad(String(pkt.num), 5) + " " + pad(time, 10) + " " + pad(src, 12) + " → " + padEnd(dst, 12) + " " + c.protocol + " " + pkt.frame.len + " " + c.info;
}
