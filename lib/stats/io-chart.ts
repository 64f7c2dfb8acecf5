// io,stat drawn as a picture: a terminal bar chart in Unicode blocks (--chart) and an SVG file for lab reports (--chart-svg).
import type { IoSeries } from "./io-stat.ts";
import type { Colors } from "../cli/color.ts";

const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
const BAR_WIDTH = 50;

/** A bar of `value / max` of the full width, in eighths of a character cell. */
function bar(value: number, max: number): string {
  if (max <= 0 || value <= 0) return "";
  const eighths = Math.max(1, Math.round((value / max) * BAR_WIDTH * 8));
  return "█".repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

function startLabel(s: number, step: number): string {
  const decimals = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
  return s.toFixed(decimals);
}

/** One block of bars per column, one bar per interval, each labelled with its start time and value. */
export function ioChartText(series: IoSeries, c: Colors): string {
  const out: string[] = [];
  const palette = [c.cyan, c.green, c.yellow, c.magenta, c.blue];
  const labels = series.starts.map((s) => startLabel(s, series.intervalSecs));
  const width = Math.max(...labels.map((l) => l.length));
  series.columns.forEach((col, j) => {
    const max = Math.max(0, ...col.values);
    out.push("", c.bold(`Col ${j + 1}: ${col.title} (${col.unit} per ${series.intervalSecs} s interval)`));
    col.values.forEach((v, i) => out.push(`${labels[i]!.padStart(width)} s │${palette[j % palette.length]!(bar(v, max))} ${v}`));
  });
  return out.join("\n") + "\n";
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const FILLS = ["#2b7bb9", "#3fa34d", "#e0a100", "#b5489c", "#d1495b"];

/** The same chart as a standalone SVG document: grouped bars per interval, axis labels and a legend. */
export function ioChartSvg(series: IoSeries, title: string): string {
  const n = series.starts.length;
  const groups = series.columns.length;
  const left = 60, top = 40, plotH = 260, bottom = 50;
  const slot = Math.max(6, Math.min(40, Math.floor(900 / Math.max(n, 1))));
  const plotW = slot * n;
  const width = left + plotW + 30, height = top + plotH + bottom + 20 * groups;
  const max = Math.max(1, ...series.columns.flatMap((c) => c.values));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="black"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="black"/>`,
  ];
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${Number.isInteger(v) ? v : v.toFixed(1)}</text>`);
    parts.push(`<line x1="${left}" y1="${y(v)}" x2="${left + plotW}" y2="${y(v)}" stroke="#ddd"/>`);
  }
  const barW = Math.max(1, (slot - 2) / groups);
  series.columns.forEach((col, j) => {
    col.values.forEach((v, i) => {
      if (v <= 0) return;
      const x = left + i * slot + 1 + j * barW;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(top + plotH - y(v)).toFixed(1)}" fill="${FILLS[j % FILLS.length]}"><title>${esc(`${col.title}: ${v} at ${series.starts[i]} s`)}</title></rect>`);
    });
    parts.push(`<rect x="${left}" y="${top + plotH + bottom - 10 + 20 * j}" width="10" height="10" fill="${FILLS[j % FILLS.length]}"/>`);
    parts.push(`<text x="${left + 16}" y="${top + plotH + bottom + 20 * j}">${esc(`Col ${j + 1}: ${col.title} (${col.unit})`)}</text>`);
  });
  const every = Math.max(1, Math.ceil(n / 12));
  series.starts.forEach((s, i) => {
    if (i % every === 0) parts.push(`<text x="${left + i * slot + slot / 2}" y="${top + plotH + 14}" text-anchor="middle">${startLabel(s, series.intervalSecs)}</text>`);
  });
  parts.push(`<text x="${left + plotW / 2}" y="${top + plotH + 30}" text-anchor="middle">time (s), ${series.intervalSecs} s intervals</text>`, "</svg>");
  return parts.join("\n") + "\n";
}
