// ss's filter expressions: the lexer and grammar of ssfilter.y, and host/port conditions as parse_hostcond reads them.
import { readFileSync } from "node:fs";
import { ToolError } from "../cli/error.ts";
import { pton4, pton6 } from "./inet-address.ts";
import { DB, FAMILY } from "./record.ts";
import { servicePort } from "./services.ts";
import { selectFamily, type SsSelection } from "./ss-query.ts";
import { interfaceIndex } from "./interfaces.ts";

/** One address condition: a port (-1 = any) and address prefixes (any of them), or a unix glob. */
export interface HostCond {
  readonly family: number;
  readonly port: number;
  readonly prefixes: readonly { readonly bytes: Uint8Array; readonly bits: number }[];
  readonly unixGlob?: string;
}

export type FilterNode =
  | { readonly kind: "and" | "or"; readonly a: FilterNode; readonly b: FilterNode }
  | { readonly kind: "not"; readonly a: FilterNode }
  | { readonly kind: "src" | "dst"; readonly cond: HostCond }
  | { readonly kind: "sport>=" | "sport<=" | "dport>=" | "dport<="; readonly port: number }
  | { readonly kind: "autobound" }
  | { readonly kind: "dev"; readonly iface: number }
  | { readonly kind: "fwmark"; readonly mark: number; readonly mask: number };

/** A syntax error: ss prints the bison complaint and its usage, then exits 255. */
export class FilterSyntaxError extends Error {}

type Tok = { readonly t: string; readonly v?: FilterNode | HostCond | number | { mark: number; mask: number } };

const WORDS: Readonly<Record<string, string>> = {
  "!": "!", not: "!", "&": "&", "&&": "&", and: "&", "|": "|", "||": "|", or: "|", "(": "(", ")": ")",
  dst: "DCOND", src: "SCOND", dport: "DPORT", sport: "SPORT", dev: "DEVNAME", fwmark: "FWMARK", cgroup: "CGROUPPATH",
  ">=": "GEQ", ge: "GEQ", geq: "GEQ", "<=": "LEQ", le: "LEQ", leq: "LEQ", "!=": "NEQ", ne: "NEQ", neq: "NEQ",
  "=": "=", "==": "=", eq: "=", ">": ">", gt: ">", "<": "<", lt: "<", autobound: "AUTOBOUND",
};

/** Split one argument or filter-file line into words the way ss does (blanks separate, backslash escapes). */
export function filterWords(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === " " || ch === "\t") {
      if (inWord) out.push(cur);
      cur = "";
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === "\\") {
      i++;
      if (i >= line.length) break;
      cur += line[i]!;
    } else cur += ch;
  }
  if (inWord) out.push(cur);
  return out;
}

/** The words of a filter file: lines starting with '#' (or, as ss has it, '0') are skipped. */
export function filterFileWords(path: string): string[] {
  let text: string;
  try {
    text = path === "-" ? readFileSync(0, "utf8") : readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "No such file or directory" : code === "EACCES" ? "Permission denied" : code === "EISDIR" ? "Is a directory" : String(code);
    throw new ToolError(`fopen filter file: ${why}`, 255, [], true);
  }
  return text.split("\n").filter((l) => l.length > 0 && l[0] !== "#" && l[0] !== "0").flatMap(filterWords);
}

const lexError = (lines: string[]) => new ToolError(lines.join("\n"), 1, [], true);

let hostsByName: Map<string, Uint8Array[]> | undefined;

