// openWriter without the real tools: formats read back by our reader, ring rotation and names, autostop, odd outputs.
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Frame } from "../../lib/pcap/frame.ts";
import type { IfaceInfo } from "../../lib/pcap/iface.ts";
import { openCaptureFile } from "../../lib/pcap/read-capture.ts";
import { ringFileName } from "../../lib/pcap/ring-names.ts";
import { TimedFrame } from "../../lib/pcap/timed-frame.ts";
import { openWriter } from "../../lib/pcap/writer.ts";
import { needs } from "../support/needs.ts";
import { run } from "../support/proc.ts";
import { bytes } from "./build-files.ts";

const dir = mkdtempSync(join(tmpdir(), `tsnet-writer-${process.pid}-`));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const eth: IfaceInfo = { name: "eth0", linktype: 1, snaplen: 262144, tsresolNs: 1000n, tsDigits: 6 };
const raw: IfaceInfo = { name: "tun0", description: "tunnel", linktype: 101, snaplen: 65535, tsresolNs: 1n, tsDigits: 9, filter: "ip" };
const frame = (i: number, iface = 0, linktype = 1, comments?: string[]): Frame =>
  new TimedFrame(1_700_000_000 + i, (i * 1_001_001) % 1_000_000_000, 60 + i, 100 + i, linktype, bytes(60 + i, i), iface, comments);

async function readBack(path: string): Promise<{ frames: Frame[]; ifaces: IfaceInfo[]; format: string }> {
  const f = await openCaptureFile(path);
  const frames: Frame[] = [];
  for await (const fr of f.frames) frames.push(fr);
  return { frames, ifaces: f.interfaces, format: f.format };
}

test("pcapng keeps interfaces, per-interface resolution, comments and lengths", async () => {
  const path = join(dir, "two.pcapng");
  const ifaces = [eth];
  const w = await openWriter({ path, format: "pcapng", interfaces: ifaces });
  w.write(frame(1, 0, 1, ["hello"]));
  ifaces.push(raw); // an interface that appears mid-file, as a pcapng IDB can
  w.write(frame(2, 1, 101));
  await w.close();
  const back = await readBack(path);
  expect(back.ifaces.map((i) => [i.name, i.description, i.linktype, i.tsresolNs, i.filter])).toEqual([
    ["eth0", undefined, 1, 1000n, undefined],
    ["tun0", "tunnel", 101, 1n, "ip"],
  ]);
  expect(back.frames.map((f) => [f.iface, f.linktype, f.caplen, f.len, f.comments])).toEqual([
    [0, 1, 61, 101, ["hello"]],
    [1, 101, 62, 102, undefined],
  ]);
  // microseconds on eth0 (the nanoseconds below a microsecond are dropped), nanoseconds on tun0
  expect(back.frames[0]!.ts).toBe((frame(1).ts / 1000n) * 1000n);
  expect(back.frames[1]!.ts).toBe(frame(2).ts);
  expect(back.frames[1]!.data).toEqual(frame(2).data);
});

test("pcap and nsecpcap; a pseudo-header goes back in front of the bytes", async () => {
  for (const format of ["pcap", "nsecpcap"] as const) {
    const path = join(dir, `one.${format}`);
    const w = await openWriter({ path, format, interfaces: [{ ...eth, linktype: 123 }] });
    w.write(new TimedFrame(5, 123_456_789, 10, 10, 123, bytes(10), 0, undefined, new Uint8Array([1, 2, 3, 4])));
    await w.close();
    const back = await readBack(path);
    expect(back.format).toBe("pcap");
    expect(back.frames.map((f) => [f.ts, f.caplen, f.len, [...f.pseudoHeader!]])).toEqual([
      [format === "pcap" ? 5_123_456_000n : 5_123_456_789n, 10, 10, [1, 2, 3, 4]],
    ]);
  }
});

test("pcap output refuses a second link type", async () => {
  const w = await openWriter({ path: join(dir, "mixed.pcap"), format: "pcap", interfaces: [] });
  w.write(frame(1));
  expect(() => w.write(frame(2, 0, 101))).toThrow("more than one link type");
  await w.close();
});

test("an empty capture is still a readable file", async () => {
  for (const format of ["pcap", "pcapng"] as const) {
    const path = join(dir, `empty.${format}`);
    await (await openWriter({ path, format, interfaces: format === "pcap" ? [eth] : [] })).close();
    expect((await readBack(path)).frames).toEqual([]);
  }
});

test("/dev/null is a fine output", async () => {
  const w = await openWriter({ path: "/dev/null", format: "pcapng", interfaces: [eth] });
  for (let i = 0; i < 1000; i++) w.write(frame(i));
  await w.close();
});

