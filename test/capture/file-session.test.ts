// openCapture on files: -c over frames and batches, stop(), -f refused with -r, counts in stats().
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openCapture } from "../../lib/capture/open.ts";
import { bytes, pcapFile } from "../pcap/build-files.ts";
import { needs } from "../support/needs.ts";
import { run } from "../support/proc.ts";

const dir = mkdtempSync(join(tmpdir(), `tsnet-session-${process.pid}-`));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, "many.pcap");
writeFileSync(path, pcapFile({ records: Array.from({ length: 30000 }, (_, i) => ({ sec: i, frac: 0, data: bytes(100, i) })) }));

test("-c counts frames read, frame by frame", async () => {
  const s = await openCapture({ read: path, count: 12345 });
  let n = 0;
  for await (const _ of s.frames) n++;
  expect(n).toBe(12345);
  expect(s.stats()).toEqual({ captured: 12345, dropped: 0, ifDropped: 0 });
});

test("-c cuts the last batch; -a packets is the same limit", async () => {
  for (const o of [{ count: 20001 }, { autostop: { packets: 20001 } }, { count: 50000, autostop: { packets: 20001 } }]) {
    const s = await openCapture({ read: path, ...o });
    let n = 0;
    let last = -1;
    for await (const batch of s.batches) {
      n += batch.length;
      last = batch[batch.length - 1]!.tsSec!;
    }
    expect([n, last]).toEqual([20001, 20000]);
  }
});

test("stop() ends the iteration after the current frame", async () => {
  const s = await openCapture({ read: path });
  let n = 0;
  for await (const _ of s.frames) if (++n === 100) s.stop();
  expect(n).toBe(100);
});

test("without -c every frame comes, and the session reports the interface", async () => {
  const s = await openCapture({ read: path });
  let n = 0;
  for await (const b of s.batches) n += b.length;
  expect(n).toBe(30000);
  expect(s.live).toBe(false);
  expect(s.interfaces.map((i) => [i.linktype, i.snaplen, i.tsresolNs])).toEqual([[1, 65535, 1000n]]);
});

needs("tool:tshark").test("a capture filter with -r is refused as tshark refuses it", async () => {
  const e = await openCapture({ read: path, captureFilter: "tcp" }).catch((x) => x);
  const t = await run(["tshark", "-r", path, "-f", "tcp"]);
  const theirs = t.stderr.split("\n").filter((l) => l.startsWith("tshark: "));
  expect([`tshark: ${e.message}`, e.exitCode]).toEqual([theirs[0], t.code]);
}, 20_000);
