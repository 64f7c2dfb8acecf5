// tsss as net-tools netstat: its flags (unknown ones exit 3) and views: sockets, -r routes, -i interfaces, -c repeat.
import { ToolError } from "../cli/error.ts";
import { getopt, glibcMessages, opt, type OptionSpec } from "../cli/getopt.ts";
import { versionLine } from "../cli/version.ts";
import { NETSTAT_USAGE } from "./netstat-usage.ts";
import { interfaceTable, internetListing, internetRecords, programNames, readInterfaces, readRoutes, routeTable, unixListing, type NetstatFlags } from "./netstat-views.ts";
import { socketOwners } from "./processes.ts";
import { reverseNames } from "./host-names.ts";
import { readProcInet, readProcUnix } from "./proc-net.ts";
import { snakeKeys, socketsJson } from "./json-view.ts";
import { statisticsJson, statisticsText } from "./netstat-stats.ts";

const OPTIONS: readonly OptionSpec[] = [
  { short: "r", long: "route", help: "display routing table" },
  { short: "i", long: "interfaces", help: "display interface table" },
  { short: "g", long: "groups", help: "display multicast group memberships" },
  { short: "s", long: "statistics", help: "display networking statistics (like SNMP)" },
  { short: "M", long: "masquerade", help: "display masqueraded connections" },
  { short: "v", long: "verbose", repeat: "count", help: "be verbose" },
  { short: "W", long: "wide", help: "don't truncate IP addresses" },
  { short: "n", long: "numeric", help: "don't resolve names" },
  { long: "numeric-hosts", help: "don't resolve host names" },
  { long: "numeric-ports", help: "don't resolve port names" },
  { long: "numeric-users", help: "don't resolve user names" },
  { short: "N", long: "symbolic", help: "resolve hardware names" },
  { short: "e", long: "extend", repeat: "count", help: "display other/more information" },
  { short: "p", long: "programs", help: "display PID/Program name for sockets" },
  { short: "o", long: "timers", help: "display timers" },
  { short: "c", long: "continuous", help: "continuous listing" },
  { short: "l", long: "listening", help: "display listening server sockets" },
  { short: "a", long: "all", help: "display all sockets (default: connected)" },
  { short: "F", long: "fib", help: "display Forwarding Information Base (default)" },
  { short: "C", long: "cache", help: "display routing cache instead of FIB" },
  { short: "Z", long: "context", help: "display SELinux security context for sockets" },
  { short: "t", long: "tcp", help: "TCP sockets" },
  { short: "u", long: "udp", help: "UDP sockets" },
  { short: "U", long: "udplite", help: "UDP-Lite sockets" },
  { short: "S", long: "sctp", help: "SCTP sockets" },
  { short: "w", long: "raw", help: "raw sockets" },
  { short: "x", long: "unix", help: "UNIX domain sockets" },
  { short: "4", long: "inet", help: "IPv4 only" },
  { short: "6", long: "inet6", help: "IPv6 only" },
  { short: "A", long: "protocol", arg: "af", help: "address families" },
  { short: "V", long: "version", help: "version" },
  { short: "h", long: "help", help: "help" },
  { long: "json", help: "one JSON document" },
];

const NOT_YET: Readonly<Record<string, string>> = {
  groups: "-g", masquerade: "-M", cache: "-C", udplite: "-U", sctp: "-S", symbolic: "-N",
};

