// Test support: write small pcap files of Ethernet/IPv4/UDP or TCP frames around given payloads, for differential tests.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestFrame {
  readonly proto: "udp" | "tcp";
  readonly src: string;
  readonly dst: string;
  readonly sport: number;
  readonly dport: number;
  readonly payload: Uint8Array;
  /** TCP only: sequence number and flags (default PSH|ACK) */
  readonly seq?: number;
  readonly flags?: number;
}

const ip4 = (s: string) => s.split(".").map(Number);

function frameBytes(f: TestFrame): Uint8Array {
  const l4len = f.proto === "udp" ? 8 : 20;
  const total = 20 + l4len + f.payload.length;
  const b = new Uint8Array(14 + total);
  const v = new DataView(b.buffer);
  b.set([0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00], 0);
  b.set([0x45, 0, total >> 8, total & 0xff, 0, 1, 0x40, 0, 64, f.proto === "udp" ? 17 : 6, 0, 0, ...ip4(f.src), ...ip4(f.dst)], 14);
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += v.getUint16(14 + i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  v.setUint16(24, ~sum & 0xffff);
  const l4 = 34;
  v.setUint16(l4, f.sport);
  v.setUint16(l4 + 2, f.dport);
  if (f.proto === "udp") v.setUint16(l4 + 4, 8 + f.payload.length);
  else {
    v.setUint32(l4 + 4, f.seq ?? 1);
    v.setUint32(l4 + 8, 1);
    b[l4 + 12] = 0x50;
    b[l4 + 13] = f.flags ?? 0x18;
    v.setUint16(l4 + 14, 65535);
  }
  b.set(f.payload, l4 + l4len);
  return b;
}

/** Write the frames to a new pcap file (one second apart) and return its path. */
export function writeTestPcap(name: string, frames: readonly TestFrame[]): string {
  const parts: Uint8Array[] = [];
  const hdr = new DataView(new ArrayBuffer(24));
  hdr.setUint32(0, 0xa1b2c3d4, true);
  hdr.setUint16(4, 2, true);
  hdr.setUint16(6, 4, true);
  hdr.setUint32(16, 65535, true);
  hdr.setUint32(20, 1, true);
  parts.push(new Uint8Array(hdr.buffer));
  frames.forEach((f, i) => {
    const data = frameBytes(f);
    const rec = new DataView(new ArrayBuffer(16));
    rec.setUint32(0, 1_700_000_000 + i, true);
    rec.setUint32(4, 250_000 * (i % 4), true);
    rec.setUint32(8, data.length, true);
    rec.setUint32(12, data.length, true);
    parts.push(new Uint8Array(rec.buffer), data);
  });
  const path = join(tmpdir(), `tsnet-${name}-${process.pid}.pcap`);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}
