// tsss as ss: flags -> selection -> sockets from the kernel -> filter -> columns (or JSON, or a live watch).
import { ToolError } from "../cli/error.ts";
import { versionLine } from "../cli/version.ts";
import { collectSockets } from "./collect.ts";
import { FilterSyntaxError, filterFileWords, filterWords, parseSsFilter, type FilterNode } from "./ss-filter.ts";
import { matchSsFilter } from "./ss-filter-match.ts";
import { parseSsArgs, usageError, type SsSettings } from "./ss-options.ts";
import { mergeDefaults, selectQuery, stateMask } from "./ss-query.ts";
import { SS_CONN, type SocketRecord } from "./record.ts";
import { readSummary, renderSummary } from "./ss-summary.ts";
import { renderSsListing, stateColors, type SsDisplay } from "./ss-view.ts";
import { colorWanted, colors } from "../cli/color.ts";
import { socketOwners } from "./processes.ts";
import { ssUsage } from "./ss-usage.ts";
import { reverseNames } from "./host-names.ts";
import { snakeKeys, socketsJson } from "./json-view.ts";
import { watchSockets } from "./watch.ts";
import { fastEligible, fastListing } from "./ss-fast.ts";
import { followDestroyed } from "./events.ts";
import { switchNetns } from "./netns.ts";
import { dumpTcpDiag } from "./tcpdiag-file.ts";
import { NETLINK, NlRequester } from "./netlink.ts";
import { destroySocket } from "./inet-diag.ts";
import { strerror } from "../sys/libc.ts";

/** Everything a run needs after parsing: what to read, how to filter, how to show it. */
export interface SsPlan {
  readonly settings: SsSettings;
  readonly filter?: FilterNode;
  readonly oneTable: boolean;
  readonly oneState: boolean;
}

/** Apply state words, defaults and the filter expression (ss's main after getopt). */
export function planSs(settings: SsSettings, tool: string, stdout: (s: string) => void): SsPlan | number {
  const { sel } = settings;
  let stateFilter = settings.stateFilter;
  const args = [...settings.args];
  if (settings.summary) {
    const sum = readSummary();
    stdout(settings.json ? JSON.stringify({ tool: "tsss", summary: snakeKeys(sum) }, null, 2) + "\n" : renderSummary(sum));
    if (sel.useDefault && args.length === 0) return 0;
  }
  let sawStates = false;
  while (args.length) {
    const w = args[0]!;
    if (w !== "state" && w !== "exclude" && w !== "excl") break;
    if (args.length < 2) throw new ToolError('Command line is not complete. Try option "help"', 255, [], true);
    const mask = stateMask(args[1]!);
    if (mask === undefined) throw new ToolError(`wrong state name: ${args[1]}`, 255);
    if (w === "state") {
      if (!sawStates) stateFilter = 0;
      stateFilter |= mask;
    } else {
      if (!sawStates) stateFilter = (1 << 12) - 1;
      stateFilter &= ~mask;
    }
    sawStates = true;
    args.splice(0, 2);
  }
  if (sel.useDefault) {
    stateFilter = stateFilter || SS_CONN;
    selectQuery(sel, "all");
  }
  if (stateFilter) sel.states = stateFilter;
  mergeDefaults(sel);
  const quit = (m: string): number => {
    process.stderr.write(`${tool}: ${m}\n`);
    return 0;
  };
  if (sel.dbs === 0) return quit("no socket tables to show with such filter.");
  if (sel.families === 0) return quit("no families to show with such filter.");
  if (sel.states === 0) return quit("no socket states to show with such filter.");
  if (settings.diag !== undefined) return dumpTcpDiag(sel, settings.diag, tool);
  if (settings.filterFiles.length > 1) throw new ToolError("More than one filter file", 255, [], true);
  const words = [...args.flatMap(filterWords), ...settings.filterFiles.flatMap(filterFileWords)];
  let filter: FilterNode | undefined;
  try {
    filter = parseSsFilter(words, sel);
  } catch (e) {
    if (e instanceof FilterSyntaxError) throw usageError(tool, 'bison bellows (while parsing filter): "syntax error!" Sorry.');
    throw e;
  }
  return { settings, filter, oneTable: !(sel.dbs & (sel.dbs - 1)), oneState: !(sel.states & (sel.states - 1)) };
}