/** gethostbyname2 from /etc/hosts (no DNS: a filter never waits on the network). */
function hostsLookup(name: string, family: number): Uint8Array[] {
  if (!hostsByName) {
    hostsByName = new Map();
    try {
      for (const raw of readFileSync("/etc/hosts", "utf8").split("\n")) {
        const [addr, ...names] = raw.replace(/#.*/, "").trim().split(/\s+/);
        const b = addr ? (pton4(addr) ?? pton6(addr)) : undefined;
        if (!b) continue;
        for (const n of names) hostsByName.set(n.toLowerCase(), [...(hostsByName.get(n.toLowerCase()) ?? []), b]);
      }
    } catch {
      // no hosts file
    }
  }
  const all = hostsByName.get(name.toLowerCase()) ?? [];
  const want = (b: Uint8Array) => (family === FAMILY.INET ? b.length === 4 : family === FAMILY.INET6 ? b.length === 16 : true);
  return all.filter(want);
}

/** get_prefix_1: "addr[/len]", "default"/"any"/"all"; IPv4 may be short ("127.1" is not accepted, "10" is 10.0.0.0). */
function parsePrefix(text: string, family: number): { bytes: Uint8Array; bits: number } | undefined {
  const slash = text.indexOf("/");
  const addr = slash < 0 ? text : text.slice(0, slash);
  let bytes: Uint8Array | undefined;
  let anyWord = false;
  if (addr === "default" || addr === "any" || addr === "all") {
    anyWord = true;
    bytes = new Uint8Array(family === FAMILY.INET6 ? 16 : 4);
  } else if (addr.includes(":")) {
    if (family === FAMILY.INET) return undefined;
    bytes = pton6(addr);
  } else {
    if (family === FAMILY.INET6) return undefined;
    bytes = parseShortIpv4(addr);
  }
  if (!bytes) return undefined;
  let bits = bytes.length * 8;
  if (slash >= 0) {
    if (anyWord) return undefined;
    const mask = text.slice(slash + 1);
    const n = /^\d+$/.test(mask) ? Number(mask) : maskBits(mask);
    if (n === undefined || n > bits) return undefined;
    bits = n;
  } else if (anyWord) bits = 0;
  return { bytes, bits };
}

/** iproute2's get_addr_ipv4: one to four dotted decimal parts, missing ones zero. */
function parseShortIpv4(s: string): Uint8Array | undefined {
  const parts = s.split(".");
  if (parts.length > 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  const out = new Uint8Array(4);
  parts.forEach((p, i) => (out[i] = Number(p)));
  return out;
}

/** A dotted netmask as a prefix length (255.255.255.0 -> 24), when contiguous. */
function maskBits(mask: string): number | undefined {
  const b = pton4(mask);
  if (!b) return undefined;
  const n = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  const bits = n === 0 ? 0 : 32 - Math.log2((~n >>> 0) + 1);
  return Number.isInteger(bits) ? bits : undefined;
}

/** strtol with base 0 (decimal, 0x hex, 0 octal), whole string. */
function integer(s: string): number | undefined {
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(s)) return parseInt(s, 16);
  if (/^[+-]?0[0-7]*$/.test(s)) return parseInt(s, 8);
  if (/^[+-]?[1-9]\d*$/.test(s)) return parseInt(s, 10);
  return undefined;
}

const FAMILY_PREFIXES: readonly [string, number][] = [
  ["unix:", FAMILY.UNIX], ["link:", FAMILY.PACKET], ["netlink:", FAMILY.NETLINK], ["vsock:", FAMILY.VSOCK],
  ["inet:", FAMILY.INET], ["inet6:", FAMILY.INET6],
];

/** parse_hostcond: one address/port word after src/dst/sport/dport. Errors come out in ss's words, rc 1. */
export function parseHostCond(word: string, isPort: boolean, sel: SsSelection): HostCond {
  let addr = word;
  let family = sel.preferredFamily;
  for (const [p, f] of FAMILY_PREFIXES) {
    if (addr.startsWith(p)) {
      family = f;
      addr = addr.slice(p.length);
      break;
    }
  }
  const done = (c: HostCond): HostCond => {
    if (family !== 0) {
      const states = sel.states;
      sel.families = 0;
      selectFamily(sel, family);
      sel.states = states;
    }
    return c;
  };
  if (family === FAMILY.UNIX) return done({ family, port: -1, prefixes: [], unixGlob: addr });
  if (family === FAMILY.PACKET || family === FAMILY.NETLINK || family === FAMILY.VSOCK)
    throw new ToolError(`filters on ${word.split(":")[0]} sockets are not supported yet`, 1);

  let port: string | undefined;
  const unbracketed = addr;
  if (addr.startsWith("[")) {
    const close = addr.indexOf("]");
    if (close < 0) throw lexError(["Cannot parse dst/src address."]);
    port = addr.slice(close + 1);
    addr = addr.slice(1, close);
  } else if (addr.startsWith("*")) {
    port = addr.slice(1);
    addr = "*";
  } else {
    const slash = addr.indexOf("/");
    const colon = addr.lastIndexOf(":");
    if (colon >= 0 && colon >= (slash < 0 ? 0 : slash)) {
      port = addr.slice(colon);
      addr = addr.slice(0, colon);
    }
  }
  if (isPort) port = unbracketed.startsWith("[") ? addr : unbracketed;
  let portNum = -1;
  if (port) {
    if (port.startsWith(":")) port = port.slice(1);
    if (port && port !== "*" && !port.startsWith("*")) {
      const n = integer(port);
      if (n !== undefined) portNum = n;
      else {
        const udp = sel.dbs & (1 << DB.UDP) ? servicePort(port, "udp") : undefined;
        const tcp = sel.dbs & (1 << DB.TCP) ? servicePort(port, "tcp") : undefined;
        if (udp !== undefined && tcp !== undefined && udp !== tcp)
          throw lexError([`Error: ambiguous port "${port}".`, "Cannot parse dst/src address."]);
        const p = udp ?? tcp;
        if (p === undefined) throw lexError([`Error: "${port}" does not look like a port.`, "Cannot parse dst/src address."]);
        portNum = p;
      }
    }
  }
  const prefixes: { bytes: Uint8Array; bits: number }[] = [];
  if (!isPort && addr && addr !== "*") {
    const p = parsePrefix(addr, family);
    if (p) prefixes.push(p);
    else {
      const hits = hostsLookup(addr, family);
      if (!hits.length) throw lexError([`Error: an inet prefix is expected rather than "${addr}".`, "Cannot parse dst/src address."]);
      for (const b of hits) prefixes.push({ bytes: b, bits: b.length * 8 });
    }
  }
  return done({ family, port: portNum, prefixes });
}

/** Parse the words after the state words into a filter tree (undefined for an empty filter). */
export function parseSsFilter(words: readonly string[], sel: SsSelection): FilterNode | undefined {
  let i = 0;
  let lastKeyword = "";
  let ahead: Tok | null | undefined;

  const lex = (): Tok | null => {
    if (i >= words.length) return null;
    const w = words[i++]!;
    const t = WORDS[w];
    if (t) {
      if (["DCOND", "SCOND", "DPORT", "SPORT", "DEVNAME", "FWMARK", "CGROUPPATH", "AUTOBOUND"].includes(t)) lastKeyword = t;
      return { t };
    }
    if (lastKeyword === "DEVNAME") {
      const idx = interfaceIndex(w) ?? integer(w);
      if (idx === undefined || idx <= 0) throw lexError(["Cannot parse device."]);
      return { t: "DEVCOND", v: idx };
    }
    if (lastKeyword === "FWMARK") {
      const [m, k] = w.split("/");
      const mark = integer(m ?? "");
      const mask = k === undefined ? 0xffffffff : integer(k);
      if (mark === undefined || mask === undefined) throw lexError([`Cannot parse mark ${w}.`]);
      return { t: "MARKMASK", v: { mark: mark >>> 0, mask: mask >>> 0 } };
    }
    if (lastKeyword === "CGROUPPATH") throw new ToolError("cgroup filters are not supported yet", 1);
    return { t: "HOSTCOND", v: parseHostCond(w, lastKeyword === "SPORT" || lastKeyword === "DPORT", sel) };
  };
  const peek = (): Tok | null => (ahead === undefined ? (ahead = lex()) : ahead);
  const next = (): Tok | null => {
    const t = peek();
    ahead = undefined;
    return t;
  };
  const fail = (): never => {
    throw new FilterSyntaxError("syntax error");
  };
  const expect = (t: string): Tok => {
    const k = next();
    if (!k || k.t !== t) fail();
    return k!;
  };
  const optEq = () => {
    if (peek()?.t === "=") next();
  };

  const startsExpr = (t: Tok | null) =>
    !!t && ["(", "!", "DCOND", "SCOND", "DPORT", "SPORT", "DEVNAME", "FWMARK", "CGROUPPATH", "AUTOBOUND"].includes(t.t);

  const portExpr = (dir: "sport" | "dport"): FilterNode => {
    const op = peek();
    const kind = dir === "sport" ? "src" : "dst";
    const cond = () => expect("HOSTCOND").v as HostCond;
    switch (op?.t) {
      case "GEQ": next(); return { kind: `${dir}>=`, port: cond().port };
      case "LEQ": next(); return { kind: `${dir}<=`, port: cond().port };
      case ">": next(); return { kind: "not", a: { kind: `${dir}<=`, port: cond().port } };
      case "<": next(); return { kind: "not", a: { kind: `${dir}>=`, port: cond().port } };
      case "NEQ": next(); return { kind: "not", a: { kind, cond: cond() } };
      default: optEq(); return { kind, cond: cond() };
    }
  };

  const expr = (): FilterNode => {
    const t = next();
    if (!t) return fail();
    switch (t.t) {
      case "(": {
        const e = exprlist();
        expect(")");
        return e;
      }
      case "!": return { kind: "not", a: expr() };
      case "DCOND": optEq(); return { kind: "dst", cond: expect("HOSTCOND").v as HostCond };
      case "SCOND": optEq(); return { kind: "src", cond: expect("HOSTCOND").v as HostCond };
      case "DPORT": return portExpr("dport");
      case "SPORT": return portExpr("sport");
      case "DEVNAME": {
        const neg = peek()?.t === "NEQ";
        if (neg) next(); else optEq();
        const n: FilterNode = { kind: "dev", iface: expect("DEVCOND").v as number };
        return neg ? { kind: "not", a: n } : n;
      }
      case "FWMARK": {
        const neg = peek()?.t === "NEQ";
        if (neg) next(); else optEq();
        const m = expect("MARKMASK").v as { mark: number; mask: number };
        const n: FilterNode = { kind: "fwmark", mark: m.mark, mask: m.mask };
        return neg ? { kind: "not", a: n } : n;
      }
      case "CGROUPPATH": {
        if (peek()?.t === "NEQ") next(); else optEq();
        expect("CGROUPCOND");
        return fail();
      }
      case "AUTOBOUND": return { kind: "autobound" };
      default: return fail();
    }
  };

  const exprlist = (): FilterNode => {
    let left = expr();
    for (;;) {
      const t = peek();
      if (t?.t === "|") {
        next();
        left = { kind: "or", a: left, b: expr() };
      } else if (t?.t === "&") {
        next();
        left = { kind: "and", a: left, b: expr() };
      } else if (startsExpr(t)) left = { kind: "and", a: left, b: expr() };
      else return left;
    }
  };

  if (peek() === null) return undefined;
  const tree = exprlist();
  if (peek() !== null) fail();
  return tree;
}
