// A synthetic capture for the -z tests: two TCP conversations (IPv4 and IPv6), UDP, ICMP, over about 12.4 s.
// Port 9000 carries no protocol tshark knows, so every TCP payload stays plain data.
import { eth, ipv4, tcp, udp, icmpEcho, frame } from "../support/frames.ts";
import { openWriter } from "../../lib/pcap/writer.ts";
import { pcapIface } from "../../lib/pcap/iface.ts";
import type { Frame } from "../../lib/pcap/frame.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const T0 = 1_700_000_000_000_000_000n;
const at = (secs: number) => T0 + BigInt(Math.round(secs * 1e9));
const bytes = (s: string) => [...Buffer.from(s)];
const SYN = 0x02, ACK = 0x10, PSH = 0x08, FIN = 0x01;
const MSS = [2, 4, 0x05, 0xb4];

/** IPv6 header + payload (next header `nh`) between two fixed addresses. */
function ipv6(nh: number, payload: number[], srcLast = 1, dstLast = 2): number[] {
  const a = (last: number) => [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last];
  return [0x60, 0, 0, 0, payload.length >> 8, payload.length & 0xff, nh, 64, ...a(srcLast), ...a(dstLast), ...payload];
}

/** An ICMP message with its checksum filled in (tshark pairs echo replies with requests by checksum). */
function icmpSummed(bytes: number[]): number[] {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const c = ~sum & 0xffff;
  return [bytes[0]!, bytes[1]!, c >> 8, c & 0xff, ...bytes.slice(4)];
}

function frames(): Frame[] {
  const c = [10, 0, 0, 1], s = [10, 0, 0, 2];
  const v4 = (from: "c" | "s", sport: number, dport: number, seq: number, ack: number, flags: number, data = "", opts: number[] = []) =>
    eth(0x0800, ipv4(6, tcp(sport, dport, seq, ack, flags, opts, bytes(data)), from === "c" ? c : s, from === "c" ? s : c));
  const v6 = (from: "c" | "s", sport: number, dport: number, seq: number, ack: number, flags: number, data = "") =>
    eth(0x86dd, ipv6(6, tcp(sport, dport, seq, ack, flags, [], bytes(data)), from === "c" ? 1 : 2, from === "c" ? 2 : 1));
  const list: [number, number[]][] = [
    [0.0, v4("c", 40000, 9000, 1000, 0, SYN, "", MSS)],
    [0.0001, v4("s", 9000, 40000, 5000, 1001, SYN | ACK, "", MSS)],
    [0.0002, v4("c", 40000, 9000, 1001, 5001, ACK)],
    [0.3, v4("c", 40000, 9000, 1001, 5001, PSH | ACK, "hello server\n\tline two\n")],
    [0.31, v4("s", 9000, 40000, 5001, 1024, PSH | ACK, "HELLO SERVER\r\n")],
    [0.31, v4("s", 9000, 40000, 5001, 1024, PSH | ACK, "HELLO SERVER\r\n")], // a retransmission: follow skips it
    [1.2, eth(0x0800, ipv4(17, udp(53000, 9999, bytes("udp datagram one")), c, s))],
    [2.5, eth(0x0800, ipv4(1, icmpSummed(icmpEcho(8, 7, 1)), c, s))],
    [2.6, eth(0x0800, ipv4(1, icmpSummed(icmpEcho(0, 7, 1)), s, c))],
    [7.9, v6("c", 50000, 4443, 1, 0, SYN)],
    [7.95, v6("s", 4443, 50000, 9, 2, SYN | ACK)],
    [8.0, v6("c", 50000, 4443, 2, 10, PSH | ACK, "x".repeat(300))],
    [12.3, v4("c", 40000, 9000, 1024, 5015, FIN | ACK)],
    [12.4, v4("s", 9000, 40000, 5015, 1025, FIN | ACK)],
  ];
  return list.map(([t, b]) => frame(b, { ts: at(t) }));
}

/** Write the capture once per test run; returns its path. */
export async function statsCapture(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), "tsnet-stats-")), "stats.pcap");
  const w = await openWriter({ path, format: "pcap", interfaces: [pcapIface(1, 262144, false)] });
  for (const f of frames()) w.write(f);
  await w.close();
  return path;
}
