// Literal values in a filter converted to the type of the field they are compared with, with tshark's error texts.
import type { Field, FieldType } from "../dissect/field.ts";
import { valueName } from "../dissect/field.ts";
import type { Span } from "./ast.ts";
import { fail } from "./error.ts";
import { intRange, prettyType, type ValueClass, type Val } from "./value-class.ts";
import { parseAbsTime } from "./abs-time.ts";

/** What the literal is compared with: its class and type, and the field when there is one (value strings). */
export interface Target {
  readonly cls: ValueClass;
  readonly ftype: FieldType;
  readonly field?: Field;
}

/** A literal as written: unparsed word, quoted string or char constant. */
export interface LiteralIn {
  readonly kind: "literal" | "string" | "char";
  /** word text, decoded string, or the char's code as text */
  readonly text: string;
  readonly span: Span;
}

const INT = /^[-+]?(?:0[xX][0-9A-Fa-f]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;

/** C-style integer text (decimal, 0x hex, 0 octal, 0b binary) or undefined. */
export function parseIntText(s: string): bigint | undefined {
  if (!INT.test(s)) return undefined;
  const neg = s.startsWith("-");
  const body = s.replace(/^[-+]/, "");
  let v: bigint;
  if (/^0[bB]/.test(body)) v = BigInt(body);
  else if (/^0[xX]/.test(body)) v = BigInt(body);
  else if (body.length > 1 && body.startsWith("0")) v = BigInt("0o" + body.slice(1));
  else v = BigInt(body);
  return neg ? -v : v;
}

/** A bigint as the number type the nodes hold (bigint only beyond 2^53). */
export function intVal(v: bigint): number | bigint {
  return v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v;
}

/** Value strings searched by name, case-insensitively, as Wireshark's dfilter does for "ip.proto == UDP". */
function byValueName(f: Field, name: string): number | undefined {
  const low = name.toLowerCase();
  if (f.strings) for (const [k, v] of f.strings) if (v.toLowerCase() === low) return k;
  if (f.ranges) for (const r of f.ranges) if (r.text.toLowerCase() === low) return r.lo;
  return undefined;
}

function notFound(src: string, lit: LiteralIn, f: Field): never {
  return fail(src, `"${lit.text}" cannot be found among the possible values for ${f.abbrev}.`, lit.span);
}

function fromString(src: string, lit: LiteralIn, t: Target): never {
  return fail(src, `${prettyType(t.ftype)} cannot be converted from a string ("${lit.text}").`, lit.span);
}

function toInt(src: string, lit: LiteralIn, t: Target): Val {
  let v: bigint | undefined;
  if (lit.kind === "char") v = BigInt(lit.text);
  else if (lit.kind === "literal") v = parseIntText(lit.text);
  if (v === undefined) {
    const f = t.field;
    if (f && (f.strings || f.ranges)) {
      const k = byValueName(f, lit.text);
      if (k === undefined) notFound(src, lit, f);
      return k;
    }
    if (lit.kind === "string") fromString(src, lit, t);
    fail(src, `"${lit.text}" is not a valid number.`, lit.span);
  }
  const r = intRange(t.ftype);
  if (r && v > r.max) fail(src, `"${lit.text}" too big for this field, maximum ${r.max}.`, lit.span);
  if (r && r.min < 0n && v < r.min) fail(src, `"${lit.text}" too small for this field, minimum ${r.min}.`, lit.span);
  return intVal(v);
}

function toBool(src: string, lit: LiteralIn, t: Target): Val {
  const s = lit.text;
  if (lit.kind === "char") return Number(s) ? 1 : 0;
  const n = lit.kind === "literal" ? parseIntText(s) : undefined;
  if (n !== undefined) return n !== 0n ? 1 : 0;
  if (s === "True" || s === "TRUE") return 1;
  if (s === "False" || s === "FALSE") return 0;
  const tfs = t.field?.tfs;
  if (tfs && s.toLowerCase() === tfs.yes.toLowerCase()) return 1;
  if (tfs && s.toLowerCase() === tfs.no.toLowerCase()) return 0;
  if (!tfs && s.toLowerCase() === "set") return 1;
  if (!tfs && s.toLowerCase() === "not set") return 0;
  if (t.field) notFound(src, lit, t.field);
  return fail(src, `"${s}" is not a valid boolean.`, lit.span);
}

/** Dotted-quad IPv4 text to a uint32, or undefined. */
function ipv4Of(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const b = m.slice(1).map(Number);
  if (b.some((x) => x > 255)) return undefined;
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

function toIpv4(src: string, lit: LiteralIn): Val {
  const [addr, bits] = lit.text.split("/", 2) as [string, string | undefined];
  const v = addr === "localhost" ? 0x7f000001 : ipv4Of(addr);
  if (v === undefined) fail(src, `"${addr}" is not a valid hostname or IPv4 address.`, lit.span);
  if (bits === undefined) return v;
  const n = /^\d+$/.test(bits) ? Number(bits) : NaN;
  if (!(n <= 32)) fail(src, `Netmask bits in a CIDR IPv4 address should be <= 32, not ${bits}`, lit.span);
  return { net: v, bits: n };
}

/** IPv6 text (with "::" and an optional dotted IPv4 tail) to 16 bytes, or undefined. */
export function ipv6Of(s: string): Uint8Array | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(s) || s.split("::").length > 2) return undefined;
  let tail: number[] = [];
  let text = s;
  const dot = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dot) {
    const v4 = ipv4Of(dot[1]!);
    if (v4 === undefined) return undefined;
    tail = [v4 >>> 16, v4 & 0xffff];
    text = s.slice(0, s.length - dot[1]!.length) + (s.endsWith("::" + dot[1]) ? "" : "");
    if (text.endsWith(":") && !text.endsWith("::")) text = text.slice(0, -1);
  }
  const [head, rest] = text.split("::") as [string, string | undefined];
  const parse = (p: string): number[] | undefined => {
    if (p === "") return [];
    const g = p.split(":");
    if (g.some((x) => !/^[0-9A-Fa-f]{1,4}$/.test(x))) return undefined;
    return g.map((x) => parseInt(x, 16));
  };
  const h = parse(head), r = rest === undefined ? [] : parse(rest);
  if (!h || !r) return undefined;
  const groups = rest === undefined ? [...h, ...tail] : [...h, ...new Array(8 - h.length - r.length - tail.length).fill(0), ...r, ...tail];
  if (groups.length !== 8 || (rest !== undefined && h.length + r.length + tail.length > 7)) return undefined;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

