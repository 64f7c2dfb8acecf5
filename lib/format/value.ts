// Field values as text, by Wireshark type and base: the -T fields form and the "Name: value" label of -V.
import type { Field } from "../dissect/field.ts";
import { valueName } from "../dissect/field.ts";
import type { Node } from "../dissect/tree.ts";
import { etherAt, ipv4Text, ipv6At } from "./address.ts";
import { absTimeText } from "./time.ts";
import { macName } from "../dissect/names.ts";

const HEXBYTE: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Bytes as hex, with an optional separator ("" for -T fields, ":" for json and labels). */
export function hexBytes(data: Uint8Array, off: number, len: number, sep = ""): string {
  let s = "";
  for (let i = 0; i < len; i++) s += (i && sep ? sep : "") + HEXBYTE[data[off + i]!];
  return s;
}

/** Signed nanoseconds as "S.NNNNNNNNN" (FT_RELATIVE_TIME). */
export function relTimeText(ns: bigint): string {
  const neg = ns < 0n;
  const a = neg ? -ns : ns;
  return `${neg ? "-" : ""}${a / 1_000_000_000n}.${(a % 1_000_000_000n).toString().padStart(9, "0")}`;
}

function hexDigits(f: Field): number {
  return Math.max(2, Math.ceil((f.bits || 32) / 4));
}

/** Hex digits of a -V label: a bit field shows as many as its mask is wide (Wireshark's hfinfo_hex_digits). */
function labelHexDigits(f: Field): number {
  if (!f.mask) return hexDigits(f);
  const width = (BigInt(f.mask) >> BigInt(f.shift)).toString(2).length;
  return Math.ceil(width / 4);
}

/** An integer in the field's base as the filter/-T fields form shows it (FTREPR_DISPLAY). */
export function intText(f: Field, v: number | bigint): string {
  switch (f.base) {
    case "BASE_HEX":
    case "BASE_HEX_DEC":
      return "0x" + (typeof v === "bigint" ? BigInt.asUintN(64, v) : v >>> 0 === v ? v : v).toString(16).padStart(hexDigits(f), "0");
    case "BASE_OCT":
      return v === 0 || v === 0n ? "0" : "0" + v.toString(8);
    default:
      return v.toString();
  }
}

/** A node's value as -T fields prints it (and as filters compare it). */
export function fieldText(n: Node): string {
  const f = n.field;
  const v = n.value;
  switch (f.type) {
    case "FT_NONE":
      return "1";
    case "FT_PROTOCOL":
      return n.label ?? (n.text !== null ? f.name + n.text : f.name);
    case "FT_BOOLEAN":
      return v ? "1" : "0";
    case "FT_IPv4":
      return ipv4Text(v as number);
    case "FT_IPv6":
      return v instanceof Uint8Array ? ipv6At(v, 0) : ipv6At(n.data, n.start);
    case "FT_ETHER":
      return v instanceof Uint8Array ? etherAt(v, 0) : etherAt(n.data, n.start);
    case "FT_BYTES":
    case "FT_UINT_BYTES":
    case "FT_SYSTEM_ID":
    case "FT_OID":
    case "FT_REL_OID":
      return v instanceof Uint8Array ? hexBytes(v, 0, v.length) : hexBytes(n.data, n.start, n.length);
    case "FT_EUI64":
      return hexBytes(n.data, n.start, 8, ":");
    case "FT_ABSOLUTE_TIME":
      return absTimeText(v as bigint);
    case "FT_RELATIVE_TIME":
      return relTimeText(v as bigint);
    case "FT_STRING":
    case "FT_STRINGZ":
    case "FT_UINT_STRING":
    case "FT_STRINGZPAD":
    case "FT_STRINGZTRUNC":
      return String(v ?? "");
    case "FT_FLOAT":
    case "FT_DOUBLE":
      return doubleText(v as number);
    case "FT_FRAMENUM":
      return String(v);
    default:
      if (typeof v === "number" || typeof v === "bigint") return intText(f, v);
      return String(v ?? "");
  }
}

/** %g with up to 15 significant digits, as Wireshark's G_DOUBLE repr. */
export function doubleText(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return String(Number(v.toPrecision(15)));
}

/** Label options a run sets once (-n turns MAC names off in the tree as in the columns). */
export const displayOptions = { resolveMac: true };

