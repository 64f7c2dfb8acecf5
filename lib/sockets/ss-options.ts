// ss's flags as one getopt table, and the settings they produce (in ss's order of effects, since -f, -A and -4/-6 interact).
import { ToolError } from "../cli/error.ts";
import { getopt, glibcMessages, type OptionSpec, type ParsedArgs } from "../cli/getopt.ts";
import { DB, FAMILY, SS, SS_ALL } from "./record.ts";
import { FAMILY_NAMES, newSelection, selectDb, selectFamily, selectQuery, type SsSelection } from "./ss-query.ts";
import { ssUsage } from "./ss-usage.ts";

export const SS_OPTIONS: readonly OptionSpec[] = [
  { short: "n", long: "numeric", help: "don't resolve service names" },
  { short: "r", long: "resolve", help: "resolve host names" },
  { short: "o", long: "options", help: "show timer information" },
  { short: "e", long: "extended", repeat: "count", help: "show detailed socket information" },
  { short: "m", long: "memory", help: "show socket memory usage" },
  { short: "i", long: "info", help: "show internal TCP information" },
  { short: "p", long: "processes", help: "show process using socket" },
  { short: "T", long: "threads", help: "show thread using socket" },
  { short: "b", long: "bpf", help: "show bpf filter socket information" },
  { short: "E", long: "events", help: "continually display sockets as they are destroyed" },
  { short: "d", long: "dccp", help: "display only DCCP sockets" },
  { short: "t", long: "tcp", help: "display only TCP sockets" },
  { short: "S", long: "sctp", help: "display only SCTP sockets" },
  { short: "u", long: "udp", help: "display only UDP sockets" },
  { short: "w", long: "raw", help: "display only RAW sockets" },
  { short: "x", long: "unix", help: "display only Unix domain sockets" },
  { long: "tipc", help: "display only TIPC sockets" },
  { long: "vsock", help: "display only vsock sockets" },
  { short: "a", long: "all", help: "display all sockets" },
  { short: "l", long: "listening", help: "display listening sockets" },
  { short: "4", long: "ipv4", help: "display only IP version 4 sockets" },
  { short: "6", long: "ipv6", help: "display only IP version 6 sockets" },
  { short: "0", long: "packet", help: "display PACKET sockets" },
  { short: "f", long: "family", arg: "FAMILY", repeat: "list", help: "display sockets of type FAMILY" },
  { short: "A", long: "query", arg: "QUERY", repeat: "list", help: "socket tables to show" },
  { long: "socket", key: "query", arg: "QUERY", repeat: "list", help: "socket tables to show" },
  { short: "s", long: "summary", help: "show socket usage summary" },
  { short: "D", long: "diag", arg: "FILE", help: "dump raw information about TCP sockets to FILE" },
  { short: "F", long: "filter", arg: "FILE", repeat: "list", help: "read filter information from FILE" },
  { short: "V", long: "version", help: "output version information" },
  { short: "v", key: "version", help: "output version information" },
  { short: "h", long: "help", help: "this message" },
  { short: "Z", long: "context", help: "display task SELinux security contexts" },
  { short: "z", long: "contexts", help: "display task and socket SELinux security contexts" },
  { short: "N", long: "net", arg: "NAME", help: "switch to the specified network namespace name" },
  { long: "tipcinfo", help: "show internal tipc socket information" },
  { long: "tos", help: "show tos and priority information" },
  { long: "cgroup", help: "show cgroup information" },
  { short: "K", long: "kill", help: "forcibly close sockets, display what was closed" },
  { short: "H", long: "no-header", help: "Suppress header line" },
  { long: "xdp", help: "display only XDP sockets" },
  { short: "M", long: "mptcp", help: "display only MPTCP sockets" },
  { short: "O", long: "oneline", help: "socket's data printed on a single line" },
  { long: "inet-sockopt", help: "show various inet socket options" },
  { long: "json", help: "print one JSON document instead of columns" },
  { long: "watch", arg: "SECS", help: "redraw every SECS seconds, marking changes" },
  { long: "netstat", help: "behave as net-tools netstat" },
  { long: "verbose", help: "say on stderr when a table was read from /proc (ss's -v prints the version)" },
];

/** Flags ss has that tsss does not do yet: each fails with this reason rather than being ignored. */
const NOT_YET: Readonly<Record<string, string>> = {
  tipc: "--tipc",
  tipcinfo: "--tipcinfo",
};

export interface SsSettings {
  readonly sel: SsSelection;
  readonly stateFilter: number;
  readonly numeric: boolean;
  readonly resolve: boolean;
  readonly showOptions: boolean;
  readonly bpf: boolean;
  readonly inetSockopt: boolean;
  /** -D FILE: dump the raw TCP diag replies there */
  readonly diag?: string;
  readonly details: boolean;
  readonly mem: boolean;
  readonly info: boolean;
  readonly processes: boolean;
  readonly threads: boolean;
  readonly tos: boolean;
  readonly cgroup: boolean;
  readonly header: boolean;
  readonly oneline: boolean;
  readonly summary: boolean;
  readonly json: boolean;
  readonly watch?: number;
  readonly verbose: boolean;
  readonly kill: boolean;
  readonly events: boolean;
  /** -N: the network namespace to read */
  readonly netns?: string;
  readonly filterFiles: readonly string[];
  readonly args: readonly string[];
  readonly help: boolean;
  readonly version: boolean;
}