function toIpv6(src: string, lit: LiteralIn): Val {
  const [addr, bits] = lit.text.split("/", 2) as [string, string | undefined];
  const v = ipv6Of(addr);
  if (!v) fail(src, `"${addr}" is not a valid hostname or IPv6 address.`, lit.span);
  if (bits === undefined) return v;
  const n = /^\d+$/.test(bits) ? Number(bits) : NaN;
  if (!(n <= 128)) fail(src, `Prefix in a IPv6 address should be <= 128, not ${bits}`, lit.span);
  return { net: v, bits: n };
}

/** Hex byte text: "aa:bb:cc", "aa-bb", "aa.bb", "aabbcc", a single "7" or "7a"; undefined when not bytes. */
export function bytesOf(s: string): Uint8Array | undefined {
  if (/^[0-9A-Fa-f]{1,2}$/.test(s)) return Uint8Array.of(parseInt(s, 16));
  // Cisco-style "ffff.ffff.ffff": dots between groups of four digits
  if (/^[0-9A-Fa-f]{4}(?:\.[0-9A-Fa-f]{4})+$/.test(s)) return bytesOf(s.replace(/\./g, ""));
  const sep = /[:.\-]/.exec(s)?.[0];
  const parts = sep ? s.split(sep) : s.length % 2 === 0 ? s.match(/../g) ?? [] : [];
  if (!parts.length || parts.some((p) => !/^[0-9A-Fa-f]{1,2}$/.test(p))) return undefined;
  return Uint8Array.from(parts.map((p) => parseInt(p, 16)));
}

const ENC = new TextEncoder();

function toBytes(src: string, lit: LiteralIn, t: Target): Val {
  if (lit.kind === "string") return ENC.encode(lit.text);
  if (lit.kind === "char") return Uint8Array.of(Number(lit.text) & 0xff);
  const s = lit.text;
  if (/^0[xX][0-9A-Fa-f]+$/.test(s)) {
    const v = parseInt(s, 16);
    if (v <= 0xff) return Uint8Array.of(v);
    fail(src, `"${s}" is not a valid byte string.`, lit.span);
  }
  const b = bytesOf(s);
  if (t.ftype === "FT_ETHER") {
    if (!b || b.length < 6) fail(src, `"${s}" contains too few bytes to be a valid Ethernet address.`, lit.span);
    if (b.length > 6) fail(src, `"${s}" contains too many bytes to be a valid Ethernet address.`, lit.span);
  }
  if (!b) fail(src, `"${s}" is not a valid byte string.`, lit.span);
  return b;
}

function toRelTime(src: string, lit: LiteralIn, t: Target): Val {
  if (lit.kind === "string") fromString(src, lit, t);
  const m = /^(-?)(\d*)(?:\.(\d{0,9})\d*)?$/.exec(lit.text);
  if (!m || (m[2] === "" && !m[3])) return fail(src, `"${lit.text}" is not a valid time.`, lit.span);
  const ns = BigInt(m[2] || "0") * 1_000_000_000n + BigInt((m[3] ?? "").padEnd(9, "0"));
  return m[1] ? -ns : ns;
}

function toFloat(src: string, lit: LiteralIn, t: Target): Val {
  if (lit.kind === "string") fromString(src, lit, t);
  const v = lit.kind === "char" ? Number(lit.text) : /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(lit.text) ? Number(lit.text) : NaN;
  if (Number.isNaN(v)) fail(src, `"${lit.text}" is not a valid floating-point number.`, lit.span);
  return v;
}

function toAbsTime(src: string, lit: LiteralIn): Val {
  const v = parseAbsTime(lit.text);
  if (v === undefined) fail(src, `"${lit.text}" is not a valid absolute time. Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"`, lit.span);
  return v;
}

/** Convert a literal for comparison with a value of type `t`. */
export function convertLiteral(src: string, lit: LiteralIn, t: Target): Val {
  switch (t.cls) {
    case "int":
      return toInt(src, lit, t);
    case "bool":
      return toBool(src, lit, t);
    case "ipv4":
      return lit.kind === "string" ? fromString(src, lit, t) : toIpv4(src, lit);
    case "ipv6":
      return lit.kind === "string" ? fromString(src, lit, t) : toIpv6(src, lit);
    case "bytes":
      return toBytes(src, lit, t);
    case "string":
      return lit.kind === "char" ? String.fromCharCode(Number(lit.text)) : lit.text;
    case "reltime":
      return toRelTime(src, lit, t);
    case "float":
      return toFloat(src, lit, t);
    case "abstime":
      return toAbsTime(src, lit);
    case "none":
      return fail(src, `${prettyType(t.ftype)} cannot be converted from a string ("${lit.text}").`, lit.span);
  }
}

export { valueName };
