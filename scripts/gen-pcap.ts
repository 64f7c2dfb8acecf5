// Writes a synthetic Ethernet pcap for benchmarks: TCP conversations, UDP datagrams and ICMP echoes, deterministic.
// Usage: bun scripts/gen-pcap.ts OUT.pcap [packets=1000000]
import { openSync, writeSync, closeSync } from "node:fs";

const out = process.argv[2];
const count = Number(process.argv[3] ?? 1_000_000);
if (!out || !Number.isInteger(count) || count <= 0) {
  console.error("usage: bun scripts/gen-pcap.ts OUT.pcap [packets]");
  process.exit(2);
}

function checksum(b: Uint8Array, off: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i += 2) s += (b[off + i]! << 8) | (b[off + i + 1] ?? 0);
  while (s >> 16) s = (s & 0xffff) + (s >> 16);
  return ~s & 0xffff;
}

const seqA = new Array<number>(997).fill(0).map((_, k) => 1000 + k * 7919);
const seqB = new Array<number>(997).fill(0).map((_, k) => 500000 + k * 104729);

/** One frame: Ethernet + IPv4 + (TCP | UDP | ICMP) with `payload` bytes of data. */
function frame(kind: number, i: number): Uint8Array {
  const payload = kind === 0 ? (i % 4 === 0 ? 0 : 100 + (i % 1300)) : kind === 1 ? 32 + (i % 200) : 56;
  const l4 = kind === 0 ? 32 : kind === 1 ? 8 : 8;
  const b = new Uint8Array(14 + 20 + l4 + payload);
  const dv = new DataView(b.buffer);
  b.set([0x00, 0x1b, 0x21, 0x0a, 0x0b, (i >> 8) & 0xff, 0x52, 0x54, 0x00, 0x12, 0x34, i & 0xff]);
  dv.setUint16(12, 0x0800);
  const conv = i % 997;
  const fwd = (i >> 1) % 2 === 0;
  const a = 0x0a000000 | (conv + 1), z = 0x0a010000 | ((conv * 7) % 65000 + 1);
  dv.setUint8(14, 0x45);
  dv.setUint16(16, 20 + l4 + payload);
  dv.setUint16(18, i & 0xffff);
  dv.setUint16(20, 0x4000);
  dv.setUint8(22, 64);
  dv.setUint8(23, kind === 0 ? 6 : kind === 1 ? 17 : 1);
  dv.setUint32(26, fwd ? a : z);
  dv.setUint32(30, fwd ? z : a);
  dv.setUint16(24, checksum(b, 14, 20));
  const t = 34;
  const sport = 40000 + conv, dport = kind === 0 ? 33333 : 9999;
  if (kind === 0) {
    dv.setUint16(t, fwd ? sport : dport);
    dv.setUint16(t + 2, fwd ? dport : sport);
    // per-conversation sequence numbers, so tshark's TCP analysis finds nothing to flag
    const mine = fwd ? seqA : seqB, theirs = fwd ? seqB : seqA;
    dv.setUint32(t + 4, mine[conv]! >>> 0);
    dv.setUint32(t + 8, theirs[conv]! >>> 0);
    mine[conv] = (mine[conv]! + payload) >>> 0;
    dv.setUint16(t + 12, (8 << 12) | (payload ? 0x18 : 0x10));
    dv.setUint16(t + 14, 512);
    b.set([1, 1, 8, 10], t + 20);
    dv.setUint32(t + 24, i >>> 0);
    dv.setUint32(t + 28, (i * 3) >>> 0);
  } else if (kind === 1) {
    dv.setUint16(t, fwd ? sport : dport);
    dv.setUint16(t + 2, fwd ? dport : sport);
    dv.setUint16(t + 4, 8 + payload);
  } else {
    b[t] = fwd ? 8 : 0;
    dv.setUint16(t + 4, conv);
    dv.setUint16(t + 6, i >> 2);
  }
  for (let k = 0; k < payload; k++) b[t + l4 + k] = 0x41 + ((i + k) % 26);
  return b;
}

const fd = openSync(out, "w");
const header = new Uint8Array(24);
const hv = new DataView(header.buffer);
hv.setUint32(0, 0xa1b2c3d4, true);
hv.setUint16(4, 2, true);
hv.setUint16(6, 4, true);
hv.setUint32(16, 262144, true);
hv.setUint32(20, 1, true);
writeSync(fd, header);
const chunk: Uint8Array[] = [];
let size = 0;
const t0 = 1_764_000_000;
for (let i = 0; i < count; i++) {
  const kind = i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 2;
  const f = frame(kind, i);
  const rec = new Uint8Array(16 + f.length);
  const rv = new DataView(rec.buffer);
  rv.setUint32(0, t0 + Math.floor(i / 1000), true);
  rv.setUint32(4, (i % 1000) * 1000 + (i % 7), true);
  rv.setUint32(8, f.length, true);
  rv.setUint32(12, f.length, true);
  rec.set(f, 16);
  chunk.push(rec);
  size += rec.length;
  if (size > 1 << 22) {
    writeSync(fd, Buffer.concat(chunk));
    chunk.length = 0;
    size = 0;
  }
}
if (chunk.length) writeSync(fd, Buffer.concat(chunk));
closeSync(fd);
