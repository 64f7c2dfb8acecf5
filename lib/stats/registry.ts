// The -z statistics tsshark knows: one table from the argument's prefix to the statistic it builds.
import { ToolError } from "../cli/error.ts";
import type { Stat, StatEnv } from "./stat.ts";
import { CONVERSATION_KINDS, conversationKind } from "./address-pair.ts";
import { conversationStat } from "./conversations.ts";
import { endpointStat } from "./endpoints.ts";
import { protocolHierarchyStat } from "./protocol-hierarchy.ts";
import { followStat, parseFollowSelector } from "./follow.ts";
import { ioStat } from "./io-stat.ts";
import { flowStat, FLOW_KINDS } from "./flow.ts";

interface StatEntry {
  /** the name tshark lists ("conv,tcp"); the argument is this name, then optionally ",FILTER" or mode/stream */
  readonly name: string;
  readonly make: (rest: string, arg: string, env: StatEnv) => Stat;
}

const ENTRIES: readonly StatEntry[] = [
  ...CONVERSATION_KINDS.map((k) => ({ name: `conv,${k.name}`, make: (rest: string, arg: string) => conversationStat(k, rest, arg) })),
  ...CONVERSATION_KINDS.map((k) => ({ name: `endpoints,${k.name}`, make: (rest: string, arg: string) => endpointStat(k, rest, arg) })),
  ...(["tcp", "udp"] as const).map((p) => ({
    name: `follow,${p}`,
    make: (rest: string, arg: string) => {
      const comma = rest.indexOf(",");
      const mode = comma < 0 ? rest : rest.slice(0, comma);
      if (comma < 0) throw new ToolError(mode === "" || !["ascii", "hex", "raw", "yaml"].includes(mode) ? "follow - Invalid display mode." : "follow - Invalid address.", 1);
      const selector = parseFollowSelector(rest.slice(comma + 1));
      if (!selector) {
        followStat(p, mode, { stream: 0 }, arg); // an invalid mode is reported before the address
        throw new ToolError("follow - Invalid address.", 1);
      }
      return followStat(p, mode, selector, arg);
    },
  })),
  { name: "io,phs", make: (rest, arg) => protocolHierarchyStat(rest, arg) },
  { name: "io,stat", make: (rest, arg, env) => ioStat(rest, arg, env.compile) },
  ...FLOW_KINDS.map((k) => ({
    name: `flow,${k}`,
    make: (rest: string, arg: string, env: StatEnv) => flowStat(k, rest, arg, env.timeDigits ?? (() => 9)),
  })),
];

/** Build the statistic a -z argument names, or fail with tshark's message and the list of what exists. */
export function parseStatArg(arg: string, env: StatEnv = {}): Stat {
  // the longest name that is the argument or a prefix of it followed by a comma
  const hit = [...ENTRIES]
    .sort((a, b) => b.name.length - a.name.length)
    .find((e) => arg === e.name || arg.startsWith(e.name + ","));
  if (!hit) {
    throw new ToolError(`Invalid -z argument "${arg}"; it must be one of:`, 1, statNames().map((n) => `     ${n}`));
  }
  return hit.make(arg.slice(hit.name.length + 1), arg, env);
}

/** The names -z accepts, sorted as tshark lists them. */
export function statNames(): string[] {
  return ENTRIES.map((e) => e.name).sort();
}

export { conversationKind };
