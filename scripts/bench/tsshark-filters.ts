// Cost of a compiled -Y filter in the engine: dissect a generated capture with and without the filter, print times and ratio.
// Usage: bun scripts/bench/tsshark-filters.ts write FILE N   |   bun scripts/bench/tsshark-filters.ts run FILE FILTER
import { writeFileSync } from "node:fs";
import { allFields } from "../../lib/dissect/field.ts";
import { dissectFrame } from "../../lib/dissect/engine.ts";
import { newTables } from "../../lib/dissect/registry.ts";
import { Session } from "../../lib/dissect/session.ts";
import { compileDisplayFilter } from "../../lib/filter/compile.ts";
import { openCaptureFile } from "../../lib/pcap/read-capture.ts";
import type { Frame } from "../../lib/pcap/frame.ts";

/** A pcap of N Ethernet/IPv4 frames: TCP to port 80 with and without payload, TCP 443, UDP 53. */
function writeCapture(path: string, n: number): void {
  const frames: Uint8Array[] = [];
  let size = 24;
  for (let i = 0; i < n; i++) {
    const kind = i % 4;
    const payload = kind === 0 ? 64 : 0;
    const udp = kind === 3;
    const l4 = udp ? 8 : 20;
    const ipLen = 20 + l4 + payload;
    const f = new Uint8Array(14 + ipLen);
    f.set([0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00], 0);
    f.set([0x45, 0, ipLen >> 8, ipLen & 0xff, i >> 8 & 0xff, i & 0xff, 0x40, 0, 64, udp ? 17 : 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2], 14);
    const sport = 40000 + (i % 1000), dport = kind === 2 ? 443 : udp ? 53 : 80;
    if (udp) f.set([sport >> 8, sport & 0xff, 0, dport, 0, 8, 0, 0], 34);
    else f.set([sport >> 8, sport & 0xff, dport >> 8, dport & 0xff, 0, 0, i >> 8 & 0xff, i & 0xff, 0, 0, 0, 1, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0], 34);
    frames.push(f);
    size += 16 + f.length;
  }
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, 262144, true);
  dv.setUint32(20, 1, true);
  let o = 24;
  frames.forEach((f, i) => {
    dv.setUint32(o, 1_700_000_000 + Math.floor(i / 1000), true);
    dv.setUint32(o + 4, (i % 1000) * 1000, true);
    dv.setUint32(o + 8, f.length, true);
    dv.setUint32(o + 12, f.length, true);
    out.set(f, o + 16);
    o += 16 + f.length;
  });
  writeFileSync(path, out);
}

async function framesOf(path: string): Promise<Frame[]> {
  const cap = await openCaptureFile(path);
  const all: Frame[] = [];
  for await (const f of cap.frames) all.push(f);
  cap.close();
  return all;
}

/** Milliseconds to dissect every frame with summary columns, optionally testing a filter. */
function pass(frames: readonly Frame[], filter?: string): { ms: number; matched: number } {
  const f = filter === undefined ? undefined : compileDisplayFilter(filter);
  let want: Uint8Array | null = null;
  if (f) {
    want = new Uint8Array(allFields.length);
    for (const x of f.fields) want[x.id] = 1;
  }
  const session = new Session({ tables: newTables() });
  const t0 = performance.now();
  let matched = 0;
  for (let i = 0; i < frames.length; i++) {
    const pkt = dissectFrame(session, frames[i]!, i + 1, { full: false, want, columns: true });
    if (!f || f.test(pkt)) matched++;
  }
  return { ms: performance.now() - t0, matched };
}

const [mode, path, arg] = process.argv.slice(2);
if (mode === "write") writeCapture(path!, Number(arg ?? 200000));
else {
  const frames = await framesOf(path!);
  pass(frames);
  pass(frames, arg); // warm both paths before timing
  const best = (fn: () => { ms: number; matched: number }) => [fn(), fn(), fn()].sort((a, b) => a.ms - b.ms)[0]!;
  const base = best(() => pass(frames));
  const filtered = best(() => pass(frames, arg));
  console.log(`${base.ms.toFixed(0)} ${filtered.ms.toFixed(0)} ${filtered.matched}`);
}
