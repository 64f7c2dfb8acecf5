// Crafted captures (echo pairs, ICMP errors quoting UDP/TCP, IPv4 and IPv6 fragments, ARP kinds) read by tshark and tsshark.
import { afterAll, expect } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { needs } from "../support/needs.ts";
import { ours, run } from "../support/proc.ts";
import { eth, icmpEcho, ipv4, tcp, udp } from "../support/frames.ts";

const { describe, test } = needs("tool:tshark");
const dir = mkdtempSync(join(tmpdir(), `tsshark-crafted-${process.pid}-`));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function checksum(b: number[]): number {
  let s = 0;
  for (let i = 0; i < b.length; i += 2) s += (b[i]! << 8) | (b[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}
/** An ICMP message with its checksum filled in (tshark verifies it). */
function icmp(bytes: number[]): number[] {
  const c = checksum(bytes);
  return [bytes[0]!, bytes[1]!, c >> 8, c & 0xff, ...bytes.slice(4)];
}
function pcap(frames: number[][]): string {
  const parts: Uint8Array[] = [];
  const head = new DataView(new ArrayBuffer(24));
  head.setUint32(0, 0xa1b2c3d4, true);
  head.setUint16(4, 2, true);
  head.setUint16(6, 4, true);
  head.setUint32(16, 65535, true);
  head.setUint32(20, 1, true);
  parts.push(new Uint8Array(head.buffer));
  frames.forEach((f, i) => {
    const rec = new DataView(new ArrayBuffer(16));
    rec.setUint32(0, 1_700_000_000 + i, true);
    rec.setUint32(4, 250_000 * (i % 4), true);
    rec.setUint32(8, f.length, true);
    rec.setUint32(12, f.length, true);
    parts.push(new Uint8Array(rec.buffer), new Uint8Array(f));
  });
  const path = join(dir, `c${parts.length}.pcap`);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

const A = [10, 0, 0, 1], B = [10, 0, 0, 2], R = [10, 0, 0, 254];
const BCAST = [255, 255, 255, 255, 255, 255];
const arp = (op: number, sha: number[], spa: number[], tha: number[], tpa: number[]) => [0, 1, 8, 0, 6, 4, 0, op, ...sha, ...spa, ...tha, ...tpa];
const MAC = [0x00, 0x1b, 0x21, 1, 2, 3];
const quotedUdp = ipv4(17, udp(40000, 33434, [1, 2, 3, 4]), A, B, { ttl: 1 });
const quotedTcp = ipv4(6, tcp(40000, 80, 12345, 0, 0x02).slice(0, 8), A, B, { totalLength: 60 });
const payload = Array.from({ length: 3000 }, (_, i) => i % 251);
const big = udp(5555, 6666, payload);

const frames: number[][] = [
  eth(0x0800, ipv4(1, icmp(icmpEcho(8, 0x1234, 1)))),
  eth(0x0800, ipv4(1, icmp(icmpEcho(0, 0x1234, 1)), B, A, { ttl: 63 })),
  eth(0x0800, ipv4(1, icmp(icmpEcho(8, 0x1234, 2)))),
  eth(0x0800, ipv4(1, icmp([11, 0, 0, 0, 0, 0, 0, 0, ...quotedUdp]), R, A)),
  eth(0x0800, ipv4(1, icmp([3, 3, 0, 0, 0, 0, 0, 0, ...quotedUdp]), B, A)),
  eth(0x0800, ipv4(1, icmp([3, 1, 0, 0, 0, 0, 0, 0, ...quotedTcp]), R, A)),
  eth(0x0800, ipv4(17, big.slice(0, 1480), A, B, { id: 0x4242, frag: 0x2000, totalLength: 1500 })),
  eth(0x0800, ipv4(17, big.slice(1480, 2960), A, B, { id: 0x4242, frag: 0x2000 | (1480 / 8), totalLength: 1500 })),
  eth(0x0800, ipv4(17, big.slice(2960), A, B, { id: 0x4242, frag: 2960 / 8 })),
  eth(0x0806, arp(1, MAC, A, [0, 0, 0, 0, 0, 0], B), BCAST),
  eth(0x0806, arp(2, [0x52, 0x54, 0, 9, 9, 9], B, MAC, A), MAC, [0x52, 0x54, 0, 9, 9, 9]),
  eth(0x0806, arp(1, MAC, [0, 0, 0, 0], [0, 0, 0, 0, 0, 0], A), BCAST),
  eth(0x0806, arp(1, MAC, A, [0, 0, 0, 0, 0, 0], A), BCAST),
  eth(0x0800, ipv4(6, tcp(50000, 41000, 100, 0, 0x02, [2, 4, 5, 0xb4, 1, 3, 3, 7]))),
  eth(0x0800, ipv4(6, tcp(41000, 50000, 900, 101, 0x12, [2, 4, 5, 0xb4, 1, 3, 3, 2]), B, A)),
  eth(0x0800, ipv4(6, tcp(50000, 41000, 101, 901, 0x18, [], [104, 105]))),
  eth(0x0800, ipv4(6, tcp(41000, 50000, 901, 103, 0x11), B, A)),
  eth(0x0800, ipv4(6, tcp(50000, 41000, 103, 902, 0x04))),
];

describe("crafted captures agree with tshark", () => {
  const file = pcap(frames);
  const modes: [string, string[]][] = [
    ["summary", []],
    ["two-pass summary", ["-2"]],
    ["fields", ["-T", "fields", "-e", "frame.protocols", "-e", "ip.src", "-e", "ip.ttl", "-e", "ip.flags.mf", "-e", "icmp.type", "-e", "icmp.checksum.status", "-e", "icmp.resp_to", "-e", "udp.stream", "-e", "udp.length", "-e", "tcp.stream", "-e", "tcp.seq", "-e", "tcp.ack", "-e", "tcp.window_size", "-e", "arp.opcode", "-e", "arp.isgratuitous", "-e", "data.len"]],
  ];
  for (const [name, args] of modes) {
    test(name, async () => {
      const [t, o] = await Promise.all([run(["tshark", "-r", file, ...args], { env: { TZ: "UTC" } }), run([...ours("tsshark"), "-r", file, ...args], { env: { TZ: "UTC" } })]);
      expect(t.out.split("\n").length).toBeGreaterThan(frames.length);
      expect(o.out).toBe(t.out);
    }, 30_000);
  }
});
