// nc's port arguments: a number, a service name, an inclusive range lo-hi (either order), and our comma lists.
import { ToolError } from "../cli/error.ts";
import { strtonum } from "./nc-options.ts";
import { servicePort, type Proto } from "./services.ts";

const fail = (msg: string) => new ToolError(msg, 1);

/** One port number or service name, as nc's strtoport(): "port number invalid|too small|too large: X". */
export function parsePort(text: string, proto: Proto, allowService = true): number {
  const r = strtonum(text, 1, 65535);
  if ("value" in r) return r.value;
  if (r.error === "invalid" && allowService) {
    const svc = servicePort(text, proto);
    if (svc !== undefined) return svc;
  }
  throw fail(`port number ${r.error}: ${text}`);
}

/** Every port the arguments name, in order (ranges ascending; nc swaps a reversed range). */
export function parsePortArgs(args: readonly string[], proto: Proto): number[] {
  const out: number[] = [];
  // "22,80" is our extension (nc 1.219 takes several arguments instead); each item is a port or a range
  for (const item of args.flatMap((a) => (a.includes(",") ? a.split(",") : [a]))) {
    const dash = item.indexOf("-");
    // a dash after a non-digit start is part of a service name ("ftp-data"), as nc reads it
    if (dash < 0 || !/^\s*\d/.test(item)) {
      out.push(parsePort(item, proto));
      continue;
    }
    let lo = parsePort(item.slice(0, dash), proto, false);
    let hi = parsePort(item.slice(dash + 1), proto, false);
    if (lo > hi) [lo, hi] = [hi, lo];
    for (let p = lo; p <= hi; p++) out.push(p);
  }
  return out;
}

/** Fisher-Yates shuffle for -r. */
export function shuffled<T>(items: readonly T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
