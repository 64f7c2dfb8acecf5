// The field registry's building blocks: every filter / -e / -V / -G name is declared here once, by its protocol.
//
// How a dissector declares its fields (read this first):
//
//   export const udp = defineProtocol({ abbrev: "udp", name: "User Datagram Protocol", short: "UDP" }, {
//     srcport: { name: "Source Port", type: "FT_UINT16", base: "BASE_PT_UDP" },
//     "checksum.status": { name: "Checksum Status", type: "FT_UINT8", base: "BASE_NONE", strings: CHECKSUM_STATUS },
//   });
//   udp.f.srcport          -> the Field whose abbrev is "udp.srcport" (keys are appended to the protocol abbrev)
//   udp.f["checksum.status"]
//
// `type` and `base` are Wireshark's own FT_* / BASE_* names, so `-G fields` prints them as they are and
// lib/format/value.ts formats a value exactly as tshark does for that type and base. A boolean's base is
// the width in bits of its container (Wireshark's convention: 8, 16, 24, 32 or 0). `mask` is the bit
// field inside the container; the value stored in a node is already shifted right by the mask.
// Keys whose abbrev does not start with the protocol's (Wireshark has a few, e.g. "udplite.*" under udp)
// can set `abbrev` explicitly. Nothing registers itself: lib/dissect/registry.ts lists the protocols.

/** Wireshark's field types (the FT_* names tshark prints in -G fields). */
export type FieldType =
  | "FT_NONE" | "FT_PROTOCOL" | "FT_BOOLEAN" | "FT_CHAR"
  | "FT_UINT8" | "FT_UINT16" | "FT_UINT24" | "FT_UINT32" | "FT_UINT40" | "FT_UINT48" | "FT_UINT56" | "FT_UINT64"
  | "FT_INT8" | "FT_INT16" | "FT_INT24" | "FT_INT32" | "FT_INT40" | "FT_INT48" | "FT_INT56" | "FT_INT64"
  | "FT_FLOAT" | "FT_DOUBLE" | "FT_ABSOLUTE_TIME" | "FT_RELATIVE_TIME"
  | "FT_STRING" | "FT_STRINGZ" | "FT_UINT_STRING" | "FT_STRINGZPAD" | "FT_STRINGZTRUNC"
  | "FT_ETHER" | "FT_BYTES" | "FT_UINT_BYTES" | "FT_IPv4" | "FT_IPv6" | "FT_FRAMENUM" | "FT_GUID" | "FT_OID"
  | "FT_EUI64" | "FT_REL_OID" | "FT_SYSTEM_ID" | "FT_FCWWN" | "FT_AX25" | "FT_VINES" | "FT_IPXNET";

/** Wireshark's display bases (BASE_* as printed by -G fields); booleans use the container width instead. */
export type FieldBase =
  | "BASE_NONE" | "BASE_DEC" | "BASE_HEX" | "BASE_OCT" | "BASE_DEC_HEX" | "BASE_HEX_DEC" | "BASE_CUSTOM"
  | "BASE_PT_UDP" | "BASE_PT_TCP" | "BASE_PT_DCCP" | "BASE_PT_SCTP" | "BASE_OUI" | "BASE_EXP"
  | "BASE_STR_WSP" | "BASE_NETMASK" | "BASE_SHOW_ASCII_PRINTABLE"
  | 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 24 | 32 | 40 | 48 | 56 | 64;

/** A value_string / range_string / true_false_string, all as data. */
export type ValueStrings = ReadonlyMap<number, string>;
export interface RangeString { readonly lo: number; readonly hi: number; readonly text: string }
export interface TrueFalse { readonly yes: string; readonly no: string }

/** What a dissector writes once per field. */
export interface FieldSpec {
  /** display name, e.g. "Source Port" */
  readonly name: string;
  readonly type: FieldType;
  readonly base?: FieldBase;
  /** value names (ip.proto 6 -> "TCP") */
  readonly strings?: ValueStrings;
  /** value ranges with names, tried when `strings` has no entry */
  readonly ranges?: readonly RangeString[];
  /** booleans: the words for set / not set ("Set" / "Not set" when absent) */
  readonly tfs?: TrueFalse;
  /** unit appended to the value in -V ("bytes", "seconds") */
  readonly unit?: string;
  /** the bit field inside its container (0 or absent: the whole container) */
  readonly mask?: number | bigint;
  /** -G fields' description column */
  readonly blurb?: string;
  /** abbrev when it does not follow "<proto>.<key>" */
  readonly abbrev?: string;
}

