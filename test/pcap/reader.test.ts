// The streaming pcap/pcapng/gzip reader on crafted files: formats, byte orders, resolutions, damage, chunk edges.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ToolError } from "../../lib/cli/error.ts";
import type { Frame } from "../../lib/pcap/frame.ts";
import { openCaptureFile } from "../../lib/pcap/read-capture.ts";
import { bytes, concat, epb, idb, isb, nrb, pcapFile, shb, spb } from "./build-files.ts";

const dir = mkdtempSync(join(tmpdir(), `tsnet-pcap-${process.pid}-`));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(data: Uint8Array, ext = "pcap"): string {
  const p = join(dir, `f${n++}.${ext}`);
  writeFileSync(p, data);
  return p;
}

async function readAll(path: string): Promise<{ frames: Frame[]; error?: ToolError; ifaces: number; format: string }> {
  const f = await openCaptureFile(path);
  const frames: Frame[] = [];
  try {
    for await (const fr of f.frames) frames.push(fr);
  } catch (e) {
    if (!(e instanceof ToolError)) throw e;
    return { frames, error: e, ifaces: f.interfaces.length, format: f.format };
  }
  return { frames, ifaces: f.interfaces.length, format: f.format };
}

const rec = (i: number, size = 60) => ({ sec: 1_700_000_000 + i, frac: i * 7, data: bytes(size, i) });

describe("classic pcap", () => {
  for (const littleEndian of [true, false]) {
    for (const nano of [false, true]) {
      test(`${littleEndian ? "little" : "big"}-endian, ${nano ? "nanosecond" : "microsecond"} timestamps`, async () => {
        const recs = [rec(1), rec(2, 1514), rec(3, 0)];
        const { frames, format } = await readAll(file(pcapFile({ littleEndian, nano, linktype: 113, records: recs })));
        expect(format).toBe("pcap");
        expect(frames.map((f) => [f.ts, f.caplen, f.len, f.linktype, f.iface])).toEqual(
          recs.map((r) => [BigInt(r.sec) * 1_000_000_000n + BigInt(r.frac * (nano ? 1 : 1000)), r.data.length, r.data.length, 113, 0]),
        );
        expect(frames[1]!.data).toEqual(recs[1]!.data);
      });
    }
  }

  test("a record longer than the header's snaplen is still delivered (as tshark does)", async () => {
    const { frames, error } = await readAll(file(pcapFile({ snaplen: 100, records: [rec(1), rec(2), rec(3), rec(4, 200)] })));
    expect(error).toBeUndefined();
    expect(frames.map((f) => f.caplen)).toEqual([60, 60, 60, 200]);
  });

  test("len below caplen is kept as the file says", async () => {
    const { frames } = await readAll(file(pcapFile({ records: [{ ...rec(1), len: 40 }] })));
    expect([frames[0]!.caplen, frames[0]!.len]).toEqual([60, 40]);
  });

  test("a cut record: every frame before it, then tshark's message", async () => {
    const whole = pcapFile({ records: [rec(1), rec(2), rec(3)] });
    for (const cut of [whole.length - 1, whole.length - 60, whole.length - 70]) {
      const p = file(whole.subarray(0, cut));
      const { frames, error } = await readAll(p);
      expect(frames.length).toBe(2);
      expect(error?.message).toBe(`The file "${p}" appears to have been cut short in the middle of a packet.`);
      expect(error?.exitCode).toBe(2);
    }
  });

  test("a header cut short", async () => {
    const p = file(pcapFile({ records: [] }).subarray(0, 10));
    await expect(openCaptureFile(p)).rejects.toThrow(`The file "${p}" appears to have been cut short in the middle of a packet or other data.`);
  });

  test("a record over 262144 bytes is a damaged file", async () => {
    const p = file(pcapFile({ records: [rec(1), rec(2, 300000)] }));
    const { frames, error } = await readAll(p);
    expect(frames.length).toBe(1);
    expect(error?.message).toBe(`The file "${p}" appears to be damaged or corrupt.`);
    expect(error?.extra).toEqual(["(pcap: File has 300000-byte packet, bigger than maximum of 262144)"]);
  });

  test("unknown link type", async () => {
    const p = file(pcapFile({ linktype: 4000, records: [rec(1)] }));
    const e = await openCaptureFile(p).catch((x) => x);
    expect(e.message).toBe(`The file "${p}" contains record data that TShark doesn't support.`);
    expect(e.extra).toEqual(["(pcap: network type 4000 unknown or unsupported)"]);
  });

  test("FCS bits in the link-type word are masked off", async () => {
    const { frames } = await readAll(file(pcapFile({ linktype: 0x04000001, records: [rec(1)] })));
    expect(frames[0]!.linktype).toBe(1);
  });

  test("SunATM pseudo-header is moved out of the packet bytes and lengths", async () => {
    const { frames } = await readAll(file(pcapFile({ linktype: 123, records: [rec(1, 60)] })));
    expect([frames[0]!.caplen, frames[0]!.len, frames[0]!.pseudoHeader?.length]).toEqual([56, 56, 4]);
  });

  test("records straddle 1 MiB chunk boundaries without loss", async () => {
    const recs = Array.from({ length: 3000 }, (_, i) => rec(i, 1 + ((i * 977) % 1500)));
    const { frames } = await readAll(file(pcapFile({ records: recs })));
    expect(frames.length).toBe(recs.length);
    for (let i = 0; i < recs.length; i++) {
      if (frames[i]!.caplen !== recs[i]!.data.length || !Bun.deepEquals(frames[i]!.data, recs[i]!.data)) throw new Error(`frame ${i} differs`);
    }
  });

  test("gzip-compressed files are read transparently", async () => {
    const recs = Array.from({ length: 2000 }, (_, i) => rec(i, 700));
    const { frames } = await readAll(file(gzipSync(pcapFile({ records: recs })), "pcap.gz"));
    expect(frames.length).toBe(2000);
    expect(frames[1999]!.data).toEqual(recs[1999]!.data);
  });
});

