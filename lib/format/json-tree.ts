// The packet tree as tshark's JSON renderers see it: keys, display values, raw byte arrays and expert items.
import type { Expert, Node, Packet } from "../dissect/tree.ts";
import type { FieldType } from "../dissect/field.ts";
import { fieldText, hexBytes } from "./value.ts";
import { nodeLabel } from "./value.ts";
import { topLevel } from "./tree-text.ts";
import { childrenInOrder } from "../dissect/expert.ts";

/** Wireshark's ftenum numbers, the fifth element of a "_raw" array. */
const FT_NUMBER: Readonly<Record<FieldType, number>> = {
  FT_NONE: 0, FT_PROTOCOL: 1, FT_BOOLEAN: 2, FT_CHAR: 3, FT_UINT8: 4, FT_UINT16: 5, FT_UINT24: 6, FT_UINT32: 7,
  FT_UINT40: 8, FT_UINT48: 9, FT_UINT56: 10, FT_UINT64: 11, FT_INT8: 12, FT_INT16: 13, FT_INT24: 14, FT_INT32: 15,
  FT_INT40: 16, FT_INT48: 17, FT_INT56: 18, FT_INT64: 19, FT_FLOAT: 22, FT_DOUBLE: 23, FT_ABSOLUTE_TIME: 24,
  FT_RELATIVE_TIME: 25, FT_STRING: 26, FT_STRINGZ: 27, FT_UINT_STRING: 28, FT_ETHER: 29, FT_BYTES: 30,
  FT_UINT_BYTES: 31, FT_IPv4: 32, FT_IPv6: 33, FT_IPXNET: 34, FT_FRAMENUM: 35, FT_GUID: 36, FT_OID: 37,
  FT_EUI64: 38, FT_AX25: 39, FT_VINES: 40, FT_REL_OID: 41, FT_SYSTEM_ID: 42, FT_STRINGZPAD: 43, FT_FCWWN: 44,
  FT_STRINGZTRUNC: 45,
};

/** Expert severities and groups as the numbers json and ek print (PI_* of Wireshark's expert.h). */
export const SEVERITY_NUMBER: Readonly<Record<Expert["severity"], number>> = {
  Comment: 0x00100000, Chat: 0x00200000, Note: 0x00400000, Warning: 0x00600000, Error: 0x00800000,
};
const GROUP_NUMBER: Readonly<Record<string, number>> = {
  Checksum: 0x01000000, Sequence: 0x02000000, "Response code": 0x03000000, "Request code": 0x04000000,
  Undecoded: 0x05000000, Reassemble: 0x06000000, Malformed: 0x07000000, Debug: 0x08000000, Protocol: 0x09000000,
  Security: 0x0a000000, Comment: 0x0b000000, Decryption: 0x0c000000, Assumption: 0x0d000000, Deprecated: 0x0e000000,
};
export const expertGroupNumber = (g: string): number => GROUP_NUMBER[g] ?? 0;

const BYTES_TYPES = new Set<FieldType>(["FT_BYTES", "FT_UINT_BYTES", "FT_ETHER", "FT_OID", "FT_REL_OID", "FT_SYSTEM_ID", "FT_GUID"]);

/** Text-only items (subtree headings) have no filter name: JSON keys them by their label. */
export const isTextItem = (n: Node): boolean => n.field.abbrev === "";

/** The member name of a node: its filter name, or the label of a text-only item. */
export function jsonKey(n: Node): string {
  return isTextItem(n) ? nodeLabel(n) : n.field.abbrev;
}

/** The display value json prints, or null for items that have none (protocols, FT_NONE, text items). */
export function jsonValue(n: Node): string | null {
  const t = n.field.type;
  if (t === "FT_NONE" || t === "FT_PROTOCOL" || isTextItem(n)) return null;
  if (BYTES_TYPES.has(t) && t !== "FT_ETHER") {
    const v = n.value;
    return v instanceof Uint8Array ? hexBytes(v, 0, v.length, ":") : hexBytes(n.data, n.start, n.length, ":");
  }
  return fieldText(n);
}

/** The "_raw" array: [hex of the bytes, offset, length, bitmask, ftenum]. */
export function rawArray(n: Node): [string, number, number, number, number] {
  const f = n.field;
  const mask = f.mask ? Number(f.mask) : 0;
  let hex: string;
  if (n.length === 0) hex = "";
  else if (mask && (typeof n.value === "number" || typeof n.value === "bigint")) hex = n.value.toString(16);
  else hex = hexBytes(n.data, n.start, Math.min(n.length, Math.max(0, n.data.length - n.start)));
  return [hex, n.start, n.length, mask, FT_NUMBER[f.type] ?? 0];
}

/** A node's children plus its expert items, which Wireshark hangs under the item as "_ws.expert" subtrees. */
export interface JsonChild {
  readonly node?: Node;
  readonly expert?: Expert;
}

export function childrenOf(n: Node): JsonChild[] {
  return n.children || n.expert ? childrenInOrder(n) : [];
}

/** The top-level items of a packet: the frame (its own fields only) and each protocol layer. */
export function packetLayers(pkt: Packet): Node[] {
  return pkt.root.field.id < 0 ? [] : topLevel(pkt.root);
}

/** "_index" of a packet: "packets-YYYY-MM-DD" in local time, as tshark names the daily index. */
export function indexName(pkt: Packet): string {
  const d = new Date(Number(pkt.frame.ts / 1_000_000n));
  const p = (x: number) => String(x).padStart(2, "0");
  return `packets-${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