test("ring file names follow tshark: prefix_NNNNN_YYYYMMDDhhmmss.ext", () => {
  const when = new Date(2026, 10, 24, 22, 20, 5);
  expect(ringFileName("/tmp/cap.pcapng", 2, when)).toBe("/tmp/cap_00002_20261124222005.pcapng");
  expect(ringFileName("cap", 1, when)).toBe("cap_00001_20261124222005");
  expect(ringFileName("dir/cap.x.pcap", 12345, when)).toBe("dir/cap.x_12345_20261124222005.pcap");
});

test("-b packets:N files:M rotates and keeps the newest M files; -a files:K stops", async () => {
  const ring = join(dir, "ring");
  mkdirSync(ring);
  let stopped = 0;
  const w = await openWriter({ path: join(ring, "cap.pcap"), format: "pcap", interfaces: [eth], ring: { packets: 10, files: 3 }, autostop: { files: 5 }, onAutostop: () => stopped++ });
  for (let i = 0; i < 70 && !w.done; i++) w.write(frame(i));
  await w.close();
  expect(stopped).toBe(1);
  const names = readdirSync(ring).sort();
  expect(names.map((n) => n.slice(0, 10))).toEqual(["cap_00003_", "cap_00004_", "cap_00005_"]);
  for (const n of names) expect((await readBack(join(ring, n))).frames.length).toBe(10);
});

test("-a filesize:KB without a ring stops the capture once the file reaches it", async () => {
  const path = join(dir, "limited.pcapng");
  let stopped = false;
  const w = await openWriter({ path, format: "pcapng", interfaces: [eth], autostop: { filesizeKB: 5 }, onAutostop: () => (stopped = true) });
  let n = 0;
  while (!w.done && n < 1000) w.write(frame(n++ % 50));
  await w.close();
  expect(stopped).toBe(true);
  expect(statSync(path).size).toBeGreaterThanOrEqual(5000);
  expect(statSync(path).size).toBeLessThan(5000 + 300);
});

needs("tool:tshark").test("-b without a switch condition, and -b to stdout, are refused in tshark's words", async () => {
  const cases: [string[], Parameters<typeof openWriter>[0]][] = [
    [["-b", "files:3", "-w", join(dir, "x.pcapng")], { path: join(dir, "x.pcapng"), format: "pcapng", interfaces: [], ring: { files: 3 } }],
    [["-b", "packets:3", "-w", "-"], { path: "-", format: "pcapng", interfaces: [], ring: { packets: 3 } }],
  ];
  for (const [args, o] of cases) {
    const t = await run(["tshark", "-i", "lo", ...args], { timeoutMs: 20_000 });
    const theirs = t.stderr.split("\n").find((l) => l.startsWith("tshark: "));
    const e = await openWriter(o).catch((x) => x);
    expect([`tshark: ${e.message}`, e.exitCode]).toEqual([theirs, t.code]);
  }
}, 30_000);

test("-b duration switches files on a timer, even with no packets; every file is readable", async () => {
  const ring = join(dir, "timed");
  mkdirSync(ring);
  const w = await openWriter({ path: join(ring, "t.pcapng"), format: "pcapng", interfaces: [eth], ring: { duration: 1 } });
  w.write(frame(1));
  await Bun.sleep(2300);
  w.write(frame(2));
  await w.close();
  const names = readdirSync(ring).sort();
  expect(names.length).toBeGreaterThanOrEqual(2);
  names.forEach((n, i) => expect(n).toStartWith(`t_0000${i + 1}_`));
  let total = 0;
  for (const n of names) total += (await readBack(join(ring, n))).frames.length;
  expect(total).toBe(2);
}, 10_000);

test("-w - writes the capture to stdout", async () => {
  const writer = join(import.meta.dir, "..", "..", "lib", "pcap", "writer.ts");
  const code = `import { openWriter } from ${JSON.stringify(writer)};
const w = await openWriter({ path: "-", format: "pcapng", interfaces: [{ name: "x", linktype: 1, snaplen: 65535, tsresolNs: 1000n }] });
for (let i = 0; i < 3000; i++) w.write({ ts: BigInt(i) * 1000n, caplen: 300, len: 300, linktype: 1, data: new Uint8Array(300).fill(i & 255), iface: 0 });
await w.close();`;
  const r = await run([process.execPath, "-e", code]);
  const path = join(dir, "stdout.pcapng");
  await Bun.write(path, r.stdout);
  const back = await readBack(path);
  expect(back.frames.length).toBe(3000);
  expect(back.frames[2999]!.data[0]).toBe(2999 & 255);
});
