// The reader and writer against the tcpdump corpus, with real tshark and tcpdump as the oracles.
//
// Every file is read without an exception escaping. The per-frame comparison with tshark runs on
// a fixed sample (every 2nd pcapng file, every 20th pcap, the files that once disagreed); set
// TSNET_FULL_CORPUS=1 to compare all 830 files (6 to 20 minutes on 2 cores, with the round trip on all of them).
import { afterAll, expect } from "bun:test";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ToolError } from "../../lib/cli/error.ts";
import { openCaptureFile } from "../../lib/pcap/read-capture.ts";
import { openWriter } from "../../lib/pcap/writer.ts";
import { needs, sharedDir } from "../support/needs.ts";
import { run } from "../support/proc.ts";
import { bytes, pcapFile } from "./build-files.ts";

const corpus = join(sharedDir, "captures", "tcpdump");
const tmp = mkdtempSync(join(tmpdir(), `tsnet-corpus-${process.pid}-`));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const files = (): string[] => readdirSync(corpus).filter((f) => /\.(pcap|pcapng|cap)(\.gz)?$/.test(f)).sort();

/** Files whose link type, pseudo-header or timestamp once made us disagree with tshark. */
const TRICKY = [
  "atm-heapoverflow.pcap", "atm-oam-heapoverflow.pcap", "atm-oam-loopback-print-overrun.pcap", "bootp_asan.pcap",
  "brcm-tag.pcap", "dsa.pcap", "edsa.pcap", "frf16_magic_ie-oobr.pcap", "hoobr_juniper.pcap", "hoobr_juniper3.pcap",
  "juniper_monitor_invalid_cookie_length.pcap", "rx_serviceid_oobr.pcap", "timestamp_invalid_nano.pcap",
  "timestamp_invalid_micro.pcap", "vtp_asan.pcap",
];

const FULL = process.env.TSNET_FULL_CORPUS === "1";

function sample(all: string[]): string[] {
  if (FULL) return all;
  const pcaps = all.filter((f) => !f.endsWith(".pcapng"));
  const pcapngs = all.filter((f) => f.endsWith(".pcapng"));
  return [...new Set([...pcapngs.filter((_, i) => i % 2 === 0), ...pcaps.filter((_, i) => i % 20 === 0), ...TRICKY.filter((f) => all.includes(f))])];
}

/** frame.time_epoch as tshark prints it, including its sign rule for wrapped nanoseconds. */
function epoch(sec: number, nsec: number): string {
  return `${sec < 0 || nsec < 0 ? "-" : ""}${Math.abs(sec)}.${String(Math.abs(nsec)).padStart(9, "0")}`;
}

interface Reading {
  lines: string[];
  /** the error lines as tshark prints them (without the "tshark: " prefix), or "" */
  error: string;
}

async function ours(path: string): Promise<Reading> {
  const lines: string[] = [];
  try {
    const f = await openCaptureFile(path);
    for await (const fr of f.frames) lines.push(`${epoch(fr.tsSec ?? 0, fr.tsNsec ?? 0)}\t${fr.len}\t${fr.caplen}`);
  } catch (e) {
    if (!(e instanceof ToolError)) throw new Error(`${path}: ${(e as Error).stack}`);
    return { lines, error: [e.message, ...e.extra].join("\n") };
  }
  return { lines, error: "" };
}

