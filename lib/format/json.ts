// -T json, -T jsonraw and -T json -e: tshark's array of {_index, _type, _score, _source: {layers}} documents.
//
// Use: write jsonStart() once, jsonPacket(pkt, opts, first) per packet, jsonEnd() at the end (tshark
// prints "[" even for an empty capture and "]" after the last packet).
import type { Expert, Node, Packet } from "../dissect/tree.ts";
import type { Field } from "../dissect/field.ts";
import { fieldText } from "./value.ts";
import { obj, prettyJson, type JsonObject, type JsonValue } from "./json-writer.ts";
import { childrenOf, expertGroupNumber, indexName, isTextItem, jsonKey, jsonValue, packetLayers, rawArray, SEVERITY_NUMBER, type JsonChild } from "./json-tree.ts";
import { nodeLabel } from "./value.ts";

export interface JsonOptions {
  /** the display values (-T json); false for -T jsonraw */
  readonly values: boolean;
  /** the "_raw" arrays (-T jsonraw, or -T json with -x) */
  readonly raw: boolean;
}

export const JSON_OPTIONS: JsonOptions = { values: true, raw: false };
export const JSONRAW_OPTIONS: JsonOptions = { values: false, raw: true };

export const jsonStart = (): string => "[\n";
export const jsonEnd = (anyPacket: boolean): string => (anyPacket ? "\n]\n" : "]\n");

/** Expert items have no bytes behind them: jsonraw gives them [0, 0, 0, ftenum] arrays (no hex, no bitmask). */
function expertRawObject(e: Expert): JsonObject {
  return obj([
    [`${e.abbrev}_raw`, [0, 0, 0, 0]],
    ["_ws.expert.message_raw", [0, 0, 0, 26]],
    ["_ws.expert.severity_raw", [0, 0, 0, 7]],
    ["_ws.expert.group_raw", [0, 0, 0, 7]],
  ]);
}

function expertObject(e: Expert): JsonObject {
  return obj([
    [e.abbrev, ""],
    ["_ws.expert.message", e.message],
    ["_ws.expert.severity", String(SEVERITY_NUMBER[e.severity])],
    ["_ws.expert.group", String(expertGroupNumber(e.group))],
  ]);
}

/** The members one node contributes to its parent object (value, raw array, children, in tshark's order). */
function nodeMembers(n: Node, o: JsonOptions, out: [string, JsonValue][]): void {
  const key = jsonKey(n);
  const kids = childrenOf(n);
  const value = jsonValue(n);
  const text = isTextItem(n);
  // with display values too (-T json -x), items that cover no bytes get no raw array
  if (o.raw && !text && (!o.values || n.length > 0)) out.push([key + "_raw", rawArray(n)]);
  if (o.values && value !== null) out.push([key, value]);
  if (kids.length) {
    const inner = childMembers(kids, o);
    // a protocol item made with its own label (the malformed marker) also names itself inside
    if (n.field.type === "FT_PROTOCOL" && n.label !== null && n.expert && o.values) inner.members.push([key, n.field.name]);
    out.push([value !== null ? key + "_tree" : key, inner]);
  } else if (o.values && value === null) {
    out.push([key, n.field.type === "FT_PROTOCOL" ? nodeLabel(n) : ""]);
  }
}

function childMembers(kids: readonly JsonChild[], o: JsonOptions): JsonObject {
  const members: [string, JsonValue][] = [];
  for (const k of kids) {
    if (k.node) nodeMembers(k.node, o, members);
    else if (k.expert && o.values) members.push(["_ws.expert", expertObject(k.expert)]);
    else if (k.expert) members.push(["_ws.expert_raw", [0, 0, 0, 1]], ["_ws.expert", expertRawObject(k.expert)]);
  }
  return obj(members);
}

/** The layers object of one packet: the frame, then each protocol, keyed by protocol abbrev. */
export function jsonLayers(pkt: Packet, o: JsonOptions): JsonObject {
  const members: [string, JsonValue][] = [];
  for (const layer of packetLayers(pkt)) {
    const key = layer.field.proto.abbrev;
    if (o.raw) members.push([key + "_raw", rawArray(layer)]);
    const kids = childrenOf(layer);
    if (kids.length) {
      const inner = childMembers(kids, o);
      if (layer.label !== null && layer.expert && o.values) inner.members.push([key, layer.field.name]);
      members.push([key, inner]);
    } else if (o.values) members.push([key, nodeLabel(layer)]);
  }
  return obj(members);
}

function document(pkt: Packet, layers: JsonObject): JsonObject {
  return obj([
    ["_index", indexName(pkt)],
    ["_type", "doc"],
    ["_score", null],
    ["_source", obj([["layers", layers]])],
  ]);
}

/** One packet's document, indented as the array element it is ("  {" ... "  }"), with the separator before it. */
export function jsonPacket(pkt: Packet, o: JsonOptions, first: boolean): string {
  const out: string[] = [first ? "  " : ",\n  "];
  prettyJson(document(pkt, jsonLayers(pkt, o)), "  ", out);
  return out.join("");
}

/** -T json -e f ...: only the named fields, each as an array of its values in this packet. */
export function jsonFieldsPacket(pkt: Packet, fields: readonly Field[], first: boolean): string {
  const members: [string, JsonValue][] = [];
  for (const f of fields) {
    const nodes = pkt.nodes(f);
    if (nodes.length) members.push([f.abbrev, nodes.map(fieldText)]);
  }
  const out: string[] = [first ? "  " : ",\n  "];
  prettyJson(document(pkt, obj(members)), "  ", out);
  return out.join("");
}
