// Load-test results for people and scripts: requests/s, throughput, latency percentiles and a small terminal histogram.
import type { Colors } from "../cli/color.ts";

export interface BenchResult {
  readonly target: string;
  readonly transport: "tcp" | "udp";
  readonly connections: number;
  readonly size: number;
  readonly pipeline: number;
  readonly completed: number;
  readonly errors: number;
  /** UDP requests whose reply never came */
  readonly lost: number;
  readonly seconds: number;
  /** TCP connections opened in all: more than `connections` when the server closes after each reply */
  readonly connects: number;
  /** one entry per completed request, in milliseconds */
  readonly latenciesMs: Float64Array;
}

export interface Summary {
  readonly requestsPerSecond: number;
  readonly bytesPerSecond: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(r: BenchResult): Summary {
  const sorted = r.latenciesMs.slice().sort();
  const secs = r.seconds || 1e-9;
  return {
    requestsPerSecond: r.completed / secs,
    bytesPerSecond: (r.completed * r.size) / secs,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : 0,
  };
}

/** Histogram bucket upper edges in milliseconds (1-2-5 steps); the last bucket is open. */
const EDGES = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

const ms = (v: number) => (v < 1 ? `${(v * 1000).toFixed(0)} µs` : v < 100 ? `${v.toFixed(2)} ms` : `${v.toFixed(0)} ms`);

export function histogram(latencies: Float64Array, c: Colors, width = 40): string[] {
  const counts = new Array<number>(EDGES.length + 1).fill(0);
  for (const v of latencies) {
    let i = 0;
    while (i < EDGES.length && v >= EDGES[i]!) i++;
    counts[i]!++;
  }
  const first = counts.findIndex((n) => n > 0);
  if (first < 0) return [];
  const last = counts.length - 1 - [...counts].reverse().findIndex((n) => n > 0);
  const top = Math.max(...counts);
  const lines: string[] = [];
  for (let i = first; i <= last; i++) {
    const label = i < EDGES.length ? `< ${ms(EDGES[i]!)}` : `>= ${ms(EDGES[EDGES.length - 1]!)}`;
    const bar = "█".repeat(Math.round((counts[i]! / top) * width)) || (counts[i]! ? "▏" : "");
    lines.push(`    ${label.padStart(10)}  ${c.cyan(bar.padEnd(width))} ${counts[i]}`);
  }
  return lines;
}

export function renderText(r: BenchResult, c: Colors): string {
  const s = summarize(r);
  const mb = (s.bytesPerSecond / 1e6).toFixed(2);
  return [
    `echo-lab bench: ${r.target} over ${r.transport.toUpperCase()}, ${r.connections} connection${r.connections === 1 ? "" : "s"}, ${r.size}-byte requests, pipeline ${r.pipeline}`,
    `  requests     ${r.completed} in ${r.seconds.toFixed(2)} s (${r.errors} errors${r.transport === "udp" ? `, ${r.lost} lost` : ""})`,
    ...(r.connects > r.connections ? [`  connections  ${r.connects} opened: the server closed connections after replying, so bench connected again`] : []),
    `  requests/s   ${c.bold(s.requestsPerSecond.toFixed(0))}`,
    `  throughput   ${mb} MB/s each way`,
    `  latency      p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`,
    `  histogram`,
    ...histogram(r.latenciesMs, c),
  ].join("\n") + "\n";
}

export function renderJson(r: BenchResult): Record<string, unknown> {
  const s = summarize(r);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    target: r.target, transport: r.transport, connections: r.connections, size: r.size, pipeline: r.pipeline,
    requests: r.completed, errors: r.errors, lost: r.lost, connects: r.connects, seconds: round(r.seconds),
    requests_per_second: Math.round(s.requestsPerSecond), bytes_per_second: Math.round(s.bytesPerSecond),
    latency_ms: { p50: round(s.p50), p90: round(s.p90), p99: round(s.p99), max: round(s.max) },
  };
}