async function tshark(path: string): Promise<Reading> {
  const r = await run(["tshark", "-r", path, "-T", "fields", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len"], { timeoutMs: 60_000 });
  const error = r.stderr
    .split("\n")
    .filter((l) => l && !l.startsWith("Running as user"))
    .join("\n")
    .replace(/^tshark: /, "");
  return { lines: r.out.split("\n").filter(Boolean), error };
}

/** Run `fn` over `items` with two at a time (the machine has two cores). */
async function pairwise<T>(items: readonly T[], fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all([0, 1].map(async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

needs("shared").test("every corpus file is read without an exception escaping", async () => {
  const list = files();
  expect(list.length).toBeGreaterThan(800);
  for (const f of list) await ours(join(corpus, f));
}, 120_000);

needs("shared", "tool:tshark").test("frames, lengths, timestamps and errors agree with tshark", async () => {
  const mismatches: string[] = [];
  await pairwise(sample(files()), async (f) => {
    const path = join(corpus, f);
    const [a, b] = await Promise.all([ours(path), tshark(path)]);
    if (a.error !== b.error || a.lines.join("\n") !== b.lines.join("\n")) {
      const k = a.lines.findIndex((l, i) => l !== b.lines[i]);
      mismatches.push(`${f}: ours ${a.lines.length} frames [${a.error}], tshark ${b.lines.length} [${b.error}]${k >= 0 ? ` first: ${a.lines[k]} vs ${b.lines[k]}` : ""}`);
    }
  });
  expect(mismatches).toEqual([]);
}, FULL ? 3_600_000 : 900_000);

needs("tool:tshark").test("crafted damaged files: the same message as tshark", async () => {
  const rec = (i: number, size = 60) => ({ sec: 1_700_000_000 + i, frac: i, data: bytes(size, i) });
  const whole = pcapFile({ records: [rec(1), rec(2), rec(3)] });
  const cases: Record<string, Uint8Array> = {
    "cut-record.pcap": whole.subarray(0, whole.length - 7),
    "cut-header.pcap": whole.subarray(0, whole.length - 70),
    "short.pcap": whole.subarray(0, 10),
    "huge-record.pcap": pcapFile({ records: [rec(1), rec(2), rec(3), rec(4, 300000)] }),
    "unknown-linktype.pcap": pcapFile({ linktype: 4000, records: [rec(1)] }),
    "over-snaplen.pcap": pcapFile({ snaplen: 100, records: [rec(1), rec(2), rec(3), rec(4, 200)] }),
    "garbage.bin": bytes(300, 9),
    "sunatm-too-small.pcap": pcapFile({ linktype: 123, records: [rec(1), { ...rec(2), data: bytes(2) }] }),
    "irda-bad-protocol.pcap": pcapFile({ linktype: 144, records: [{ ...rec(1), data: Uint8Array.from({ length: 40 }, (_, i) => (i === 15 ? 0x17 : 0)) }, rec(2)] }),
    "ppp-dir-empty.pcap": pcapFile({ linktype: 204, records: [{ ...rec(1), data: new Uint8Array(0) }] }),
    "empty.pcap": new Uint8Array(0),
  };
  for (const [name, data] of Object.entries(cases)) {
    const path = join(tmp, name);
    writeFileSync(path, data);
    const [a, b] = await Promise.all([ours(path), tshark(path)]);
    expect({ name, ...a }).toEqual({ name, ...b });
  }
  const missing = join(tmp, "nosuch.pcap");
  expect((await ours(missing)).error).toBe((await tshark(missing)).error);
}, 60_000);

/** Read a corpus file with our reader and write it back out in `format`. */
async function rewrite(src: string, dst: string, format: "pcap" | "pcapng"): Promise<boolean> {
  const f = await openCaptureFile(src);
  if (format === "pcap" && new Set(f.interfaces.map((i) => i.linktype)).size > 1) return false;
  const w = await openWriter({ path: dst, format, interfaces: f.interfaces });
  try {
    for await (const fr of f.frames) w.write(fr);
  } catch (e) {
    if (!(e instanceof ToolError)) throw e;
  }
  await w.close();
  return true;
}

/**
 * Round trip: our copy must read like the original. Where the format cannot hold what the original
 * says (nanoseconds in a microsecond pcap, seconds past 2106, a damaged fraction), our copy must
 * read like the copy tshark itself writes (`tshark -r src -w copy -F format`).
 */
needs("shared", "tool:tshark", "tool:tcpdump").test("round trip: our pcap and pcapng output reads the same in tshark and tcpdump", async () => {
  const list = FULL ? files() : files().filter((f, i) => (f.endsWith(".pcapng") && i % 3 === 0) || i % 50 === 0);
  const mismatches: string[] = [];
  await pairwise(list, async (f) => {
    const src = join(corpus, f);
    const original = await tshark(src);
    if (original.error) return; // only files tshark reads cleanly
    for (const format of ["pcap", "pcapng"] as const) {
      const dst = join(tmp, `${f}.ours.${format}`);
      if (!(await rewrite(src, dst, format))) continue;
      const copy = await tshark(dst);
      let reference = src;
      if (copy.error || copy.lines.join("\n") !== original.lines.join("\n")) {
        reference = join(tmp, `${f}.tshark.${format}`);
        await run(["tshark", "-r", src, "-w", reference, "-F", format], { timeoutMs: 60_000 });
        const theirs = await tshark(reference);
        if (copy.error || copy.lines.join("\n") !== theirs.lines.join("\n")) mismatches.push(`${f} -> ${format}: ${copy.error}`);
      }
      if (format === "pcap" && !f.endsWith(".pcapng")) {
        const [x, y] = await Promise.all([run(["tcpdump", "-tt", "-n", "-r", reference]), run(["tcpdump", "-tt", "-n", "-r", dst])]);
        if (x.out !== y.out || x.code !== y.code) mismatches.push(`${f} -> pcap: tcpdump output differs`);
      }
    }
  });
  expect(mismatches).toEqual([]);
}, FULL ? 3_600_000 : 600_000);

/** Our reader on stdin, in a child process: frame lines as in `ours()`, then the error lines. */
async function oursOnStdin(data: Uint8Array): Promise<Reading> {
  const reader = join(import.meta.dir, "..", "..", "lib", "pcap", "read-capture.ts");
  const code = `import { openCaptureFile } from ${JSON.stringify(reader)};
const lines = []; let error = "";
try { const f = await openCaptureFile("-"); for await (const fr of f.frames) lines.push(fr.tsSec + "\\t" + fr.len); }
catch (e) { error = [e.message, ...(e.extra ?? [])].join("\\n"); }
console.log(JSON.stringify({ lines, error }));`;
  const r = await spawnWithInput([process.execPath, "-e", code], data);
  return JSON.parse(r.out) as Reading;
}

/**
 * Run with `data` as stdin, handed to Bun.spawn whole. (Writing it through a pipe as run() does
 * gets EPIPE from tshark -r -, which closes stdin before the writer has finished.)
 */
async function spawnWithInput(cmd: string[], data: Uint8Array): Promise<{ out: string; err: string }> {
  const p = Bun.spawn(cmd, { stdin: data, stdout: "pipe", stderr: "pipe" });
  const killer = setTimeout(() => p.kill("SIGKILL"), 60_000);
  const [out, err] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text()]);
  await p.exited;
  clearTimeout(killer);
  return { out, err };
}

needs("tool:tshark").test("-r - reads stdin: plain, gzip, and a cut file in tshark's words", async () => {
  const recs = Array.from({ length: 3000 }, (_, i) => ({ sec: 1_700_000_000 + i, frac: 0, data: bytes(400, i) }));
  const whole = pcapFile({ records: recs });
  for (const data of [whole, Bun.gzipSync(whole as Uint8Array<ArrayBuffer>), whole.subarray(0, whole.length - 100)]) {
    const a = await oursOnStdin(data);
    const t = await spawnWithInput(["tshark", "-r", "-", "-T", "fields", "-e", "frame.time_epoch", "-e", "frame.len"], data);
    const theirs = t.out.split("\n").filter(Boolean).map((l) => l.replace(/\.0+\t/, "\t"));
    const error = t.err.split("\n").filter((l) => l && !l.startsWith("Running as user")).join("\n").replace(/^tshark: /, "");
    expect(a).toEqual({ lines: theirs, error });
  }
}, 60_000);
