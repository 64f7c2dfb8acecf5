// tsnc --allow/--deny/--allowfile/--denyfile: ncat's host access list over Nmap-style host specifications.
//
// API (stable; the tsnc core wires it in):
//   buildAcl(spec) -> Promise<(address) => boolean>   resolves host names once, at start-up (as ncat does);
//                                                    throws ToolError (rc 2) with ncat's texts for bad specs.
//   ACL_DENIED                                       the -v line for a refused peer ("tsnc: " + it); the peer is
//                                                    then reset (ByteStream.reset()), as ncat does.
//
// Rules measured on ncat 7.93: a comma separates hosts ("--allow 10.0.0.1,127.0.0.1"), repeated flags add up,
// a peer is refused when an allow list exists and it is not on it, or when it is on the deny list (deny wins
// when both match). A spec is an IPv4 address whose octets may be "*" or ranges "a-b" ("10.0.*.1-20"), with
// an optional "/bits"; an IPv6 address with optional "/bits"; or a host name (every address it resolves to,
// optionally "/bits"). "::ffff:a.b.c.d" and "a.b.c.d" are the same host. Files hold specs separated by
// white space or commas; "#" starts a comment.
import { readFileSync } from "node:fs";
import { ToolError } from "../cli/error.ts";
import { ipFamily, ipv6Bytes } from "./sockaddr.ts";

export interface AclSpec {
  readonly allow?: readonly string[];
  readonly deny?: readonly string[];
  readonly allowFiles?: readonly string[];
  readonly denyFiles?: readonly string[];
  /** -n: host names are an error instead of being resolved */
  readonly numeric?: boolean;
}

/** ncat's line for a refused connection (it prints it with -v). */
export const ACL_DENIED = "New connection denied: not allowed";

/** ncat's exit status for a bad host specification or an unreadable file. */
export const ACL_EXIT = 2;

/** Inclusive octet ranges, one list per octet; a number [lo, hi] pair each. */
type OctetRanges = readonly (readonly [number, number])[];

/** One compiled host specification. */
type HostRule =
  | { readonly family: 4; readonly octets: readonly OctetRanges[]; readonly bits: number }
  | { readonly family: 6; readonly value: bigint; readonly bits: number };

type Matcher = (address: string) => boolean;

function badSpec(spec: string, reason = "Name or service not known"): ToolError {
  return new ToolError(`Error resolving name "${spec}": ${reason}`, ACL_EXIT, [`tsnc: error in host specification "${spec}". QUITTING.`]);
}

/** "*" | "n" | "a-b" | "-b" | "a-" -> [lo, hi], or undefined when it is not an octet range. */
function octetRange(text: string): [number, number] | undefined {
  if (text === "*") return [0, 255];
  const m = /^(\d{0,3})(?:(-)(\d{0,3}))?$/.exec(text);
  if (!m || (m[1] === "" && m[2] === undefined)) return undefined;
  const lo = m[1] === "" ? 0 : Number(m[1]);
  const hi = m[2] === undefined ? lo : m[3] === "" ? 255 : Number(m[3]);
  if (lo > 255 || hi > 255 || lo > hi) return undefined;
  return [lo, hi];
}

function ipv4Octets(text: string): OctetRanges[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const ranges = parts.map(octetRange);
  return ranges.every((r) => r !== undefined) ? ranges.map((r) => [r!] as OctetRanges) : undefined;
}

function ipv6Value(address: string): bigint {
  let v = 0n;
  for (const b of ipv6Bytes(address)) v = (v << 8n) | BigInt(b);
  return v;
}

/** "::ffff:1.2.3.4" -> "1.2.3.4", so a mapped peer and an IPv4 rule meet. */
function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

function exactRule(address: string, bits?: number): HostRule {
  const a = unmapped(address);
  if (ipFamily(a) === 4) return { family: 4, octets: a.split(".").map((o) => [[Number(o), Number(o)]] as OctetRanges), bits: bits ?? 32 };
  return { family: 6, value: ipv6Value(a), bits: bits ?? 128 };
}

