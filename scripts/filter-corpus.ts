// Display filters against real tshark on capture files: find fields both decode alike, generate filters from their
// values, and compare match counts (ours with lib/filter over the engine, tshark's with -z io,stat / -Y).
// Usage: bun scripts/filter-corpus.ts [--limit N] [FILE ...]   (default: every file of tcpdump-core.txt)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { allFields, type Field } from "../lib/dissect/field.ts";
import { dissectFrame } from "../lib/dissect/engine.ts";
import { newTables, fieldByAbbrev } from "../lib/dissect/registry.ts";
import { Session } from "../lib/dissect/session.ts";
import type { Packet } from "../lib/dissect/tree.ts";
import { compileDisplayFilter } from "../lib/filter/compile.ts";
import { classOf } from "../lib/filter/value-class.ts";
import { DEFAULT_FIELDS_OPTIONS, fieldsLine } from "../lib/format/fields.ts";
import { openCaptureFile } from "../lib/pcap/read-capture.ts";

const SHARED = process.env.TSNET_SHARED ?? "/work/shared";
export const CORPUS = join(SHARED, "captures", "tcpdump");

async function sh(cmd: string[]): Promise<string> {
  const p = Bun.spawn(cmd, { stdout: "pipe", stderr: "pipe", env: { ...process.env, TZ: "UTC" } });
  const out = await new Response(p.stdout).text();
  await p.exited;
  return out;
}

let tsharkNames: Set<string> | undefined;
/** Every field and protocol name tshark knows (tshark -G fields). */
async function knownToTshark(): Promise<Set<string>> {
  if (!tsharkNames) {
    tsharkNames = new Set();
    for (const line of (await sh(["tshark", "-G", "fields"])).split("\n")) {
      const c = line.split("\t");
      if ((c[0] === "F" || c[0] === "P") && c[2]) tsharkNames.add(c[2]);
    }
  }
  return tsharkNames;
}

/** The packets of a file, dissected with the whole tree. */
export async function dissectAll(file: string): Promise<Packet[]> {
  const session = new Session({ tables: newTables() });
  const cap = await openCaptureFile(file);
  const out: Packet[] = [];
  let n = 0;
  for await (const frame of cap.frames) out.push(dissectFrame(session, frame, ++n, { full: true, want: null, columns: false }));
  cap.close();
  return out;
}

export interface Agreement {
  /** fields both decode identically in every packet, with tshark's texts per packet */
  readonly agree: Map<Field, string[]>;
  /** fields present in our tree whose -T fields text differs from tshark's */
  readonly disagree: string[];
}

