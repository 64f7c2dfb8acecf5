// getopt_long for the classic tools: one option table gives bundled short flags, glued or separate values, counts and lists.
//
// cac (used by echo-lab's subcommands) cannot read glued values (-q0, -p4444), coerces "0080" to 80 and
// turns repeats into arrays; nc, ss and tshark users type getopt syntax, so the classic tools parse here.
import { ToolError } from "./error.ts";

/** One option of a tool, declared once: parsing, usage text and docs all read this table. */
export interface OptionSpec {
  /** the one-letter form, e.g. "p" for -p */
  readonly short?: string;
  /** the long form without dashes, e.g. "source-port" for --source-port */
  readonly long?: string;
  /** key in the parsed values; defaults to `long`, then `short` */
  readonly key?: string;
  /** placeholder for the value, e.g. "port"; absent for a flag that takes none */
  readonly arg?: string;
  /** a long option whose value is optional (--opt or --opt=value) */
  readonly optionalArg?: boolean;
  /** how repeats combine: the last value wins (default), a count (-vv), or every value in order (-e a -e b) */
  readonly repeat?: "last" | "count" | "list";
  /** one line for --help */
  readonly help: string;
}

/** Parsed values: a flag is true, a counted flag a number, a value a raw string, a list an array. */
export type OptionValue = boolean | number | string | string[];

export interface ParsedArgs {
  readonly values: Readonly<Record<string, OptionValue>>;
  /** positional arguments, in order (options may come before or after them, as GNU getopt permutes) */
  readonly args: readonly string[];
  /** keys in the order they were given, for tools where order matters */
  readonly order: readonly string[];
}

/** How a tool words getopt's complaints; defaults are glibc's texts. */
export interface GetoptMessages {
  readonly invalid: (letter: string) => ToolError;
  readonly unrecognized: (arg: string) => ToolError;
  readonly requiresArg: (name: string, long: boolean) => ToolError;
}

export function glibcMessages(tool: string, exitCode: number, usage: readonly string[] = []): GetoptMessages {
  return {
    invalid: (l) => new ToolError(`invalid option -- '${l}'`, exitCode, usage),
    unrecognized: (a) => new ToolError(`unrecognized option '${a}'`, exitCode, usage),
    requiresArg: (n, long) =>
      new ToolError(long ? `option '--${n}' requires an argument` : `option requires an argument -- '${n}'`, exitCode, usage),
  };
}

const keyOf = (s: OptionSpec): string => s.key ?? s.long ?? s.short ?? "";

/** Parse argv (without the program name) against the table. Throws the tool's ToolError on bad options. */
export function getopt(argv: readonly string[], specs: readonly OptionSpec[], msgs: GetoptMessages): ParsedArgs {
  const byShort = new Map<string, OptionSpec>();
  const byLong = new Map<string, OptionSpec>();
  for (const s of specs) {
    if (s.short) byShort.set(s.short, s);
    if (s.long) byLong.set(s.long, s);
  }
  const values: Record<string, OptionValue> = {};
  const order: string[] = [];
  const args: string[] = [];

  const set = (s: OptionSpec, v: string | true) => {
    const k = keyOf(s);
    order.push(k);
    switch (s.repeat ?? "last") {
      case "count":
        values[k] = ((values[k] as number | undefined) ?? 0) + 1;
        break;
      case "list":
        values[k] = [...((values[k] as string[] | undefined) ?? []), String(v)];
        break;
      default:
        values[k] = v;
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const s = byLong.get(name) ?? uniquePrefix(byLong, name);
      if (!s) throw msgs.unrecognized(eq < 0 ? a : a.slice(0, eq));
      if (!s.arg) {
        if (eq >= 0) throw new ToolError(`option '--${s.long}' doesn't allow an argument`, msgs.invalid("").exitCode, msgs.invalid("").extra);
        set(s, true);
      } else if (eq >= 0) set(s, a.slice(eq + 1));
      else if (s.optionalArg) set(s, true);
      else if (i + 1 < argv.length) set(s, argv[++i]!);
      else throw msgs.requiresArg(s.long!, true);
      continue;
    }
    if (a.length > 1 && a[0] === "-") {
      for (let j = 1; j < a.length; j++) {
        const letter = a[j]!;
        const s = byShort.get(letter);
        if (!s) throw msgs.invalid(letter);
        if (!s.arg) {
          set(s, true);
          continue;
        }
        if (j + 1 < a.length) set(s, a.slice(j + 1));
        else if (i + 1 < argv.length) set(s, argv[++i]!);
        else throw msgs.requiresArg(letter, false);
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { values, args, order };
}

/** getopt_long accepts an unambiguous prefix of a long option (--verb for --verbose). */
function uniquePrefix(byLong: Map<string, OptionSpec>, name: string): OptionSpec | undefined {
  if (!name) return undefined;
  const hits = [...byLong.entries()].filter(([l]) => l.startsWith(name));
  return hits.length === 1 ? hits[0]![1] : undefined;
}

/** Typed readers over ParsedArgs.values, so tool code does not cast. */
export const opt = {
  flag: (p: ParsedArgs, k: string): boolean => p.values[k] !== undefined && p.values[k] !== false,
  count: (p: ParsedArgs, k: string): number => {
    const v = p.values[k];
    return typeof v === "number" ? v : v ? 1 : 0;
  },
  str: (p: ParsedArgs, k: string): string | undefined => {
    const v = p.values[k];
    return typeof v === "string" ? v : undefined;
  },
  list: (p: ParsedArgs, k: string): string[] => {
    const v = p.values[k];
    return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
  },
};

/** Render "-p, --source-port <port>   help" lines for a --help text from the same table. */
export function optionHelp(specs: readonly OptionSpec[], width = 28): string[] {
  return specs.map((s) => {
    const names = [s.short ? `-${s.short}` : "", s.long ? `--${s.long}` : ""].filter(Boolean).join(", ");
    const left = `  ${names}${s.arg ? ` <${s.arg}>` : ""}`;
    return `${left.padEnd(width)} ${s.help}`;
  });
}
