// What tshark 4.0.17 writes on stderr around a live capture, word for word.
import { findAllDevices, PCAP } from "../sys/libpcap.ts";
import { descriptiveName } from "./interfaces.ts";

/** Quote each name and join them as tshark does: 'a'; 'a' and 'b'; 'a', 'b', and 'c'. */
function joinQuoted(names: readonly string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length <= 2) return q.join(" and ");
  return `${q.slice(0, -1).join(", ")}, and ${q[q.length - 1]}`;
}

/**
 * "Capturing on 'Loopback: lo'". Takes interface names (or already descriptive names); a name
 * that libpcap reports as a loopback device is shown as tshark shows it, "Loopback: lo".
 */
export function captureBanner(ifaces: readonly string[], loopbacks: ReadonlySet<string> = loopbackNames()): string {
  return `Capturing on ${joinQuoted(ifaces.map((n) => (loopbacks.has(n) ? descriptiveName({ name: n, friendly: "Loopback" }) : n)))}`;
}

let cachedLoopbacks: Set<string> | undefined;
function loopbackNames(): Set<string> {
  if (cachedLoopbacks) return cachedLoopbacks;
  try {
    cachedLoopbacks = new Set(findAllDevices().filter((d) => d.flags & PCAP.IF_LOOPBACK).map((d) => d.name));
  } catch {
    cachedLoopbacks = new Set(["lo"]);
  }
  return cachedLoopbacks;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Kernel drops on one interface, as pcap_stats counted them. */
export interface InterfaceDrops {
  /** tshark's descriptive name ("Loopback: lo") */
  iface: string;
  dropped: number;
}

/**
 * The lines tshark prints when a capture ends, without a trailing newline: one
 * "N packets dropped from IFACE" line per interface that dropped packets (or "N packets dropped"
 * for a total without names), then `closedLine` if given (tshark 4.0.17 prints "tshark: " there:
 * pass "tsshark: "), then "N packets captured".
 */
export function captureSummary(s: { captured: number; dropped: number; dropsByInterface?: readonly InterfaceDrops[]; closedLine?: string }): string {
  const lines: string[] = [];
  if (s.dropsByInterface) {
    for (const d of s.dropsByInterface) if (d.dropped > 0) lines.push(`${plural(d.dropped, "packet", "packets")} dropped from ${d.iface}`);
  } else if (s.dropped > 0) {
    lines.push(`${plural(s.dropped, "packet", "packets")} dropped`);
  }
  if (s.closedLine !== undefined) lines.push(s.closedLine);
  lines.push(`${plural(s.captured, "packet", "packets")} captured`);
  return lines.join("\n");
}

/** Two-digit clock fields as glib's log prefix prints them. */
const two = (n: number): string => String(n).padStart(2, "0");

/**
 * The glib log lines tshark 4.0.17 prints when dumpcap starts:
 * " ** (tshark:PID) HH:MM:SS.uuuuuu [Main MESSAGE] -- Capture started." and the file line.
 */
export function captureStartedLines(file: string | undefined, now = new Date(), pid = process.pid): string[] {
  const us = String(now.getMilliseconds() * 1000).padStart(6, "0");
  const prefix = ` ** (tshark:${pid}) ${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}.${us} [Main MESSAGE] -- `;
  const lines = [`${prefix}Capture started.`];
  if (file !== undefined) lines.push(`${prefix}File: "${file}"`);
  return lines;
}
