// How each Wireshark field type behaves in a filter: its value class, tshark's pretty type name, and how a node's value is read.
import type { FieldType } from "../dissect/field.ts";
import type { Node } from "../dissect/tree.ts";

/** Value classes: field types in one class compare with each other ("tcp.port == ip.proto"). */
export type ValueClass = "int" | "bool" | "float" | "ipv4" | "ipv6" | "bytes" | "string" | "abstime" | "reltime" | "none";

/** A CIDR literal: an IPv4 network (numbers) or an IPv6 prefix (bytes). */
export interface Net {
  readonly net: number | Uint8Array;
  /** prefix length in bits */
  readonly bits: number;
}

/** One value during evaluation (ints may be bigint for 64-bit fields; times are bigint ns). */
export type Val = number | bigint | string | Uint8Array | Net;

const CLASS: Partial<Record<FieldType, ValueClass>> = {
  FT_BOOLEAN: "bool", FT_FLOAT: "float", FT_DOUBLE: "float", FT_IPv4: "ipv4", FT_IPv6: "ipv6",
  FT_ABSOLUTE_TIME: "abstime", FT_RELATIVE_TIME: "reltime", FT_NONE: "none",
  FT_STRING: "string", FT_STRINGZ: "string", FT_UINT_STRING: "string", FT_STRINGZPAD: "string", FT_STRINGZTRUNC: "string",
  FT_PROTOCOL: "bytes", FT_BYTES: "bytes", FT_UINT_BYTES: "bytes", FT_ETHER: "bytes", FT_EUI64: "bytes", FT_AX25: "bytes",
  FT_SYSTEM_ID: "bytes", FT_FCWWN: "bytes", FT_GUID: "bytes", FT_OID: "bytes", FT_REL_OID: "bytes", FT_VINES: "bytes",
};

export function classOf(t: FieldType): ValueClass {
  return CLASS[t] ?? "int";
}

const SIZE: Partial<Record<FieldType, number>> = {
  FT_UINT8: 1, FT_UINT16: 2, FT_UINT24: 3, FT_UINT32: 4, FT_UINT40: 5, FT_UINT48: 6, FT_UINT56: 7, FT_UINT64: 8,
  FT_INT8: 1, FT_INT16: 2, FT_INT24: 3, FT_INT32: 4, FT_INT40: 5, FT_INT48: 6, FT_INT56: 7, FT_INT64: 8,
};

const PRETTY: Partial<Record<FieldType, string>> = {
  FT_NONE: "Label", FT_PROTOCOL: "Protocol", FT_BOOLEAN: "Boolean", FT_CHAR: "Character (1 byte)",
  FT_FLOAT: "Floating point (single-precision)", FT_DOUBLE: "Floating point (double-precision)",
  FT_ABSOLUTE_TIME: "Date and time", FT_RELATIVE_TIME: "Time offset",
  FT_STRING: "Character string", FT_STRINGZ: "Character string", FT_UINT_STRING: "Character string",
  FT_STRINGZPAD: "Character string", FT_STRINGZTRUNC: "Character string",
  FT_ETHER: "Ethernet or other MAC address", FT_BYTES: "Byte sequence", FT_UINT_BYTES: "Byte sequence",
  FT_IPv4: "IPv4 address", FT_IPv6: "IPv6 address", FT_FRAMENUM: "Frame number", FT_GUID: "Globally Unique Identifier",
  FT_OID: "ASN.1 object identifier", FT_REL_OID: "ASN.1 relative object identifier", FT_EUI64: "EUI64 address",
  FT_AX25: "AX.25 address", FT_SYSTEM_ID: "OSI System-ID", FT_FCWWN: "Fibre Channel WWN", FT_VINES: "VINES address",
  FT_IPXNET: "IPX network number",
};

/** The type name tshark puts in messages ("Unsigned integer (2 bytes)"). */
export function prettyType(t: FieldType): string {
  const n = SIZE[t];
  if (n !== undefined) return `${t.startsWith("FT_UINT") ? "Unsigned" : "Signed"} integer (${n} byte${n > 1 ? "s" : ""})`;
  return PRETTY[t] ?? t;
}

/** Bits of an integer type and whether it is signed (for "too big for this field"). */
export function intRange(t: FieldType): { min: bigint; max: bigint } | undefined {
  const n = SIZE[t] ?? (t === "FT_FRAMENUM" ? 4 : t === "FT_CHAR" ? 1 : undefined);
  if (n === undefined) return undefined;
  const bits = BigInt(n * 8);
  if (t.startsWith("FT_INT")) return { min: -(1n << (bits - 1n)), max: (1n << (bits - 1n)) - 1n };
  return { min: 0n, max: (1n << bits) - 1n };
}

/** Types a slice can be taken of (byte-like and string-like values). */
export function canSlice(c: ValueClass): boolean {
  return c === "bytes" || c === "string" || c === "ipv6";
}

const EMPTY = new Uint8Array(0);

/** The bytes a node covers (its value when a dissector stored a copy). */
export function nodeBytes(n: Node): Uint8Array {
  const v = n.value;
  if (v instanceof Uint8Array) return v;
  if (n.length <= 0) return EMPTY;
  return n.data.subarray(n.start, n.start + n.length);
}

/** Read a node's value for its class (no allocation for numbers and strings). */
export function readerFor(c: ValueClass): (n: Node) => Val {
  switch (c) {
    case "bool":
      return (n) => (n.value ? 1 : 0);
    case "bytes":
    case "ipv6":
      return nodeBytes;
    case "string":
      return (n) => (typeof n.value === "string" ? n.value : String(n.value ?? ""));
    case "none":
      return () => 1;
    default:
      return (n) => n.value as number | bigint;
  }
}