/** Compare `-T fields` of every field our engine shows in the file against tshark's. */
export async function fieldAgreement(file: string, pkts: readonly Packet[]): Promise<Agreement> {
  const known = await knownToTshark();
  const present = new Set<number>();
  for (const p of pkts) for (const id of p.index.keys()) present.add(id);
  const fields = [...present].map((id) => allFields[id]!).filter((f) => f && f.abbrev && known.has(f.abbrev) && f.type !== "FT_PROTOCOL");
  const agree = new Map<Field, string[]>();
  const disagree: string[] = [];
  for (let i = 0; i < fields.length; i += 150) {
    const chunk = fields.slice(i, i + 150);
    const args = ["tshark", "-r", file, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,", "-E", "separator=/t"];
    for (const f of chunk) args.push("-e", f.abbrev);
    const lines = (await sh(args)).split("\n");
    chunk.forEach((f, k) => {
      const texts: string[] = [];
      let same = true;
      pkts.forEach((p, n) => {
        const theirs = (lines[n] ?? "").split("\t")[k] ?? "";
        const mine = fieldsLine(p, [{ name: f.abbrev, field: f }], DEFAULT_FIELDS_OPTIONS);
        if (theirs !== mine) same = false;
        texts.push(theirs);
      });
      if (same) agree.set(f, texts);
      else disagree.push(f.abbrev);
    });
  }
  return { agree, disagree };
}

function quote(s: string): string {
  return '"' + s.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
}

/** Filters for one field from the values tshark showed for it. */
function filtersFor(f: Field, texts: readonly string[]): string[] {
  const name = f.abbrev;
  const cls = classOf(f.type);
  const seen = texts.filter(Boolean);
  const out = [name, `!${name}`];
  if (!seen.length || cls === "none" || cls === "float" || cls === "abstime") return out;
  // long payloads make huge command lines (io,stat takes one argument); their slices and length still get tested
  const values = [...new Set(seen.flatMap((t) => t.split(",")))].filter((x) => x && x.length <= 96);
  if (!values.length) return [...out, `len(${name}) > 0`];
  const v = values[0]!, w = values[values.length - 1]!;
  const occurrences = seen[0]!.split(",").length;
  out.push(`count(${name}) == ${occurrences}`);
  if (cls === "string") {
    if (values.some((x) => /[\\"\t]/.test(x))) return out;
    const part = v.slice(0, Math.max(1, Math.floor(v.length / 2)));
    out.push(`${name} == ${quote(v)}`, `${name} != ${quote(v)}`, `${name} contains ${quote(part)}`, `${name} > ${quote(v)}`,
      `lower(${name}) == ${quote(v.toLowerCase())}`, `upper(${name}) contains ${quote(part.toUpperCase())}`, `len(${name}) >= ${v.length}`);
    if (/^[A-Za-z0-9 ]+$/.test(part)) out.push(`${name} matches ${quote("^" + part)}`, `${name} ~ ${quote(part.toUpperCase())}`);
    return out;
  }
  if (f.type === "FT_BOOLEAN") {
    out.push(`${name} == 1`, `${name} == 0`, `${name} != 1`, `${name} === 1`, `${name} == True`);
    return out;
  }
  out.push(`${name} == ${v}`, `${name} != ${v}`, `${name} === ${v}`, `${name} ~= ${v}`, `all ${name} == ${v}`, `any ${name} != ${v}`, `!(${name} == ${v})`);
  out.push(`${name} == ${w}`, `${name} > ${v}`, `${name} >= ${w}`, `${name} < ${w}`, `${name} <= ${v}`);
  if (values.length > 1) out.push(`${name} in {${v}, ${w}}`, `${name} not in {${v}}`);
  if (cls === "int") {
    out.push(`${name} & 1`, `${name} + 1 > ${w}`, `${name} in {0..${w}}`, `string(${name}) contains "1"`, `abs(${name}) >= 0`);
    if (f.type !== "FT_FRAMENUM") out.push(`${name} * 2 >= ${v}`);
  }
  if (cls === "ipv4") out.push(`${name} == ${v.replace(/\.\d+$/, ".0")}/24`, `${name}[0] == ${Number(v.split(".")[0]).toString(16).padStart(2, "0")}`);
  if (cls === "bytes" || cls === "ipv6") {
    const hex = cls === "bytes" && f.type !== "FT_ETHER" ? v : "";
    if (hex && hex.length >= 2 && /^[0-9a-f]+$/.test(hex)) {
      out.push(`${name}[0:1] == ${hex.slice(0, 2)}`, `${name}[-1] == ${hex.slice(-2)}`, `${name} contains ${hex.slice(0, 2)}`, `len(${name}) == ${hex.length / 2}`);
    }
    if (f.type === "FT_ETHER") out.push(`${name}[0:3] == ${v.slice(0, 8)}`, `${name} contains ${v.slice(3, 8)}`, `${name}[1] & 0x02`);
  }
  return out;
}

/** Filters for a file: per agreeing field, per protocol, and logical combinations of them. */
export function generateFilters(a: Agreement, pkts: readonly Packet[], limit = Infinity): string[] {
  const out: string[] = [];
  // protocol filters only when both decode the same protocol stack (frame.protocols agrees)
  const protos = new Set<string>();
  const stackAgrees = [...a.agree.keys()].some((f) => f.abbrev === "frame.protocols");
  if (stackAgrees) for (const p of pkts) for (const l of p.layers) if (fieldByAbbrev(l)?.type === "FT_PROTOCOL") protos.add(l);
  for (const p of protos) out.push(p, `not ${p}`, `count(${p}) == 1`, `len(${p}) > 20`, `${p}[0] == 45`, `${p} contains 00:00`, `${p} matches "\\x00\\x00"`);
  const fields = [...a.agree.keys()];
  for (const f of fields) out.push(...filtersFor(f, a.agree.get(f)!));
  for (let i = 0; i + 1 < fields.length && i < 40; i += 3) {
    const x = fields[i]!.abbrev, y = fields[i + 1]!.abbrev;
    out.push(`${x} && ${y}`, `${x} and not ${y}`, `${x} || !${y}`, `!(${x} or ${y})`);
  }
  if (out.length <= limit) return out;
  // an even sample over the whole list, so a limit still covers every kind of filter and field
  const step = out.length / limit;
  return Array.from({ length: limit }, (_, i) => out[Math.floor(i * step)]!);
}

/** Our count of matching packets (null when our compiler rejects the filter: that is a mismatch too). */
export function ourCount(pkts: readonly Packet[], filter: string): number | string {
  try {
    const f = compileDisplayFilter(filter);
    return pkts.filter((p) => f.test(p)).length;
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

/** tshark's count for one filter with -Y ("tshark error" when it rejects the filter). */
async function tsharkCountOne(file: string, filter: string): Promise<number | string> {
  const p = Bun.spawn(["tshark", "-r", file, "-Y", filter, "-T", "fields", "-e", "frame.number"], { stdout: "pipe", stderr: "pipe" });
  const out = await new Response(p.stdout).text();
  return (await p.exited) === 0 ? out.split("\n").filter(Boolean).length : "tshark error";
}

/** Run `jobs` at most `width` at a time. */
async function inBatches<T>(items: readonly T[], width: number, job: (x: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(job));
}

/**
 * tshark's counts: filters without commas go through one -z io,stat run per 80 (it prints no row for a file
 * whose frames have no usable time span; those then fall back to -Y), the others one -Y run each.
 */
export async function tsharkCounts(file: string, filters: readonly string[]): Promise<Map<string, number | string>> {
  const res = new Map<string, number | string>();
  const single: string[] = filters.filter((f) => f.includes(","));
  const plain = filters.filter((f) => !f.includes(","));
  for (let i = 0; i < plain.length; ) {
    // at most 80 columns and 60 kB per run: Linux refuses a single argument over 128 kB
    const chunk: string[] = [plain[i++]!];
    let size = chunk[0]!.length;
    while (i < plain.length && chunk.length < 80 && size + plain[i]!.length < 60_000) {
      size += plain[i]!.length + 1;
      chunk.push(plain[i++]!);
    }
    const text = await sh(["tshark", "-r", file, "-q", "-z", `io,stat,0,${chunk.join(",")}`]);
    const row = text.split("\n").find((l) => /^\|\s*[\d.]+\s*<>/.test(l));
    if (!row) {
      single.push(...chunk);
      continue;
    }
    const cells = row.split("|").slice(2, -1).map((c) => c.trim());
    chunk.forEach((f, k) => res.set(f, Number(cells[2 * k])));
  }
  await inBatches(single, 4, async (f) => void res.set(f, await tsharkCountOne(file, f)));
  return res;
}

export interface FileReport {
  readonly file: string;
  readonly filters: number;
  readonly mismatches: string[];
  readonly disagree: string[];
}

/** Everything for one file. */
export async function compareFile(file: string, limit = Infinity): Promise<FileReport> {
  const pkts = await dissectAll(file);
  const a = await fieldAgreement(file, pkts);
  const filters = generateFilters(a, pkts, limit);
  const theirs = await tsharkCounts(file, filters);
  const mismatches: string[] = [];
  for (const f of filters) {
    const t = theirs.get(f), o = ourCount(pkts, f);
    const bothReject = t === "tshark error" && typeof o === "string";
    if (t !== o && !bothReject) mismatches.push(`${f}: tshark ${t}, ours ${o}`);
  }
  return { file, filters: filters.length, mismatches, disagree: a.disagree };
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const li = args.indexOf("--limit");
  const limit = li >= 0 ? Number(args.splice(li, 2)[1]) : Infinity;
  const files = args.length ? args : readFileSync(join(SHARED, "captures", "tcpdump-core.txt"), "utf8").split("\n").filter(Boolean).map((f) => join(CORPUS, f));
  let total = 0, bad = 0;
  const disagree = new Map<string, number>();
  for (const file of files) {
    const r = await compareFile(file, limit);
    total += r.filters;
    bad += r.mismatches.length;
    for (const d of r.disagree) disagree.set(d, (disagree.get(d) ?? 0) + 1);
    for (const m of r.mismatches) console.log(`${file.split("/").pop()}: ${m}`);
  }
  console.log(`fields skipped (engine and tshark print them differently): ${[...disagree.keys()].sort().join(" ") || "none"}`);
  console.log(`${files.length} files, ${total} filters, ${total - bad} agree, ${bad} differ`);
}
