// -z io,stat,INTERVAL[,COLUMN...]: frames, bytes and field calculations per time interval, in tshark's table.
//
// A column is "" (frames and bytes), a display filter, or CALC(field)[filter] with CALC one of FRAMES BYTES
// COUNT SUM MIN MAX AVG. The layout (widths, borders, the "Dur" row) follows tshark 4.0.17 as measured.
// Deliberate difference: tshark 4.0.17 prints 0 for most SUM/MIN/MAX/AVG/COUNT cells because the fields are
// missing from the tree it hands the tap; tsshark computes them.
import { sinceFirst } from "./since-first.ts";
import { ToolError } from "../cli/error.ts";
import { fieldByAbbrev } from "../dissect/registry.ts";
import type { Field } from "../dissect/field.ts";
import type { Packet } from "../dissect/tree.ts";
import type { CaptureSpan, FilterCompiler, PacketTest, Stat } from "./stat.ts";

type Calc = "FRAMES_AND_BYTES" | "FRAMES" | "BYTES" | "COUNT" | "SUM" | "MIN" | "MAX" | "AVG";
const CALCS: readonly Calc[] = ["FRAMES", "BYTES", "COUNT", "SUM", "MIN", "MAX", "AVG"];
const INTEGER_TYPES = /^FT_U?INT(8|16|24|32|40|48|56|64)$|^FT_FRAMENUM$/;

interface Column {
  readonly text: string;
  readonly calc: Calc;
  readonly field?: Field;
  readonly test?: PacketTest;
  /** per interval row */
  readonly cells: Cell[];
}

interface Cell {
  frames: number;
  /** bytes, count, or the running sum / min / max of integer (or time, in ns) values */
  value: bigint;
  /** how many values went into an AVG */
  num: number;
  /** whether MIN has seen a value yet */
  seen: boolean;
}

const newCell = (): Cell => ({ frames: 0, value: 0n, num: 0, seen: false });
const USEC = 1_000_000n;

function badArg(): ToolError {
  return new ToolError('invalid "-z io,stat,<interval>[,<filter>][,<filter>]..." argument', 1);
}

/** Parse "io,stat,..." after the prefix: the interval, then the columns. */
/** The io,stat statistic, plus what its charts need: one series per column, one value per interval. */
export interface IoStat extends Stat {
  series(span: CaptureSpan): IoSeries;
}

export interface IoSeries {
  /** interval start times in seconds */
  readonly starts: readonly number[];
  readonly intervalSecs: number;
  readonly columns: readonly { readonly title: string; readonly unit: string; readonly values: readonly number[] }[];
}

export function ioStat(rest: string, arg: string, compile?: FilterCompiler): IoStat {
  if (rest === "" || arg.endsWith(",")) throw badArg();
  const comma = rest.indexOf(",");
  const intervalText = comma < 0 ? rest : rest.slice(0, comma);
  const seconds = Number(intervalText);
  if (!/^\d*\.?\d+$|^\d+\.$/.test(intervalText) || !Number.isFinite(seconds)) throw badArg();
  /** the interval in microseconds; 0 means "the whole capture" */
  const interval = BigInt(Math.round(seconds * 1e6));
  // decimals shown: the interval's fraction of a second without trailing zeros (0.25 -> 2, 0.5 -> 1, 2 -> 0)
  const prec = (interval % USEC).toString().padStart(6, "0").replace(/0+$/, "").length;
  const specs = comma < 0 ? [""] : splitColumns(rest.slice(comma + 1));
  const columns = specs.map((s) => parseColumn(s, compile));
  const fields = columns.flatMap((c) => (c.field ? [c.field] : []));
  let filterFields: Field[] = [];
  for (const s of specs) if (compile && filterOf(s)) filterFields = filterFields.concat(compile(filterOf(s)).fields);

  return {
    arg, filter: "", fields: [...fields, ...filterFields], fullTree: false,
    packet(pkt: Packet) {
      const relUs = (sinceFirst(pkt) + 500n) / 1000n;
      const row = interval === 0n ? 0 : Number(relUs / interval);
      for (const c of columns) {
        if (c.test && !c.test(pkt)) continue;
        while (c.cells.length <= row) c.cells.push(newCell());
        fold(c, c.cells[row]!, pkt);
      }
    },
    report(span: CaptureSpan) {
      return drawTable(columns, interval, prec, span);
    },
    series(span: CaptureSpan): IoSeries {
      const durUs = span.firstTs < 0n ? 0n : (span.lastTs - span.firstTs + 500n) / 1000n;
      const step = interval === 0n || interval > durUs ? (durUs > 0n ? durUs : 1n) : interval;
      const rows = Math.max(1, Number(durUs / step) + (durUs % step > 0n ? 1 : 0));
      return {
        starts: Array.from({ length: rows }, (_, i) => (i * Number(step)) / 1e6),
        intervalSecs: Number(step) / 1e6,
        columns: columns.map((c) => ({
          title: c.text || "Frames",
          unit: c.calc === "FRAMES_AND_BYTES" || c.calc === "FRAMES" ? "frames" : c.calc.toLowerCase(),
          values: Array.from({ length: rows }, (_, i) => {
            const cell = c.cells[i];
            return c.calc === "FRAMES_AND_BYTES" || c.calc === "FRAMES" ? cell?.frames ?? 0 : Number(cellValue(c, cell));
          }),
        })),
      };
    },
  };
}

