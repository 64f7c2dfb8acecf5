// Everything tsshark computes across packets for -z, --ladder and the io,stat charts, behind one fold.
import { writeFileSync } from "node:fs";
import { ToolError } from "../cli/error.ts";
import type { Colors } from "../cli/color.ts";
import type { Field } from "../dissect/field.ts";
import type { Packet } from "../dissect/tree.ts";
import type { CaptureSpan, FilterCompiler, PacketTest, Stat } from "./stat.ts";
import { parseStatArg } from "./registry.ts";
import type { IoStat } from "./io-stat.ts";
import { ladderStat } from "./ladder.ts";
import { ioChartSvg, ioChartText } from "./io-chart.ts";

export interface StatRunOptions {
  /** every -z argument, in the order given */
  readonly z: readonly string[];
  /** --ladder: true for every TCP stream, a number for one */
  readonly ladder?: true | number;
  /** draw io,stat tables as bar charts too (--chart, or stdout is a terminal) */
  readonly chart: boolean;
  /** --chart-svg FILE */
  readonly chartSvg?: string;
  readonly compile: FilterCompiler;
  /** the Time column's digits for a packet (6 for microsecond captures, 9 for nanosecond ones) */
  readonly timeDigits: (pkt: Packet) => number;
  readonly color: Colors;
}

export interface StatRun {
  /** fields the statistics read: the engine must build their nodes */
  readonly fields: readonly Field[];
  readonly fullTree: boolean;
  /** some statistic reads the summary columns */
  readonly columns: boolean;
  readonly empty: boolean;
  /** fold one packet into every statistic whose own filter it passes */
  packet(pkt: Packet): void;
  /** the text printed after the packets (tshark prints -z reports last first) */
  finish(span: CaptureSpan): string;
}

const isIoStat = (s: Stat): s is IoStat => "series" in s;

export function statRun(o: StatRunOptions): StatRun {
  const stats: Stat[] = o.z.map((z) => parseStatArg(z, { compile: o.compile, timeDigits: o.timeDigits }));
  const tests: (PacketTest | null)[] = stats.map((s) => (s.filter ? o.compile(s.filter).test : null));
  const filterFields = stats.flatMap((s) => (s.filter ? o.compile(s.filter).fields : []));
  const ladder = o.ladder === undefined ? undefined : ladderStat(o.ladder === true ? undefined : o.ladder, o.color);
  if (o.chartSvg && !stats.some(isIoStat)) throw new ToolError("--chart-svg draws an io,stat table: give -z io,stat,INTERVAL as well", 1);
  const all = ladder ? [...stats, ladder] : stats;
  return {
    fields: [...all.flatMap((s) => s.fields), ...filterFields],
    fullTree: all.some((s) => s.fullTree),
    columns: all.some((s) => s.columns === true),
    empty: all.length === 0,
    packet(pkt) {
      for (let i = 0; i < stats.length; i++) {
        const t = tests[i];
        if (t === null || t!(pkt)) stats[i]!.packet(pkt);
      }
      ladder?.packet(pkt);
    },
    finish(span) {
      let out = "";
      for (const s of [...stats].reverse()) {
        out += s.report(span);
        if (isIoStat(s) && o.chart) out += ioChartText(s.series(span), o.color);
      }
      const io = stats.find(isIoStat);
      if (o.chartSvg && io) writeFileSync(o.chartSvg, ioChartSvg(io.series(span), `IO statistics: ${io.arg}`));
      if (ladder) out += ladder.report(span);
      return out;
    },
  };
}