/** A declared field: the spec plus its full filter name, its protocol and a dense id for per-packet indexes. */
export interface Field extends FieldSpec {
  readonly abbrev: string;
  readonly proto: Protocol;
  readonly id: number;
  /** how far right a masked value is shifted (the mask's trailing zero bits) */
  readonly shift: number;
  /** width of the container in bits for integer and boolean types (0 when not an integer) */
  readonly bits: number;
}

export interface ProtocolInfo {
  /** filter name, e.g. "tcp" */
  readonly abbrev: string;
  /** long name, e.g. "Transmission Control Protocol" */
  readonly name: string;
  /** short name for the Protocol column and "[Malformed Packet: X]", e.g. "TCP" */
  readonly short: string;
}

export interface Protocol extends ProtocolInfo {
  /** the FT_PROTOCOL field whose abbrev is the protocol's own ("tcp"), the root of its subtree */
  readonly self: Field;
  readonly fields: readonly Field[];
}

export type ProtocolWith<S> = Protocol & { readonly f: { readonly [K in keyof S]: Field } };

/** Every field of every protocol, by dense id (the only global state, as DESIGN.md allows). */
export const allFields: Field[] = [];

const BITS: Partial<Record<FieldType, number>> = {
  FT_CHAR: 8, FT_UINT8: 8, FT_INT8: 8, FT_UINT16: 16, FT_INT16: 16, FT_UINT24: 24, FT_INT24: 24,
  FT_UINT32: 32, FT_INT32: 32, FT_UINT40: 40, FT_INT40: 40, FT_UINT48: 48, FT_INT48: 48,
  FT_UINT56: 56, FT_INT56: 56, FT_UINT64: 64, FT_INT64: 64, FT_FRAMENUM: 32, FT_IPv4: 32,
};

function trailingZeros(mask: number | bigint | undefined): number {
  if (!mask) return 0;
  let m = BigInt(mask);
  let n = 0;
  while ((m & 1n) === 0n) {
    m >>= 1n;
    n++;
  }
  return n;
}

function makeField(proto: Protocol, abbrev: string, spec: FieldSpec): Field {
  const bits = spec.type === "FT_BOOLEAN" ? (typeof spec.base === "number" ? spec.base : 0) : BITS[spec.type] ?? 0;
  const f: Field = { ...spec, abbrev, proto, id: allFields.length, shift: trailingZeros(spec.mask), bits };
  allFields.push(f);
  return f;
}

/** Declare a protocol and its fields. Keys become "<abbrev>.<key>" unless the spec sets `abbrev`. */
export function defineProtocol<const S extends Record<string, FieldSpec>>(info: ProtocolInfo, specs: S): ProtocolWith<S> {
  const fields: Field[] = [];
  const p = { ...info, fields } as unknown as { self: Field; f: Record<string, Field> } & Protocol;
  p.self = makeField(p, info.abbrev, { name: info.name, type: "FT_PROTOCOL" });
  p.f = {};
  for (const [key, spec] of Object.entries(specs)) {
    const f = makeField(p, spec.abbrev ?? `${info.abbrev}.${key}`, spec);
    p.f[key] = f;
    fields.push(f);
  }
  return p as unknown as ProtocolWith<S>;
}

/** Build a value-string map from an object literal ({ 6: "TCP" }). */
export function vals(o: Readonly<Record<number, string>>): ValueStrings {
  return new Map(Object.entries(o).map(([k, v]) => [Number(k), v]));
}

/** The name of a value, as Wireshark's val_to_str/rval_to_str would find it, or undefined. */
export function valueName(f: FieldSpec, v: number): string | undefined {
  const s = f.strings?.get(v);
  if (s !== undefined || !f.ranges) return s;
  for (const r of f.ranges) if (v >= r.lo && v <= r.hi) return r.text;
  return undefined;
}

/**
 * The field of text-only items (Wireshark's proto_tree_add_subtree / add_text): no filter name, the label
 * is the node's whole text. Renderers recognise it by `abbrev === ""`; -G fields never lists it.
 */
export const TEXT_FIELD: Field = (() => {
  const proto = { abbrev: "", name: "", short: "", fields: [] } as unknown as Protocol;
  const f: Field = { name: "", type: "FT_NONE", abbrev: "", proto, id: -2, shift: 0, bits: 0 };
  (proto as { self: Field }).self = f;
  return f;
})();