/** Whether a filter looks at socket marks (the only filter that needs the netlink attributes). */
function hasMarkFilter(f: FilterNode | undefined): boolean {
  if (!f) return false;
  if (f.kind === "fwmark") return true;
  if (f.kind === "and" || f.kind === "or") return hasMarkFilter(f.a) || hasMarkFilter(f.b);
  return f.kind === "not" && hasMarkFilter(f.a);
}

/**
 * -K: close every matching inet socket through SOCK_DESTROY and keep the ones the kernel closed. Sockets it
 * cannot close (EOPNOTSUPP: no CONFIG_INET_DIAG_DESTROY; ENOENT: already gone) drop out silently, as in ss.
 */
function killSockets(records: readonly SocketRecord[]): SocketRecord[] {
  const kept: SocketRecord[] = [];
  let requester: NlRequester | undefined;
  try {
    for (const r of records) {
      if (!r.diagId) {
        kept.push(r);
        continue;
      }
      requester ??= new NlRequester(NETLINK.SOCK_DIAG);
      const err = destroySocket((t, p) => requester!.ask(t, p), r);
      if (err === 0) kept.push(r);
      else if (err !== 95 && err !== 2) {
        process.stderr.write(`SOCK_DESTROY answers: ${strerror(err)}\n`);
        break;
      }
    }
  } finally {
    requester?.close();
  }
  return kept;
}

/** Read and filter the sockets of a plan. */
export function readPlan(plan: SsPlan, notes?: string[]): SocketRecord[] {
  const s = plan.settings;
  const all = collectSockets(s.sel, {
    notes,
    mem: s.mem,
    info: s.info,
    tos: s.tos,
    details: s.details,
    attrs: s.details || s.cgroup || s.json || s.inetSockopt || hasMarkFilter(plan.filter),
    keepId: s.kill,
    onFallback: s.verbose ? (t, why) => process.stderr.write(`tsss: reading /proc/net/${t} (netlink: ${why})\n`) : undefined,
  });
  const matched = plan.filter ? all.filter((r) => matchSsFilter(plan.filter!, r)) : all;
  return s.kill ? killSockets(matched) : matched;
}

/** The display settings of a plan, with process owners and host names looked up for these records. */
export async function displayFor(plan: SsPlan, records: readonly SocketRecord[]): Promise<SsDisplay> {
  const s = plan.settings;
  return {
    numeric: s.numeric,
    showOptions: s.showOptions,
    details: s.details,
    mem: s.mem,
    info: s.info,
    tos: s.tos,
    cgroup: s.cgroup,
    processes: s.processes,
    threads: s.threads,
    oneline: s.oneline,
    header: s.header,
    bpf: s.bpf,
    inetSockopt: s.inetSockopt,
    plain: !(s.processes || s.threads || s.showOptions || s.details || s.mem || s.info || s.tos || s.cgroup || s.inetSockopt),
    owners: s.processes || s.threads ? socketOwners(s.threads) : undefined,
    hostNames: s.resolve ? await reverseNames(records) : undefined,
  };
}

export async function ssMain(argv: readonly string[], tool: string, write: (s: string | Uint8Array) => void): Promise<number> {
  const settings = parseSsArgs(argv, tool);
  if (settings.help) {
    write(ssUsage(tool).join("\n") + "\n");
    return 0;
  }
  if (settings.version) {
    write(versionLine(tool) + "\n");
    return 0;
  }
  if (settings.netns !== undefined) switchNetns(settings.netns);
  const plan = planSs(settings, tool, write);
  if (typeof plan === "number") return plan;
  if (settings.watch !== undefined) return watchSockets(plan, settings.watch, write);
  if (settings.events) return followDestroyed(plan, await displayFor(plan, []));
  const tty = Boolean(process.stdout.isTTY);
  const screen = tty ? process.stdout.columns : undefined;
  const paint = colorWanted(1) ? stateColors(colors(1)) : undefined;
  if (fastEligible(plan)) {
    const out = fastListing(plan, settings.processes ? socketOwners(false) : undefined, screen, paint);
    if (out) {
      write(out);
      return 0;
    }
  }
  // ss prints what its netlink layer says about a table while it renders rows, which it does at the end;
  // keep such lines until the listing is out, so stderr reads in the same order.
  const notes: string[] = [];
  const records = readPlan(plan, notes);
  const display = await displayFor(plan, records);
  if (settings.json) {
    write(JSON.stringify(socketsJson(records, display), null, 2) + "\n");
    return 0;
  }
  write(renderSsListing(records, display, plan.oneTable, plan.oneState, screen, paint));
  for (const n of notes) process.stderr.write(n);
  return 0;
}