export async function netstatMain(argv: readonly string[], write: (s: string | Uint8Array) => void): Promise<number> {
  const p = getopt(argv, OPTIONS, glibcMessages("netstat", 3, NETSTAT_USAGE));
  const has = (k: string) => opt.flag(p, k);
  if (has("help")) {
    write(NETSTAT_USAGE.join("\n") + "\n");
    return 0;
  }
  if (has("version")) {
    write(versionLine("netstat (tsss)") + "\n");
    return 0;
  }
  for (const k of Object.keys(NOT_YET)) if (has(k)) throw new ToolError(`${NOT_YET[k]} is not supported yet`, 1);
  if (has("context")) throw new ToolError("SELinux is not enabled on this machine.", 1, [], true);
  if (p.args.length) throw new ToolError(`invalid option -- '${p.args[0]}'`, 3, NETSTAT_USAGE);
  const af = opt.str(p, "protocol");
  if (af !== undefined && !["inet", "inet6", "unix"].includes(af)) throw new ToolError(`Unknown address family \`${af}'.`, 1, [], true);
  const numeric = has("numeric");
  const render = async (): Promise<string> => {
    const json = (doc: Record<string, unknown>) => JSON.stringify({ tool: "netstat", ...doc }, null, 2) + "\n";
    if (has("statistics") && ["tcp", "udp", "raw", "inet", "inet6"].some(has)) throw new ToolError("-s with -t/-u/-w/-4/-6 is not supported yet", 1);
    if (has("statistics")) return has("json") ? json(statisticsJson()) : statisticsText();
    if (has("route")) return has("json") ? json({ routes: readRoutes().map(snakeKeys) }) : routeTable(numeric || has("numeric-hosts"));
    if (has("interfaces")) {
      if (opt.count(p, "extend")) throw new ToolError("-ie (ifconfig-style interface listing) is not supported yet", 1);
      return has("json") ? json({ interfaces: readInterfaces(has("all")).map(snakeKeys) }) : interfaceTable(has("all"));
    }
    const anySock = has("tcp") || has("udp") || has("raw") || has("unix");
    const protos = (["tcp", "udp", "raw"] as const).filter((k) => (anySock ? has(k) : true));
    const v6only = has("inet6") || af === "inet6";
    const v4only = has("inet") || af === "inet";
    const families = { v4: !v6only || v4only, v6: !v4only || v6only };
    const inetWanted = anySock ? has("tcp") || has("udp") || has("raw") : af !== "unix";
    const unixWanted = anySock ? has("unix") : !(v4only || v6only) && (af === undefined || af === "unix");
    const owners = has("programs") ? socketOwners(false) : undefined;
    const flags: NetstatFlags = {
      all: has("all"),
      listening: has("listening"),
      numericHosts: numeric || has("numeric-hosts"),
      numericPorts: numeric || has("numeric-ports"),
      numericUsers: numeric || has("numeric-users"),
      extend: opt.count(p, "extend") * 2,
      programs: has("programs"),
      timers: has("timers"),
      wide: has("wide"),
      programOf: owners ? programNames(owners) : undefined,
      hostNames: numeric || has("numeric-hosts") || !inetWanted ? undefined : await reverseNames(internetRecords(protos)),
    };
    if (has("json")) {
      const records = [
        ...(inetWanted ? protos.flatMap((t) => [...(families.v4 ? (readProcInet(t, 0xfff) ?? []) : []), ...(families.v6 ? (readProcInet(`${t}6`, 0xfff) ?? []) : [])]) : []),
        ...(unixWanted ? (readProcUnix(0xfff, 0xffff) ?? []) : []),
      ];
      const d = { numeric, showOptions: false, details: false, mem: false, info: false, tos: false, cgroup: false, processes: !!owners, threads: false, oneline: true, header: false, owners };
      return JSON.stringify({ ...socketsJson(records, d), tool: "netstat" }, null, 2) + "\n";
    }
    let out = "";
    if (inetWanted) out += internetListing(protos, families, flags);
    if (unixWanted) out += unixListing(flags);
    return out;
  };
  if (!has("continuous")) {
    write(await render());
    return 0;
  }
  const rounds = Number(process.env.TSNET_WATCH_ROUNDS ?? "0");
  for (let round = 1; ; round++) {
    write(await render());
    if (rounds && round >= rounds) return 0;
    await Bun.sleep(1000);
  }
}
