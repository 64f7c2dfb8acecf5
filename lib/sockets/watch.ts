// --watch SECS: redraw the listing every SECS seconds and mark sockets that appeared (+), changed state (~) or went away (-).
import { colors } from "../cli/color.ts";
import type { SocketRecord } from "./record.ts";
import { displayFor, readPlan, type SsPlan } from "./ss-main.ts";
import { renderSsListing } from "./ss-view.ts";

/** What identifies a socket across refreshes: table and both ends (the inode changes in TIME-WAIT). */
export const socketKey = (r: SocketRecord): string => `${r.netid} ${r.local.addr}:${r.local.port} ${r.remote.addr}:${r.remote.port}`;

export type Change = "new" | "changed" | "gone" | "same";

/** Compare two snapshots: each current socket with its change, plus the ones that are gone. */
export function diffSnapshots(before: ReadonlyMap<string, SocketRecord> | undefined, now: readonly SocketRecord[]): { rows: { r: SocketRecord; change: Change }[] } {
  const rows: { r: SocketRecord; change: Change }[] = [];
  const seen = new Set<string>();
  for (const r of now) {
    const k = socketKey(r);
    seen.add(k);
    const old = before?.get(k);
    rows.push({ r, change: !before ? "same" : !old ? "new" : old.state !== r.state ? "changed" : "same" });
  }
  if (before) for (const [k, r] of before) if (!seen.has(k)) rows.push({ r, change: "gone" });
  return { rows };
}

const MARK: Record<Change, string> = { new: "+ ", changed: "~ ", gone: "- ", same: "  " };

/** Run until interrupted (or for TSNET_WATCH_ROUNDS refreshes, which the tests use). */
export async function watchSockets(plan: SsPlan, secs: number, write: (s: string) => void): Promise<number> {
  const c = colors(1);
  const paint: Record<Change, (s: string) => string> = { new: c.green, changed: c.yellow, gone: (s) => c.dim(c.red(s)), same: (s) => s };
  const rounds = Number(process.env.TSNET_WATCH_ROUNDS ?? "0");
  let before: Map<string, SocketRecord> | undefined;
  for (let round = 1; ; round++) {
    const now = readPlan(plan);
    const { rows } = diffSnapshots(before, now);
    const display = await displayFor(plan, now);
    const lines = new TextDecoder().decode(renderSsListing(rows.map((x) => x.r), display, plan.oneTable, plan.oneState)).split("\n");
    const head = display.header ? [`  ${lines.shift()}`] : [];
    const body = rows.map((x, i) => paint[x.change](MARK[x.change] + (lines[i] ?? "")));
    const clear = process.stdout.isTTY ? "\x1b[H\x1b[2J" : "";
    const stamp = `Every ${secs}s: tsss ${new Date().toISOString()}  (+ new, ~ state changed, - gone)`;
    write(`${clear}${stamp}\n${[...head, ...body].join("\n")}\n`);
    before = new Map(now.map((r) => [socketKey(r), r]));
    if (rounds && round >= rounds) return 0;
    await Bun.sleep(secs * 1000);
  }
}