/** Columns are separated by commas outside parentheses. */
function splitColumns(s: string): string[] {
  const out: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "(") depth++;
    else if (s[i] === ")") depth--;
    else if (s[i] === "," && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** The display-filter part of a column spec ("CALC(field)filter" or plain "filter"). */
function filterOf(spec: string): string {
  const m = /^([A-Z]+)\(([^)]*)\)(.*)$/.exec(spec);
  if (m && (CALCS as readonly string[]).includes(m[1]!)) return m[3]!;
  return CALCS.includes(spec as Calc) ? "" : spec;
}

function parseColumn(spec: string, compile?: FilterCompiler): Column {
  let calc: Calc = "FRAMES_AND_BYTES";
  let field: Field | undefined;
  const m = /^([A-Z]+)(?:\(([^)]*)(\)?))?/.exec(spec);
  if (m && (CALCS as readonly string[]).includes(m[1]!) && (m[2] !== undefined || spec === m[1])) {
    calc = m[1] as Calc;
    if (m[2] !== undefined && m[3] !== ")") throw new ToolError("Closing parenthesis missing from calculated expression.", 10);
    const name = m[2] ?? "";
    if ((calc === "FRAMES" || calc === "BYTES") && name) throw new ToolError(`${calc} does not require or allow a field name within the parens.`, 10);
    if (calc !== "FRAMES" && calc !== "BYTES") {
      if (!name) throw new ToolError(`You didn't specify a field name for ${calc}(*).`, 10);
      field = fieldByAbbrev(name);
      if (!field) throw new ToolError(`There is no field named '${name}'.`, 10);
      const numeric = INTEGER_TYPES.test(field.type) || field.type === "FT_RELATIVE_TIME";
      if (calc !== "COUNT" && !numeric) throw new ToolError(`${name} doesn't have integral values, so ${calc}(*) calculations are not supported on it.`, 10);
    }
  }
  const filter = filterOf(spec);
  let test: PacketTest | undefined;
  if (filter) {
    if (!compile) throw new ToolError(`io,stat column filters need display filters: "${filter}"`, 1);
    test = compile(filter).test;
  }
  return { text: spec, calc, field, test, cells: [] };
}

function fold(c: Column, cell: Cell, pkt: Packet): void {
  cell.frames++;
  switch (c.calc) {
    case "FRAMES_AND_BYTES":
    case "FRAMES":
    case "BYTES":
      cell.value += BigInt(pkt.frame.len);
      return;
    case "COUNT":
      cell.value += BigInt(pkt.nodes(c.field!).length);
      return;
  }
  for (const n of pkt.nodes(c.field!)) {
    const v = typeof n.value === "bigint" ? n.value : BigInt(typeof n.value === "number" ? Math.trunc(n.value) : 0);
    if (c.calc === "SUM") cell.value += v;
    else if (c.calc === "AVG") {
      cell.value += v;
      cell.num++;
    } else if (c.calc === "MAX") {
      if (v > cell.value) cell.value = v;
    } else if (!cell.seen || v < cell.value) cell.value = v;
    cell.seen = true;
  }
}