/** The value part of a -V label: value names, units and the base's hex/decimal pairs. */
export function displayValue(n: Node): string {
  const f = n.field;
  const v = n.value;
  if (f.type === "FT_BOOLEAN") {
    const set = !!v;
    if (f.tfs) return set ? f.tfs.yes : f.tfs.no;
    return f.bits === 0 && !f.mask ? (set ? "True" : "False") : set ? "Set" : "Not set";
  }
  if (typeof v === "number" && f.bits && f.type !== "FT_IPv4" && f.type !== "FT_FRAMENUM") {
    const name = f.strings || f.ranges ? valueName(f, v) : undefined;
    const digits = labelHexDigits(f);
    const hex = "0x" + (v >>> 0).toString(16).padStart(digits, "0");
    let num: string;
    switch (f.base) {
      case "BASE_HEX":
        num = hex;
        break;
      case "BASE_HEX_DEC":
        num = `${hex} (${v})`;
        break;
      case "BASE_DEC_HEX":
        num = `${v} (${hex})`;
        break;
      case "BASE_OCT":
        num = v ? "0" + v.toString(8) : "0";
        break;
      default:
        num = String(v);
    }
    if (name !== undefined) return f.base === "BASE_NONE" ? name : `${name} (${f.base === "BASE_HEX_DEC" ? hex : num})`;
    if (f.strings && (f.strings.size || f.ranges)) return `Unknown (${num})`;
    return f.unit ? `${num} ${f.unit}` : num;
  }
  if (f.type === "FT_ETHER") {
    const raw = fieldText(n);
    if (!displayOptions.resolveMac) return raw;
    const bytes = v instanceof Uint8Array ? v : n.data;
    const at = v instanceof Uint8Array ? 0 : n.start;
    return `${macName(bytes, at, true)} (${raw})`;
  }
  // Wireshark's labels show at most 36 bytes of a byte string, then an ellipsis
  if (f.type === "FT_BYTES" && !(v instanceof Uint8Array) && n.length > 36) return hexBytes(n.data, n.start, 36) + "\u2026";
  if (f.type === "FT_BYTES" && n.length === 0 && !(v instanceof Uint8Array)) return "<MISSING>";
  if (f.type === "FT_RELATIVE_TIME") return `${relTimeText(v as bigint)} seconds`;
  return fieldText(n);
}

/** The bit picture before a masked field's label: "0100 .... = " for mask 0xf0 in an 8-bit container. */
export function bitPicture(f: Field, raw: number | bigint): string {
  const bits = f.bits || 8;
  // containers up to 32 bits (nearly every bit field) in plain numbers: BigInt per bit is slow
  if (bits <= 32 && typeof raw === "number" && typeof (f.mask ?? 0) === "number") {
    const m = (f.mask as number | undefined) ?? 0;
    let out = "";
    for (let i = bits - 1; i >= 0; i--) {
      const b = 2 ** i;
      out += Math.floor(m / b) % 2 ? (Math.floor(raw / b) % 2 ? "1" : "0") : ".";
      if (i && i % 4 === 0) out += " ";
    }
    return out;
  }
  const mask = BigInt(f.mask ?? 0);
  const val = BigInt(raw);
  let s = "";
  for (let i = bits - 1; i >= 0; i--) {
    const b = 1n << BigInt(i);
    s += mask & b ? (val & b ? "1" : "0") : ".";
    if (i && i % 4 === 0) s += " ";
  }
  return s;
}

/** The whole -V line of a node ("Source Port: 35871", ".... ..1. = LG bit: ...", "Frame 1: ..."). */
export function nodeLabel(n: Node): string {
  if (n.label !== null) return n.label;
  const f = n.field;
  if (f.type === "FT_PROTOCOL") return f.name + (n.text ?? "");
  if (f.type === "FT_NONE") return f.name + (n.text ?? "");
  let s = `${f.name}: ${displayValue(n)}`;
  if (f.mask && (typeof n.value === "number" || typeof n.value === "bigint")) {
    const raw = typeof n.value === "number" && f.bits <= 32 ? n.value * 2 ** f.shift : BigInt(n.value) << BigInt(f.shift);
    s = `${bitPicture(f, raw)} = ${s}`;
  }
  return n.text !== null ? s + n.text : s;
}