/** Some value in `ranges` agrees with `octet` on the bits of `mask`. */
function octetMatches(ranges: OctetRanges, octet: number, mask: number): boolean {
  for (const [lo, hi] of ranges) {
    if (mask === 0xff) {
      if (octet >= lo && octet <= hi) return true;
      continue;
    }
    for (let v = lo; v <= hi; v++) if ((v & mask) === (octet & mask)) return true;
  }
  return false;
}

function ruleMatches(rule: HostRule, address: string): boolean {
  const a = unmapped(address);
  const family = ipFamily(a);
  if (family !== rule.family) return false;
  if (rule.family === 4) {
    const octets = a.split(".").map(Number);
    return rule.octets.every((ranges, i) => {
      const bitsHere = Math.max(0, Math.min(8, rule.bits - i * 8));
      return octetMatches(ranges, octets[i]!, (0xff << (8 - bitsHere)) & 0xff);
    });
  }
  const shift = BigInt(128 - rule.bits);
  return ipv6Value(a) >> shift === rule.value >> shift;
}

async function resolveName(name: string, spec: string): Promise<string[]> {
  try {
    const dns = await import("node:dns");
    const found = await dns.promises.lookup(name, { all: true, verbatim: true });
    if (found.length > 0) return found.map((f) => f.address);
  } catch {
    /* reported below in ncat's words */
  }
  throw badSpec(spec);
}

/** One specification (no commas) -> its rules. */
async function compileSpec(spec: string, numeric: boolean): Promise<HostRule[]> {
  const slash = spec.lastIndexOf("/");
  const host = slash >= 0 ? spec.slice(0, slash) : spec;
  const bitsText = slash >= 0 ? spec.slice(slash + 1) : undefined;
  if (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText)) throw badSpec(spec);
  const bits = bitsText === undefined ? undefined : Number(bitsText);
  const v4 = ipFamily(host) === 4 || ipv4Octets(host) !== undefined;
  if (bits !== undefined && bits > (v4 ? 32 : 128)) throw badSpec(spec);
  const octets = ipv4Octets(host);
  if (octets) return [{ family: 4, octets, bits: bits ?? 32 }];
  if (ipFamily(host) === 6) return [exactRule(host, bits)];
  if (numeric || host === "" || !/^[A-Za-z0-9_.-]+$/.test(host)) throw badSpec(spec);
  const addresses = await resolveName(host, spec);
  return addresses.map((a) => exactRule(a, a.includes(":") ? bits : bits === undefined ? undefined : Math.min(bits, 32)));
}

/** The specs in a flag value or a file's text: commas and white space separate, "#" comments. */
export function splitHostSpecs(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/#.*$/, ""))
    .join(" ")
    .split(/[\s,]+/)
    .filter((s) => s !== "");
}

function readSpecFile(path: string): string[] {
  try {
    return splitHostSpecs(readFileSync(path, "utf8"));
  } catch (e) {
    const code = (e as { code?: string }).code;
    const reason = code === "ENOENT" ? "No such file or directory" : code === "EACCES" ? "Permission denied" : code === "EISDIR" ? "Is a directory" : String((e as Error).message);
    throw new ToolError(`can't open ${path}: ${reason}. QUITTING.`, ACL_EXIT);
  }
}

async function compileList(values: readonly string[], files: readonly string[], numeric: boolean): Promise<HostRule[] | undefined> {
  // In a flag value only commas separate: ncat takes "a b" as one (bad) specification.
  const specs = [...values.flatMap((v) => v.split(",").filter((s) => s !== "")), ...files.flatMap(readSpecFile)];
  if (values.length === 0 && files.length === 0) return undefined;
  const rules: HostRule[] = [];
  for (const s of specs) rules.push(...(await compileSpec(s, numeric)));
  return rules;
}

/** Compile the access list; the result says whether a peer address may connect. */
export async function buildAcl(spec: AclSpec): Promise<Matcher> {
  const numeric = spec.numeric ?? false;
  const allow = await compileList(spec.allow ?? [], spec.allowFiles ?? [], numeric);
  const deny = await compileList(spec.deny ?? [], spec.denyFiles ?? [], numeric);
  return (address: string): boolean => {
    if (deny?.some((r) => ruleMatches(r, address))) return false;
    return allow === undefined || allow.some((r) => ruleMatches(r, address));
  };
}