/** The number shown in a cell (AVG divides; relative times stay in ns for their own format). */
function cellValue(c: Column, cell: Cell | undefined): bigint {
  if (!cell) return 0n;
  if (c.calc === "AVG") return cell.num ? cell.value / BigInt(cell.num) : 0n;
  return cell.value;
}

const isTime = (c: Column) => c.field?.type === "FT_RELATIVE_TIME" && c.calc !== "COUNT";

/** Digits of a whole number, at least one (tshark's magnitude()). */
function magnitude(v: bigint, max: number): number {
  let mag = 0;
  for (let i = 0; i < max; i++) {
    mag++;
    v /= 10n;
    if (v === 0n) break;
  }
  return mag;
}

/** A label centred in a column the way tshark's printcenter() does it. */
function centered(label: string, width: number): string {
  const spaces = "      ";
  const len = spaces.length - (Math.trunc((width - label.length) / 2) + 1);
  if (len > 0 && len < 6) {
    const pad = spaces.slice(len);
    return (width - label.length) % 2 === 0 ? `${pad}${label}${pad}|` : `${pad} ${label}${pad}|`;
  }
  return len > 0 && len <= 15 ? `${label}|` : "";
}

function drawTable(columns: readonly Column[], userInterval: bigint, userPrec: number, span: CaptureSpan): string {
  const durNs = span.firstTs < 0n ? 0n : span.lastTs - span.firstTs;
  let duration = (durNs + 500n) / 1000n;
  const whole = userInterval === 0n || userInterval > duration;
  let interval = whole ? duration : userInterval;

  let durMag = magnitude(duration / USEC, 5);
  const invlMag = magnitude(interval / USEC, 5);
  let prec: number;
  let borderlen: number;
  if (whole) {
    prec = durMag >= 2 ? 1 : durMag === 1 ? 3 : 6;
    borderlen = 30 + durMag + (prec === 0 ? 0 : prec + 1);
  } else {
    prec = userPrec;
    borderlen = 24 + invlMag + (prec === 0 ? 0 : prec + 1);
  }
  let dv = USEC;
  for (let i = 0; i < prec; i++) dv /= 10n;
  const durationExact = duration;
  duration += 5n * (dv / 10n);
  if (whole) interval = duration;
  durMag = magnitude(duration / USEC, 5);

  let invlColW = prec === 0 ? 2 * durMag + 8 : 2 * durMag + 2 * prec + 10;
  invlColW = Math.max(invlColW, 12);
  borderlen = Math.max(borderlen, invlColW);

  // each column's widths and cell format
  // one row per interval started before the (unrounded) end of the capture
  const numRows = whole || interval === 0n ? 1 : Number(durationExact / interval) + (durationExact % interval > 0n ? 1 : 0);
  let tabrowW = invlColW;
  const layout = columns.map((c) => {
    const rows = c.cells.slice(0, Math.max(numRows, 1));
    const maxFrames = rows.reduce((m, x) => Math.max(m, x.frames), 0);
    const maxVal = rows.reduce((m, x) => {
      const v = cellValue(c, x);
      return v > m ? v : m;
    }, 0n);
    if (c.calc === "FRAMES_AND_BYTES") {
      const fr = Math.max(6, magnitude(BigInt(maxFrames), 15));
      const val = Math.max(5, magnitude(maxVal, 15));
      tabrowW += fr + 3 + val + 3;
      return { fr, val };
    }
    if (c.calc === "FRAMES") {
      const fr = Math.max(6, magnitude(BigInt(maxFrames), 15));
      tabrowW += fr + 3;
      return { fr, val: 0 };
    }
    let val: number;
    if (isTime(c)) val = magnitude((maxVal + 500_000_000n) / 1_000_000_000n, 15) + 7;
    else val = Math.max(c.calc === "BYTES" || c.calc === "COUNT" ? 5 : c.calc.length, magnitude(maxVal, 15));
    tabrowW += val + 3;
    return { fr: 0, val };
  });
  borderlen = Math.max(borderlen, tabrowW);
  const secs0 = (us: bigint) =>
    prec === 0 ? String(us / USEC).padStart(durMag) : `${String(us / USEC).padStart(durMag)}.${String((us % USEC) / dv).padStart(prec, "0")}`;
  // the Duration and Interval lines must fit inside the border too
  const durationText = `| Duration: ${prec === 0 ? `${durationExact / USEC}.${String(durationExact % USEC).padStart(6, "0")}` : secs0(duration)} secs`;
  const intervalLine = `| Interval: ${secs0(interval)} secs`;
  borderlen = Math.max(borderlen, durationText.length + 1, intervalLine.length + 1);
  const maxFilterW = columns.reduce((m, c) => Math.max(m, c.text ? c.text.length + 11 : 26), 0);
  if (maxFilterW > borderlen && borderlen < 102) borderlen = Math.min(maxFilterW, 102);
  if (borderlen - tabrowW === 1) borderlen++;

  const line = (text: string) => `${text.padEnd(borderlen - 1)}|`;
  const filler = tabrowW < borderlen ? `${" ".repeat(borderlen - tabrowW - 1)}|` : "";
  const secs = (us: bigint, width: number) =>
    prec === 0
      ? String(us / USEC).padStart(width)
      : `${String(us / USEC).padStart(width)}.${String((us % USEC) / dv).padStart(prec, "0")}`;

  const out: string[] = ["", "=".repeat(borderlen), line("| IO Statistics"), line("|")];
  out.push(line(durationText), line(intervalLine), line("|"));
  columns.forEach((c, j) => out.push(line(`${j === 0 ? "| Col" : "|    "}${String(j + 1).padStart(2)}: ${c.text || "Frames and bytes"}`)));
  out.push(`|-${"-".repeat(borderlen - 3)}|`);

  let numbers = `|${" ".repeat(invlColW - 2)}|`;
  let labels = `${"| Interval".padEnd(invlColW - 1)}|`;
  columns.forEach((c, j) => {
    const w = layout[j]!;
    const width = c.calc === "FRAMES_AND_BYTES" ? w.fr + w.val + 3 : c.calc === "FRAMES" ? w.fr : w.val;
    numbers += `${String(j + 1).padEnd(2)}${" ".repeat(width)}|`;
    if (c.calc === "FRAMES_AND_BYTES") labels += centered("Frames", w.fr) + centered("Bytes", w.val);
    else labels += centered(c.calc, c.calc === "FRAMES" ? w.fr : w.val);
  });
  out.push(numbers + filler, labels + filler, `|-${"-".repeat(tabrowW - 3)}|${filler}`);

  for (let i = 0; i < numRows; i++) {
    const t = BigInt(i) * interval;
    const last = i === numRows - 1;
    let row: string;
    if (prec === 0) {
      const left = String(t / USEC).padStart(Math.max(durMag, 2));
      row = last ? `| ${left} <> Dur` : `| ${left} <> ${String((t + interval) / USEC).padStart(durMag)}`;
    } else {
      row = `| ${secs(t, durMag)} <> ${secs(last ? duration : t + interval, durMag)}`;
    }
    row = `${row.padEnd(invlColW - 1)}|`;
    columns.forEach((c, j) => {
      const w = layout[j]!;
      const cell = c.cells[i];
      const frames = cell?.frames ?? 0;
      if (c.calc === "FRAMES_AND_BYTES") row += ` ${String(frames).padStart(w.fr)} | ${String(cell?.value ?? 0n).padStart(w.val)} |`;
      else if (c.calc === "FRAMES") row += ` ${String(frames).padStart(w.fr)} |`;
      else if (isTime(c)) {
        const us = (cellValue(c, cell) + 500n) / 1000n;
        row += ` ${String(us / USEC).padStart(w.val - 7)}.${String(us % USEC).padStart(6, "0")} |`;
      } else row += ` ${String(cellValue(c, cell)).padStart(w.val)} |`;
    });
    out.push(row + filler);
  }
  out.push("=".repeat(borderlen));
  return out.join("\n") + "\n";
}