/** The usage error of ss: message, the usage text, exit 255. */
export const usageError = (tool: string, message: string): ToolError => new ToolError(message, 255, ssUsage(tool));

export function parseSsArgs(argv: readonly string[], tool: string): SsSettings {
  const p: ParsedArgs = getopt(argv, SS_OPTIONS, glibcMessages(tool, 255, ssUsage(tool)));
  const has = (k: string) => p.values[k] !== undefined;
  const sel = newSelection();
  let stateFilter = 0;
  const listIndex: Record<string, number> = {};
  const nextOf = (k: string) => {
    const list = p.values[k] as string[];
    const i = listIndex[k] ?? 0;
    listIndex[k] = i + 1;
    return list[i]!;
  };
  let sawQuery = false;
  let netns: string | undefined;
  for (const k of p.order) {
    switch (k) {
      case "dccp": selectDb(sel, DB.DCCP); break;
      case "tcp": selectDb(sel, DB.TCP); break;
      case "sctp": selectDb(sel, DB.SCTP); break;
      case "udp": selectDb(sel, DB.UDP); break;
      case "raw": selectDb(sel, DB.RAW); break;
      case "mptcp": selectDb(sel, DB.MPTCP); break;
      case "unix": selectFamily(sel, FAMILY.UNIX); break;
      case "all": stateFilter = SS_ALL; break;
      case "listening": stateFilter = (1 << SS.LISTEN) | (1 << SS.CLOSE); break;
      case "ipv4": selectFamily(sel, FAMILY.INET); break;
      case "ipv6": selectFamily(sel, FAMILY.INET6); break;
      case "packet": selectFamily(sel, FAMILY.PACKET); break;
      case "vsock": selectFamily(sel, FAMILY.VSOCK); break;
      case "xdp": selectFamily(sel, FAMILY.XDP); break;
      case "family": {
        const name = nextOf("family");
        if (name === "help") return { ...defaults(sel), help: true };
        const af = FAMILY_NAMES[name];
        if (af === undefined) throw usageError(tool, `"${name}" is invalid family`);
        if (af === FAMILY.TIPC) throw new ToolError(`-f ${name} is not supported yet`, 1);
        selectFamily(sel, af);
        break;
      }
      case "query": {
        if (!sawQuery) {
          sel.dbs = 0;
          stateFilter = stateFilter || (SS_ALL & ~((1 << SS.LISTEN) | (1 << SS.CLOSE) | (1 << SS.TIME_WAIT) | (1 << SS.SYN_RECV)));
          sawQuery = true;
          sel.useDefault = false;
        }
        for (const w of nextOf("query").split(",")) {
          if (["tipc"].includes(w.replace(/^!/, "")))
            throw new ToolError(`-A ${w} is not supported yet`, 1);
          if (!selectQuery(sel, w)) throw usageError(tool, `"${w}" is illegal socket table id`);
        }
        break;
      }
      case "net":
        netns = p.values.net as string;
        break;
      default:
        if (NOT_YET[k]) throw new ToolError(`${NOT_YET[k]} is not supported yet`, 1);
    }
  }
  if (has("context") || has("contexts")) throw new ToolError("SELinux is not enabled.", 1);
  const watch = p.values.watch as string | undefined;
  if (watch !== undefined && !(Number(watch) > 0)) throw new ToolError(`invalid --watch interval: ${watch}`, 255);
  return {
    sel,
    stateFilter,
    numeric: has("numeric"),
    resolve: has("resolve"),
    showOptions: has("options") || has("extended") || has("bpf"),
    bpf: has("bpf"),
    inetSockopt: has("inet-sockopt"),
    diag: p.values.diag as string | undefined,
    details: has("extended"),
    mem: has("memory"),
    info: has("info"),
    processes: has("processes"),
    threads: has("threads"),
    tos: has("tos"),
    cgroup: has("cgroup"),
    header: !has("no-header"),
    oneline: has("oneline"),
    summary: has("summary"),
    json: has("json"),
    watch: watch === undefined ? undefined : Number(watch),
    verbose: has("verbose"),
    kill: has("kill"),
    events: has("events"),
    netns,
    filterFiles: (p.values.filter as string[] | undefined) ?? [],
    args: p.args,
    help: has("help"),
    version: has("version"),
  };
}

function defaults(sel: SsSelection): SsSettings {
  return {
    sel, stateFilter: 0, numeric: false, resolve: false, showOptions: false, bpf: false, inetSockopt: false, details: false, mem: false, info: false,
    processes: false, threads: false, tos: false, cgroup: false, header: true, oneline: false, summary: false, json: false,
    verbose: false, kill: false, events: false, filterFiles: [], args: [], help: false, version: false,
  };
}