describe("files that are not captures", () => {
  test("missing file", async () => {
    await expect(openCaptureFile(join(dir, "nosuch.pcap"))).rejects.toThrow(`The file "${join(dir, "nosuch.pcap")}" doesn't exist.`);
  });
  test("directory", async () => {
    await expect(openCaptureFile(dir)).rejects.toThrow(`"${dir}" is a directory (folder), not a file.`);
  });
  test("random bytes", async () => {
    const p = file(bytes(200, 3));
    const e = await openCaptureFile(p).catch((x) => x);
    expect([e.message, e.exitCode]).toEqual([`The file "${p}" isn't a capture file in a format TShark understands.`, 2]);
  });
  test("an empty file has no frames and no error", async () => {
    const { frames, error } = await readAll(file(new Uint8Array(0)));
    expect([frames.length, error]).toEqual([0, undefined]);
  });
});

describe("pcapng", () => {
  for (const le of [true, false]) {
    test(`${le ? "little" : "big"}-endian: interfaces, EPB, SPB, comments, ISB and NRB skipped`, async () => {
      const data = concat(
        shb(le),
        idb(le, 1, { name: "eth0" }),
        nrb(le),
        idb(le, 101, { name: "tun0", tsresol: 9 }),
        epb(le, 0, 1_700_000_000_123_456n, bytes(60), "first"),
        epb(le, 1, 1_700_000_000_123_456_789n, bytes(33)),
        isb(le, 0, 7n),
        spb(le, bytes(42)),
      );
      const f = await openCaptureFile(file(data, "pcapng"));
      const frames: Frame[] = [];
      for await (const fr of f.frames) frames.push(fr);
      expect(frames.map((x) => [x.iface, x.linktype, x.caplen, x.ts, x.comments])).toEqual([
        [0, 1, 60, 1_700_000_000_123_456_000n, ["first"]],
        [1, 101, 33, 1_700_000_000_123_456_789n, undefined],
        [0, 1, 42, 0n, undefined],
      ]);
      expect(f.interfaces.map((i) => [i.name, i.linktype, i.tsresolNs, i.tsDigits])).toEqual([["eth0", 1, 1000n, 6], ["tun0", 101, 1n, 9]]);
      expect(f.counters.ifDropped).toBe(7);
    });
  }

  test("several sections, byte order changing between them; interface ids restart per section", async () => {
    const data = concat(
      shb(true), idb(true, 1), epb(true, 0, 1_000_000n, bytes(10)),
      shb(false), idb(false, 113), idb(false, 1), epb(false, 1, 2_000_000n, bytes(20)), epb(false, 0, 3_000_000n, bytes(30)),
    );
    const f = await openCaptureFile(file(data, "pcapng"));
    const got: [number | undefined, number, number][] = [];
    for await (const fr of f.frames) got.push([fr.iface, fr.linktype, fr.caplen]);
    expect(got).toEqual([[0, 1, 10], [2, 1, 20], [1, 113, 30]]);
    expect(f.interfaces.length).toBe(3);
  });

  test("binary timestamp resolution (2^-20)", async () => {
    const f = await openCaptureFile(file(concat(shb(true), idb(true, 1, { tsresol: 0x80 | 20 }), epb(true, 0, (5n << 20n) + (1n << 19n), bytes(8))), "pcapng"));
    for await (const fr of f.frames) expect(fr.ts).toBe(5_500_000_000n);
  });

  test("a packet block naming an interface that does not exist", async () => {
    const p = file(concat(shb(true), idb(true, 1), epb(true, 3, 0n, bytes(8))), "pcapng");
    const { error } = await readAll(p);
    expect(error?.message).toBe(`The file "${p}" appears to be damaged or corrupt.`);
    expect(error?.extra).toEqual(["(pcapng: interface index 3 is not less than section interface count 1)"]);
  });

  test("a cut block keeps the packets before it", async () => {
    const whole = concat(shb(true), idb(true, 1), epb(true, 0, 0n, bytes(60)), epb(true, 0, 0n, bytes(60)));
    const p = file(whole.subarray(0, whole.length - 5), "pcapng");
    const { frames, error } = await readAll(p);
    expect(frames.length).toBe(1);
    expect(error?.message).toBe(`The file "${p}" appears to have been cut short in the middle of a packet.`);
  });

  test("blocks straddle chunk boundaries", async () => {
    const blocks = Array.from({ length: 2500 }, (_, i) => epb(true, 0, BigInt(i), bytes(1 + ((i * 389) % 1600), i)));
    const f = await openCaptureFile(file(concat(shb(true), idb(true, 1), ...blocks), "pcapng"));
    let i = 0;
    for await (const fr of f.frames) {
      if (fr.caplen !== 1 + ((i * 389) % 1600) || fr.data[0] !== (i & 0xff)) throw new Error(`frame ${i} differs`);
      i++;
    }
    expect(i).toBe(2500);
  });
});
